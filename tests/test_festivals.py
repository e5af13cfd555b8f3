"""Festival dates are computed (lunar-python, dateutil), checked against known calendar facts
and against the dates the previous libraries gave (tests/fixtures/festival_dates.csv)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.temporal.festivals import LUNAR_YEARS, festival_date
from timeline.temporal.resources import SOLAR_TERMS, Festival, load

FACTS = [
    ("spring_festival", 2023, date(2023, 1, 22)),
    ("spring_festival", 2024, date(2024, 2, 10)),
    ("spring_festival", 2025, date(2025, 1, 29)),
    ("chinese_new_years_eve", 2024, date(2024, 2, 9)),
    ("chinese_new_years_eve", 2025, date(2025, 1, 28)),
    ("lantern_festival", 2024, date(2024, 2, 24)),
    ("dragon_boat_festival", 2024, date(2024, 6, 10)),
    ("mid_autumn_festival", 2023, date(2023, 9, 29)),
    ("qingming", 2024, date(2024, 4, 4)),
    ("qingming", 2025, date(2025, 4, 4)),
    # the holidays library's table of Chinese-calendar dates (1901-2100) agrees with these;
    # lunardate 0.3 stopped at 2098 and gave 1978-09-16 for the Mid-Autumn Festival of 1978
    ("spring_festival", 2099, date(2099, 1, 21)),
    ("spring_festival", 2100, date(2100, 2, 9)),
    ("dragon_boat_festival", 2100, date(2100, 6, 12)),
    ("mid_autumn_festival", 2100, date(2100, 9, 18)),
    ("mid_autumn_festival", 1978, date(1978, 9, 17)),
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


def test_festival_chinese_calendar_outside_its_years_is_none() -> None:
    table = load().festivals
    assert (LUNAR_YEARS.start, LUNAR_YEARS.stop) == (1901, 2101)
    for name in ("spring_festival", "chinese_new_years_eve", "qingming"):
        festival = table[name]
        for year in (1850, 1900, 2101, 2500):
            assert festival_date(festival, year, table) is None, (name, year)
        for year in (1901, 2100):
            assert festival_date(festival, year, table) is not None, (name, year)


def test_festival_lunar_day_the_month_lacks_is_none() -> None:
    # the 12th month of Chinese year 2024 had 29 days: New Year's Eve was 2025-01-28, the 29th
    def lunar(month: int, day: int) -> Festival:
        return Festival("x", ("x",), "lunar", month=month, day=day)

    assert festival_date(lunar(12, 29), 2024, {}) == date(2025, 1, 28)
    assert festival_date(lunar(12, 30), 2024, {}) is None
    assert festival_date(lunar(13, 1), 2024, {}) is None


@pytest.mark.parametrize("term", sorted(SOLAR_TERMS))
def test_festival_solar_term_falls_in_the_asked_year(term: str) -> None:
    festival = Festival("x", ("x",), "solar_term", term=term)
    for year in (LUNAR_YEARS[0], 2000, 2024, LUNAR_YEARS[-1]):
        day = festival_date(festival, year, {})
        assert day is not None
        assert day.year == year, (term, year, day)


# --- against the dates the previous libraries gave -------------------------------------------
#
# tests/fixtures/festival_dates.csv holds, for each Chinese-calendar festival and each year
# 2000-2100, the date the code gave at commit fd479ed: lunar festivals from lunardate 0.3,
# Qingming from the holidays library (0.109), its CN "Tomb-Sweeping Day". An empty date is a
# None. Those are calendar facts, so lunar-python must give the same, with these exceptions:
#
# - None in the old dates, for which the new date is only checked to be plausible:
#   the lunar festivals in 2099 and 2100 (lunardate's table stops at Chinese year 2098), and
#   Qingming 2000-2007 (holidays lists Tomb-Sweeping Day only from 2008, when it became a
#   public holiday in China; the solar term is there every year).
LUNAR = (
    "spring_festival",
    "chinese_new_years_eve",
    "lantern_festival",
    "dragon_boat_festival",
    "qixi",
    "mid_autumn_festival",
)
OLD_NONE = {(name, year) for name in LUNAR for year in (2099, 2100)}
OLD_NONE |= {("qingming", year) for year in range(2000, 2008)}
# - a date the old code had wrong: holidays approximates Qingming by thresholds per year mod 4,
#   "reliable for 1901-2099" as its docstring says, and gives 2100-04-04. Qingming begins
#   2100-04-05 at 00:43 Beijing time (lunar-python); it agrees with 2023-04-05 09:13 plus 77
#   tropical years less 19 leap days (2100 has none), about 2100-04-05 00:45.
CORRECTED = {("qingming", 2100): (date(2100, 4, 4), date(2100, 4, 5))}

FIXTURE = Path(__file__).parent / "fixtures" / "festival_dates.csv"


def _fixture() -> list[tuple[str, int, date | None]]:
    with FIXTURE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(line for line in file if not line.startswith("#")))
    return [
        (
            row["festival"],
            int(row["year"]),
            date.fromisoformat(row["date"]) if row["date"] else None,
        )
        for row in rows
    ]


def _plausible(festival: Festival, day: date, table: dict[str, Festival]) -> bool:
    """Spring Festival is between Jan 21 and Feb 20, Qingming April 4-6; day ``d`` of lunar
    month ``m`` is m - 1 months of 29 or 30 days (and maybe a leap month) after day 1."""
    if festival.kind == "solar_term":
        return date(day.year, 4, 4) <= day <= date(day.year, 4, 6)
    new_year = festival_date(table["spring_festival"], day.year, table)
    assert new_year is not None
    if not date(day.year, 1, 21) <= new_year <= date(day.year, 2, 20):
        return False
    base = day - timedelta(days=festival.offset)
    months = festival.month - 1
    low, high = 29 * months + festival.day - 1, 30 * (months + 1) + festival.day - 1
    return low <= (base - new_year).days <= high


def test_festival_dates_match_the_previous_libraries() -> None:
    table = load().festivals
    rows = sorted(_fixture(), key=lambda row: row[1])  # by year: lunar-python caches one year
    assert len(rows) == 7 * 101
    assert {name for name, _, _ in rows} == {
        name for name, f in table.items() if f.kind in {"lunar", "solar_term"}
    }
    assert {(name, year) for name, year, old in rows if old is None} == OLD_NONE
    mismatches = []
    for name, year, old in rows:
        new = festival_date(table[name], year, table)
        assert new is not None, (name, year)
        if (name, year) in CORRECTED:
            assert (old, new) == CORRECTED[name, year]
        elif old is None:
            assert new.year == year and _plausible(table[name], new, table), (name, year, new)
        elif new != old:
            mismatches.append((name, year, old, new))
    assert mismatches == []
