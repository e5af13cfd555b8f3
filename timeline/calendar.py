"""Pure calendar arithmetic on :class:`datetime.date`.

Stdlib only; imports nothing from the package. Every interval here is *inclusive* at both
ends, as the event table and the CLI report them: a month is ``(first day, last day)``.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

Interval = tuple[date, date]

#: TIMEX3 season codes in calendar order. Meteorological seasons: winter of year Y runs
#: from December Y to February Y+1 (the TimeML value ``2023-WI`` names that winter).
SEASONS: tuple[str, ...] = ("SP", "SU", "FA", "WI")
_SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def shifted(day: date, delta: timedelta) -> date:
    """``day + delta``, held within the calendar (date.min to date.max) instead of
    overflowing.

    >>> shifted(date(9999, 12, 31), timedelta(days=1))
    datetime.date(9999, 12, 31)
    """
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def month_end(year: int, month: int) -> date:
    """Last day of a month.

    Examples
    --------
    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, _stdcal.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length.

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = _stdcal.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def year_interval(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), month_end(year, month)


def months_interval(year: int, first_month: int, count: int) -> Interval:
    """``count`` whole months starting at ``first_month`` of ``year`` (may cross a year)."""
    start = date(year, first_month, 1)
    last = add_months(start, count - 1)
    return start, month_end(last.year, last.month)


def quarter_interval(year: int, quarter: int) -> Interval:
    return months_interval(year, 3 * (quarter - 1) + 1, 3)


def half_interval(year: int, half: int) -> Interval:
    return months_interval(year, 6 * (half - 1) + 1, 6)


def season_interval(year: int, season: str) -> Interval:
    return months_interval(year, _SEASON_FIRST_MONTH[season], 3)


def week_interval(day: date) -> Interval:
    """The ISO week (Monday to Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def iso_week(day: date) -> str:
    """TIMEX3 week value, e.g. ``2013-W11``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def decade_interval(first_year: int) -> Interval:
    return date(first_year, 1, 1), date(first_year + 9, 12, 31)


def century_interval(first_year: int) -> Interval:
    return date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31)


# How a part-of modifier narrows a period, per granularity: the period is cut into its
# sub-units (days of a month, months of a year, years of a decade ...), then
#   EARLY = the first ``early`` units, MID = the next ``mid`` units, LATE = the rest,
#   START / END = the first / last ``edge`` units ("the beginning / end of").
# Months use the 1-10 / 11-20 / 21-end split that news and Chinese 上中下旬 both mean.
_PART_OF: dict[str, tuple[str, int, int, int]] = {
    # granularity: (sub-unit, early, mid, edge)
    "week": ("day", 2, 3, 1),
    "month": ("day", 10, 10, 7),
    "quarter": ("month", 1, 1, 1),
    "half": ("month", 2, 2, 1),
    "season": ("month", 1, 1, 1),
    "year": ("month", 4, 4, 2),
    "decade": ("year", 4, 3, 2),
    "century": ("decade", 4, 3, 2),
}

NARROWING_MODS = frozenset({"START", "EARLY", "MID", "LATE", "END", "EARLIER", "LATER"})


def _sub_units(interval: Interval, unit: str) -> list[Interval]:
    start, end = interval
    units: list[Interval] = []
    cursor = start
    while cursor <= end:
        if unit == "day":
            last = cursor
        elif unit == "month":
            last = month_end(cursor.year, cursor.month)
        elif unit == "year":
            last = date(cursor.year, 12, 31)
        else:  # decade
            last = date(cursor.year + 9, 12, 31)
        units.append((cursor, min(last, end)))
        cursor = last + timedelta(days=1)
    return units


def narrow(interval: Interval, granularity: str, mod: str | None) -> Interval:
    """Narrow ``interval`` (a whole period of ``granularity``) by a TIMEX3 part-of ``mod``.

    Mods that do not narrow (APPROX, BEFORE, ...) and granularities without sub-units
    (day) return the interval unchanged.

    Examples
    --------
    >>> narrow(month_interval(2024, 1), "month", "MID")
    (datetime.date(2024, 1, 11), datetime.date(2024, 1, 20))
    >>> narrow(year_interval(2023), "year", "END")
    (datetime.date(2023, 11, 1), datetime.date(2023, 12, 31))
    """
    if mod not in NARROWING_MODS or granularity not in _PART_OF:
        return interval
    unit, early, mid, edge = _PART_OF[granularity]
    units = _sub_units(interval, unit)
    if mod == "START":
        chosen = units[:edge]
    elif mod == "END":
        chosen = units[-edge:]
    elif mod in ("EARLY", "EARLIER"):  # "earlier": see clamp_to_reference
        chosen = units[:early]
    elif mod == "MID":
        chosen = units[early : early + mid]
    else:  # LATE, LATER
        chosen = units[early + mid :]
    return chosen[0][0], chosen[-1][1]


def clamp_to_reference(interval: Interval, mod: str | None, reference: date) -> Interval | None:
    """ "earlier this year" runs from the year's start to the day before ``reference``;
    "later this month" from the day after it to the month's end. None when the period does
    not contain ``reference`` (then :func:`narrow` applies), or nothing would be left.

    >>> clamp_to_reference(month_interval(2024, 1), "EARLIER", date(2024, 1, 25))
    (datetime.date(2024, 1, 1), datetime.date(2024, 1, 24))
    """
    start, end = interval
    if mod not in ("EARLIER", "LATER") or not start <= reference <= end:
        return None
    if mod == "EARLIER":
        last = reference - timedelta(days=1)
        return (start, last) if start <= last else None
    first = reference + timedelta(days=1)
    return (first, end) if first <= end else None


# --- Labels: a resolved interval as people write it ------------------------------------

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASON_NAMES = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}
# a part-of mod as the table stores it (TimeML: START/END also stand for EARLY/LATE, see
# timeline.temporal.normalizer.timeml_mod): the narrowings it may be, most specific first
_NARROWINGS = {
    "START": ("EARLY", "START"),
    "EARLY": ("EARLY",),
    "MID": ("MID",),
    "LATE": ("LATE",),
    "END": ("LATE", "END"),
    "EARLIER": ("EARLY", "START"),
    "LATER": ("LATE", "END"),
}
# the cut of a part-of narrowing when the interval is none of them ("earlier this year",
# cut at the reference date): the period's own start or end
_OPEN_NARROWING = {"START": "EARLIER", "EARLY": "EARLIER", "EARLIER": "EARLIER"}
_OPEN_NARROWING |= {"END": "LATER", "LATE": "LATER", "LATER": "LATER"}
_NARROWED = {
    "START": "start of {the}{period}",
    "EARLY": "early {period}",
    "MID": "mid-{period}",
    "LATE": "late {period}",
    "END": "end of {the}{period}",
    "EARLIER": "earlier in {the}{period}",
    "LATER": "later in {the}{period}",
}
# TIMEX3 mods that do not narrow the period
_QUALIFIED = {
    "APPROX": "about {the}{period}",
    "BEFORE": "before {the}{period}",
    "AFTER": "after {the}{period}",
    "ON_OR_BEFORE": "by {the}{period}",
    "ON_OR_AFTER": "from {the}{period}",
}


def day_label(day: date) -> str:
    """A day as people write it, in every locale the same.

    >>> day_label(date(2023, 11, 10))
    '10 Nov 2023'
    """
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _period(day: date, granularity: str) -> tuple[Interval, str] | None:
    """The whole period of ``granularity`` that holds ``day``, and its name."""
    year, month = day.year, day.month
    if granularity == "day":
        return (day, day), day_label(day)
    if granularity == "week":
        week = week_interval(day)
        return week, f"week of {day_label(week[0])}"
    if granularity == "month":
        return month_interval(year, month), f"{MONTH_ABBR[month - 1]} {year}"
    if granularity == "quarter":
        quarter = (month - 1) // 3 + 1
        return quarter_interval(year, quarter), f"Q{quarter} {year}"
    if granularity == "half":
        half = (month - 1) // 6 + 1
        return half_interval(year, half), f"H{half} {year}"
    if granularity == "season":
        first = (month // 3) * 3 or 12  # Mar-May, Jun-Aug, Sep-Nov, Dec-Feb
        season = next(s for s, m in _SEASON_FIRST_MONTH.items() if m == first)
        if season == "WI":
            start_year = year if month == 12 else year - 1
            name = f"Winter {start_year}–{(start_year + 1) % 100:02d}"
            return season_interval(start_year, season), name
        return season_interval(year, season), f"{_SEASON_NAMES[season]} {year}"
    if granularity == "year":
        return year_interval(year), str(year)
    if granularity == "decade":
        return decade_interval(year // 10 * 10), f"{year // 10 * 10}s"
    if granularity == "century":
        return century_interval(year // 100 * 100), f"{_ordinal(year // 100 + 1)} century"
    return None


def period_label(start: date, end: date, granularity: str, mod: str | None = None) -> str:
    """The interval ``[start, end]`` of the event table at its precision, as a reader
    would write it: the single place that names a resolved date for display.

    A part-of ``mod`` (the interval is already narrowed, as in the event table) names the
    part; an interval that is no calendar period of ``granularity`` (a fiscal quarter, a
    range of days) is written as its first and last day.

    >>> from datetime import date as d
    >>> period_label(d(2023, 11, 10), d(2023, 11, 10), "day")
    '10 Nov 2023'
    >>> period_label(d(2023, 11, 1), d(2023, 11, 30), "month")
    'Nov 2023'
    >>> period_label(d(2023, 7, 1), d(2023, 9, 30), "quarter")
    'Q3 2023'
    >>> period_label(d(2023, 7, 1), d(2023, 12, 31), "half")
    'H2 2023'
    >>> period_label(d(2023, 6, 1), d(2023, 8, 31), "season")
    'Summer 2023'
    >>> period_label(d(2023, 12, 1), d(2024, 2, 29), "season")
    'Winter 2023–24'
    >>> period_label(d(2023, 1, 1), d(2023, 12, 31), "year")
    '2023'
    >>> period_label(d(2020, 1, 1), d(2029, 12, 31), "decade")
    '2020s'
    >>> period_label(d(1800, 1, 1), d(1899, 12, 31), "century")
    '19th century'
    >>> period_label(d(2023, 11, 1), d(2023, 12, 31), "year", "END")  # the end of 2023
    'end of 2023'
    >>> period_label(d(2023, 9, 1), d(2023, 12, 31), "year", "END")  # late 2023
    'late 2023'
    >>> period_label(d(2023, 11, 11), d(2023, 11, 20), "month", "MID")
    'mid-Nov 2023'
    >>> period_label(d(2024, 1, 1), d(2024, 3, 14), "year", "START")  # earlier this year
    'earlier in 2024'
    >>> period_label(d(1997, 1, 1), d(1999, 12, 31), "decade", "END")
    'late 1990s'
    >>> period_label(d(2019, 1, 1), d(2019, 12, 31), "year", "APPROX")
    'about 2019'
    >>> period_label(d(2024, 10, 1), d(2024, 12, 31), "quarter")  # a calendar quarter
    'Q4 2024'
    >>> period_label(d(2024, 11, 1), d(2025, 1, 31), "quarter")  # a fiscal one
    '1 Nov 2024 – 31 Jan 2025'
    """
    try:
        found = _period(start, granularity)
    except (OverflowError, ValueError):  # a week or century beyond the calendar
        found = None
    if found is not None:
        whole, period = found
        the = "the " if granularity in ("decade", "century") else ""
        if mod in _NARROWINGS and granularity in _PART_OF:
            for part in _NARROWINGS[mod]:
                if narrow(whole, granularity, part) == (start, end):
                    return _NARROWED[part].format(the=the, period=period)
            if whole[0] <= start and end <= whole[1] and mod in _OPEN_NARROWING:
                return _NARROWED[_OPEN_NARROWING[mod]].format(the=the, period=period)
        elif whole == (start, end):
            if mod in _QUALIFIED:
                return _QUALIFIED[mod].format(the=the, period=period)
            return period if not mod else f"{period} ({mod.lower()})"
    if start == end:
        return day_label(start)
    return f"{day_label(start)} – {day_label(end)}"
