"""Compute the Gregorian date of a festival in a given year.

Lunar festivals and solar terms (Qingming) use the ``lunar-python`` library (Chinese
lunisolar calendar, computed astronomically); Easter uses ``dateutil.easter``. Nothing here
is typed in by hand per year.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from timeline.temporal.resources import SOLAR_TERMS, Festival

# The Gregorian years the Chinese calendar (lunar festivals, solar terms) is given for: those of
# the Hong Kong Observatory's conversion tables, 1901-2100, where lunar-python's dates were
# checked against lunardate's and holidays' tables (tests/test_festivals.py). lunar-python
# computes any year, but after 2100 on Earth-rotation figures (delta T) extrapolated past its
# table, which ends in 2050; before 1582 its days are Julian-calendar days, not the proleptic
# Gregorian days of ``date``; 1582-1900 went unchecked. Those years give None.
LUNAR_YEARS = range(1901, 2101)


def festival_date(festival: Festival, year: int, table: Mapping[str, Festival]) -> date | None:
    """The day ``festival`` falls on in Gregorian ``year``; None outside what can be computed.

    Examples
    --------
    >>> from timeline.temporal.resources import load
    >>> table = load().festivals
    >>> festival_date(table["spring_festival"], 2024, table)
    datetime.date(2024, 2, 10)
    >>> festival_date(table["chinese_new_years_eve"], 2024, table)
    datetime.date(2024, 2, 9)
    >>> festival_date(table["qingming"], 2024, table)
    datetime.date(2024, 4, 4)
    """
    kind = festival.kind
    day: date | None
    if kind == "fixed":
        day = date(year, festival.month, festival.day)
    elif kind == "lunar":
        day = _lunar(year, festival.month, festival.day)
    elif kind == "easter":
        day = easter(year)
    elif kind == "nth_weekday":
        day = _nth_weekday(year, festival.month, festival.weekday, festival.n)
    elif kind == "solar_term":
        day = _solar_term(festival.term or "", year)
    else:  # "after": relative to another festival
        assert festival.of is not None
        day = festival_date(table[festival.of], year, table)
    if day is None:
        return None
    return day + timedelta(days=festival.offset)


@lru_cache(maxsize=256)
def _lunar(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of ``day`` of ``month`` of Chinese ``year`` (None if there is none)."""
    if year not in LUNAR_YEARS:
        return None
    # imported lazily: loading lunar-python costs ~10 ms, and only festival dates need it
    from lunar_python import Lunar, LunarYear

    lunar_month = LunarYear.fromYear(year).getMonth(month)
    if lunar_month is None or not 1 <= day <= lunar_month.getDayCount():
        return None  # e.g. day 30 of a month of 29 days (lunar-python would raise Exception)
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=256)
def _solar_term(term: str, year: int) -> date | None:
    """The day solar term ``term`` (a key of SOLAR_TERMS) begins in ``year``, Beijing time."""
    if year not in LUNAR_YEARS:
        return None
    from lunar_python import Solar  # imported lazily, as in _lunar

    # the table of the Chinese year that holds June 1, from the previous December on
    moment = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()[SOLAR_TERMS[term]]
    return date(moment.getYear(), moment.getMonth(), moment.getDay())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        delta = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=delta + 7 * (n - 1))
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last = nxt - timedelta(days=1)
    delta = (last.isoweekday() - weekday) % 7
    return last - timedelta(days=delta + 7 * (-n - 1))
