from __future__ import annotations

from datetime import date

import pytest

from timeline import calendar as cal


@pytest.mark.parametrize(
    ("interval", "granularity", "mod", "expected"),
    [
        (cal.month_interval(2024, 1), "month", "EARLY", ("2024-01-01", "2024-01-10")),
        (cal.month_interval(2024, 1), "month", "MID", ("2024-01-11", "2024-01-20")),
        (cal.month_interval(2024, 2), "month", "LATE", ("2024-02-21", "2024-02-29")),
        (cal.month_interval(2024, 1), "month", "END", ("2024-01-25", "2024-01-31")),
        (cal.year_interval(2023), "year", "START", ("2023-01-01", "2023-02-28")),
        (cal.year_interval(2023), "year", "END", ("2023-11-01", "2023-12-31")),
        (cal.year_interval(2023), "year", "MID", ("2023-05-01", "2023-08-31")),
        (cal.decade_interval(1990), "decade", "LATE", ("1997-01-01", "1999-12-31")),
        (cal.quarter_interval(2023, 3), "quarter", "EARLY", ("2023-07-01", "2023-07-31")),
        (cal.month_interval(2024, 1), "month", "APPROX", ("2024-01-01", "2024-01-31")),
        (cal.month_interval(2024, 1), "month", None, ("2024-01-01", "2024-01-31")),
    ],
    ids=lambda v: str(v),
)
def test_calendar_narrow(interval, granularity, mod, expected) -> None:
    start, end = cal.narrow(interval, granularity, mod)
    assert (start.isoformat(), end.isoformat()) == expected


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        (cal.quarter_interval, (2023, 4), ("2023-10-01", "2023-12-31")),
        (cal.half_interval, (2023, 2), ("2023-07-01", "2023-12-31")),
        (cal.season_interval, (2023, "WI"), ("2023-12-01", "2024-02-29")),
        (cal.season_interval, (2023, "SU"), ("2023-06-01", "2023-08-31")),
        (cal.week_interval, (date(2024, 1, 25),), ("2024-01-22", "2024-01-28")),
        (cal.century_interval, (1900,), ("1900-01-01", "1999-12-31")),
    ],
)
def test_calendar_intervals(func, args, expected) -> None:
    start, end = func(*args)
    assert (start.isoformat(), end.isoformat()) == expected


def test_calendar_iso_week() -> None:
    assert cal.iso_week(date(2013, 3, 14)) == "2013-W11"
    assert cal.iso_week(date(2021, 1, 1)) == "2020-W53"
