"""Compute the Gregorian date of a festival in a given year.

Lunar festivals use the ``lunardate`` library (Chinese lunisolar calendar); Easter uses
``dateutil.easter``; solar-term festivals (Qingming) the ``holidays`` library. Nothing here
is typed in by hand per year.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from lunardate import LunarDate

from timeline.temporal.resources import Festival

# lunardate covers these Gregorian years
LUNAR_YEARS = range(1901, 2099)


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
    """
    kind = festival.kind
    day: date | None
    if kind == "fixed":
        day = date(year, festival.month, festival.day)
    elif kind == "lunar":
        if year not in LUNAR_YEARS:
            return None
        solar: date = LunarDate(year, festival.month, festival.day).to_solar_date()
        day = solar
    elif kind == "easter":
        day = easter(year)
    elif kind == "nth_weekday":
        day = _nth_weekday(year, festival.month, festival.weekday, festival.n)
    elif kind == "holiday":
        day = _holiday(festival.country or "", festival.holiday or "", year)
    else:  # "after": relative to another festival
        assert festival.of is not None
        day = festival_date(table[festival.of], year, table)
    if day is None:
        return None
    return day + timedelta(days=festival.offset)


@lru_cache(maxsize=256)
def _holiday(country: str, name: str, year: int) -> date | None:
    """The day the ``holidays`` library lists ``name`` on in ``country`` (None if absent)."""
    import holidays  # imported lazily: only solar-term festivals need it

    try:
        table = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return None
    days = sorted(day for day, title in table.items() if title == name)
    return days[0] if days else None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        delta = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=delta + 7 * (n - 1))
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last = nxt - timedelta(days=1)
    delta = (last.isoweekday() - weekday) % 7
    return last - timedelta(days=delta + 7 * (-n - 1))
