"""Festival dates are computed (lunardate, dateutil), checked against known calendar facts."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal.festivals import festival_date
from timeline.temporal.resources import load

FACTS = [
    ("spring_festival", 2023, date(2023, 1, 22)),
    ("spring_festival", 2024, date(2024, 2, 10)),
    ("spring_festival", 2025, date(2025, 1, 29)),
    ("chinese_new_years_eve", 2024, date(2024, 2, 9)),
    ("chinese_new_years_eve", 2025, date(2025, 1, 28)),
    ("lantern_festival", 2024, date(2024, 2, 24)),
    ("dragon_boat_festival", 2024, date(2024, 6, 10)),
    ("mid_autumn_festival", 2023, date(2023, 9, 29)),
    ("easter", 2024, date(2024, 3, 31)),
    ("good_friday", 2024, date(2024, 3, 29)),
    ("thanksgiving", 2023, date(2023, 11, 23)),
    ("black_friday", 2023, date(2023, 11, 24)),
    ("cyber_monday", 2023, date(2023, 11, 27)),
    ("memorial_day", 2024, date(2024, 5, 27)),
    ("labor_day_us", 2024, date(2024, 9, 2)),
    ("mothers_day", 2024, date(2024, 5, 12)),
    ("double_11", 2023, date(2023, 11, 11)),
    ("ecommerce_618", 2023, date(2023, 6, 18)),
]


@pytest.mark.parametrize(("festival", "year", "expected"), FACTS, ids=[f[0] for f in FACTS])
def test_festival_date(festival: str, year: int, expected: date) -> None:
    table = load().festivals
    assert festival_date(table[festival], year, table) == expected


def test_festival_lunar_outside_library_range_is_none() -> None:
    table = load().festivals
    assert festival_date(table["spring_festival"], 1850, table) is None
