"""Resolve expressions to TIMEX3 values and intervals: (Expr, reference, context) → Timex.

The normalizer never sees text. It threads the *year in focus* (the year last written out:
within its sentence for news, on through the text for a narrative — HeidelTime's anchor),
the previous date ("two days later", "the same period in 2022", "that year") and the latest
date of each granularity ("the quarter", "a year ago"). A date without a year takes the year
in focus; else a day, month or quarter within two months of the reference date; else the
occurrence the clause tense points at (past: the latest that has begun by the reference date;
future: the earliest not yet over; otherwise the nearest).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from functools import lru_cache, partial
from typing import Literal

from timeline import calendar as cal
from timeline.model import (
    CalendarExpr,
    DurationExpr,
    EraExpr,
    Expr,
    Granularity,
    Mention,
    ParsedExpr,
    RefExpr,
    RelativeExpr,
    Resolved,
    SamePeriodExpr,
    SetExpr,
    Tense,
    TimeOfDayExpr,
    Timex,
    TimexType,
    WeekdayExpr,
    YearRef,
)
from timeline.temporal.festivals import festival_date
from timeline.temporal.fiscal import FiscalYear
from timeline.temporal.resources import Resources, load

# TimeML 1.2 has no EARLY/LATE: "early 2024" is written mod START, narrowed to a third
_TIMEML_MOD = {"EARLY": "START", "LATE": "END", "EARLIER": "START", "LATER": "END"}


def timeml_mod(mod: str | None) -> str | None:
    """The TIMEX3 mod for an internal part-of mod."""
    return _TIMEML_MOD.get(mod, mod) if mod else None


# the granularity whose antecedent is the first one a text names: the period it reports on
_REPORTED = Granularity.QUARTER
# an underspecified date this close to the reference date is taken, whatever the tense
NEAR_DAYS = 60
_NEAR_UNITS = frozenset({Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER})

# what a fiscal calendar moves: its years, halves and quarters
_FISCAL_UNITS = frozenset({Granularity.YEAR, Granularity.HALF, Granularity.QUARTER})

# granularities whose dates can put a year in focus
_FOCUS = frozenset(Granularity) - {Granularity.DECADE, Granularity.CENTURY}


Anchoring = Literal["news", "narrative", "auto"]
# a text is a narrative when it writes at least this many years, and less than this share of
# them lie within a year of the reference date
NARRATIVE_MIN_YEARS = 5
NARRATIVE_MAX_NEAR = 0.5
ANCHORINGS: tuple[Anchoring, ...] = ("news", "narrative", "auto")


def _writes_year(expr: Expr) -> bool:
    """Does the expression write its year out ("March 2023", "last year", "2021-03-03")?"""
    if isinstance(expr, CalendarExpr):
        return expr.year.value is not None or expr.year.shift is not None
    return isinstance(expr, ParsedExpr)


def choose_anchoring(mentions: Sequence[Mention], reference: date) -> Anchoring:
    """News unless most written years lie far from the reference date (a history, a war
    narrative): then a year carries on from sentence to sentence through the text."""
    years = [
        m.expr.year.value
        for m in mentions
        if isinstance(m.expr, CalendarExpr) and m.expr.year.value is not None
    ]
    if len(years) < NARRATIVE_MIN_YEARS:
        return "news"
    near = sum(1 for y in years if abs(y - reference.year) <= 1)
    # dates counted from the reference date ("on Tuesday", "next year", "last week") tell of
    # news that looks back, not of a history
    # (each as much as two near years: one is proof that the writer counts from that date)
    near += 2 * sum(1 for m in mentions if _from_reference(m.expr))
    return "news" if near >= NARRATIVE_MAX_NEAR * len(years) else "narrative"


def _from_reference(expr: Expr) -> bool:
    """Is the expression counted from the reference date ("Tuesday", "next year")?"""
    if isinstance(expr, WeekdayExpr | RelativeExpr):
        return not getattr(expr, "from_previous", False)
    return isinstance(expr, CalendarExpr) and expr.year.shift is not None


def resolve_all(
    mentions: Sequence[Mention],
    *,
    reference: date,
    lang: str = "en",
    anchoring: Anchoring = "auto",
    fiscal: FiscalYear | None = None,
    subject: int | None = None,
) -> list[Resolved]:
    """Resolve mentions in text order against ``reference`` (``fiscal``: the text's fiscal
    calendar, :func:`timeline.temporal.fiscal.fiscal_year`; ``subject``: the year it
    reviews, :func:`timeline.temporal.subject.subject_year`: "this year" is that year, and
    dates without a year take it when nothing nearer gives one).

    A year written out puts that year *in focus*: dates without a year that follow take it,
    within the same sentence for news ("the strategy in 2023 started with the adjustment in
    March"), on through the text for a narrative; in news, not a deadline's ("cut 4,200 jobs
    by the end of 2027 and merge its units from July 1") nor an aside's. ``anchoring="auto"``
    chooses per text (:func:`choose_anchoring`).
    """
    res = load(lang)
    mode = choose_anchoring(mentions, reference) if anchoring == "auto" else anchoring
    out: list[Resolved] = []
    paragraph = -1
    focus: int | None = None
    focus_sentence = -1
    previous: Timex | None = None
    # the latest date of each granularity in the document ("a year ago"), the first quarter
    # ("the quarter")
    antecedents: dict[Granularity, Timex] = {}
    # the first year written in each sentence, for dates before it ("of the year held in
    # December last year")
    sentence_years: dict[int, int] = {}
    for mention in mentions:
        if _writes_year(mention.expr) and mention.sentence not in sentence_years:
            found = normalize(mention.expr, reference=reference, res=res)
            if found is not None and found.start is not None:
                sentence_years[mention.sentence] = found.start.year
    for mention in mentions:
        if mention.paragraph != paragraph and mode == "news":
            focus, previous = None, None  # a narrative carries its dates on
        paragraph = mention.paragraph
        if mode == "news":
            carried = mention.sentence == focus_sentence
        else:
            # a present-tense sentence speaks generally ("retailers are busy at Christmas"):
            # a year from an earlier sentence does not carry into it
            carried = mention.sentence == focus_sentence or mention.tense is not Tense.PRESENT
        focus_year = focus if carried else _later_year(mention, sentence_years)
        if mention.lasting:
            focus_year = None  # "... in 2025, and it has had a freeze in place since January"
        expr = mention.expr
        if (
            subject is not None
            and isinstance(expr, CalendarExpr)
            and (
                expr.year.shift == 0
                or (expr.year.anaphoric and not expr.year.previous and not (carried and focus))
            )
            and not (mention.tense is Tense.FUTURE and subject < reference.year)
        ):
            # "this year" of a review, unless spoken of in the future ("this year's Spring
            # Festival will ..." in a review of 2023 published in January 2024); "the (full)
            # year" too, unless a year is in focus (not one it is compared with later: "up
            # 24% from 2023")
            expr = replace(expr, year=YearRef(value=subject))
            focus_year = None
        if focus_year is not None and (
            (mode == "news" and mention.tense is Tense.FUTURE and focus_year < reference.year)
            or (mention.tense is Tense.PAST and focus_year > reference.year)
        ):
            focus_year = None  # "joined in July 1997, will join ... on March 12"
        settled = partial(
            normalize,
            expr,
            reference=reference,
            tense=mention.tense,
            previous=previous,
            antecedents=antecedents,
            res=res,
            fiscal=fiscal,
            subject=subject,
        )
        timex = settled(focus_year=focus_year)
        if (
            focus_year is not None
            and mention.tense is Tense.PAST
            and timex is not None
            and timex.start is not None
            and timex.start > reference
        ):
            # the year in focus would put a past-tense date after the reference date ("For
            # fiscal 2026 it expects ..., up from the range it gave in October"): not its year
            timex = settled(focus_year=None)
        out.append(Resolved(mention, timex))
        if (
            timex is not None
            and timex.start is not None
            and timex.type in (TimexType.DATE, TimexType.TIME)
            and timex.granularity in _FOCUS
            and not _is_comparison(mention.expr)
        ):
            previous = timex
            # "the quarter" is the one a text reports on, the first it names (later ones are
            # compared with it: "up 11% from the second quarter of fiscal 2025")
            if timex.granularity not in antecedents or timex.granularity is not _REPORTED:
                antecedents[timex.granularity] = timex
            # (a deadline's year sets no scene in news, nor an aside's; in a narrative a
            # deadline's does: "By 1943 the tide had turned. In March ...")
            no_scene = mode == "news" and (mention.deadline or mention.background)
            if _writes_year(mention.expr) and not no_scene:
                focus, focus_sentence = timex.start.year, mention.sentence
    return out


def _later_year(mention: Mention, sentence_years: Mapping[int, int]) -> int | None:
    """ "The year" may take a year written later in its sentence ("the second conference of
    the year, held in December last year"); other dates only look back."""
    expr = mention.expr
    if isinstance(expr, CalendarExpr) and expr.year.anaphoric:
        return sentence_years.get(mention.sentence)
    return None


def _is_comparison(expr: Expr) -> bool:
    """A date named through another one in another year never takes the focus."""
    return isinstance(expr, SamePeriodExpr) and expr.compares


def normalize(
    expr: Expr,
    *,
    reference: date,
    tense: Tense = Tense.NONE,
    focus_year: int | None = None,
    previous: Timex | None = None,
    antecedents: Mapping[Granularity, Timex] | None = None,
    res: Resources | None = None,
    fiscal: FiscalYear | None = None,
    subject: int | None = None,
) -> Timex | None:
    """Resolve one expression; None when it cannot be resolved. ``fiscal``: the text's
    fiscal calendar, for dates it calls fiscal; ``subject``: the year the text reviews.

    Examples
    --------
    >>> from timeline.model import CalendarExpr, Granularity, YearRef
    >>> normalize(CalendarExpr(Granularity.MONTH, YearRef(shift=-1), month=12),
    ...           reference=date(2024, 1, 25)).value
    '2023-12'
    """
    res = res or load()
    if isinstance(expr, CalendarExpr):
        if expr.year.previous and previous is not None and previous.start is not None:
            focus_year = previous.start.year  # "that year"
            if expr.year.after and previous.end is not None:
                # "the following summer": the first to begin after the date before ends
                focus_year = previous.end.year
                found = _calendar(expr, reference, tense, focus_year, res, 0, subject)
                if found is not None and found.start is not None and found.start <= previous.end:
                    focus_year += 1
        shift = fiscal.shift if fiscal is not None and expr.fiscal else 0
        return _calendar(expr, reference, tense, focus_year, res, shift, subject)
    if isinstance(expr, RelativeExpr):
        if expr.weekend and expr.offset == 0 and tense is Tense.PAST and reference.isoweekday() < 6:
            expr = replace(expr, offset=-1)  # "talks ended over the weekend", said on Monday
        if expr.from_previous and previous is not None and previous.start is not None:
            return _relative(expr, previous.start)
        return _relative(expr, reference)
    if isinstance(expr, WeekdayExpr):
        return _weekday(expr, reference, tense)
    if isinstance(expr, EraExpr):
        return _era(expr)
    if isinstance(expr, DurationExpr):
        return _duration(expr, reference)
    if isinstance(expr, RefExpr):
        return Timex(TimexType.DATE, expr.value)
    if isinstance(expr, SetExpr):
        return Timex(TimexType.SET, expr.value)
    if isinstance(expr, ParsedExpr):
        day = _parse_day(expr.text, res.dateparser, res.date_order)
        return None if day is None else _day(day)
    if isinstance(expr, TimeOfDayExpr):
        return _time_of_day(expr, reference, tense, focus_year, res)
    return _same_period(expr, reference, previous, antecedents or {})


def _time_of_day(
    expr: TimeOfDayExpr, reference: date, tense: Tense, focus_year: int | None, res: Resources
) -> Timex | None:
    day = _day(reference)
    if expr.day is not None:
        found = normalize(
            expr.day, reference=reference, tense=tense, focus_year=focus_year, res=res
        )
        if found is None or found.granularity is not Granularity.DAY:
            return None
        day = found
    # the news corpora write a part of a weekday ("Friday night") as a DATE, and a part of
    # today or yesterday ("this morning") or a clock time as a TIME
    named = isinstance(expr.day, WeekdayExpr) and ":" not in expr.part
    kind = TimexType.DATE if named else TimexType.TIME
    return replace(day, type=kind, value=f"{day.value}T{expr.part}")


def _day(day: date) -> Timex:
    return Timex(TimexType.DATE, day.isoformat(), None, day, day, Granularity.DAY)


def _year_of(ref: YearRef, reference: date, focus_year: int | None) -> int | None:
    if ref.value is not None:
        return ref.value
    if ref.shift is not None:
        return reference.year + ref.shift
    if ref.anaphoric:
        return focus_year  # None: no year in focus, then the tense decides
    return None


def _calendar(
    expr: CalendarExpr,
    reference: date,
    tense: Tense,
    focus_year: int | None,
    res: Resources,
    shift: int = 0,
    subject: int | None = None,
) -> Timex | None:
    """A calendar date; without a year, the one its context, the tense or the nearness to
    the reference date picks, and in a review (``subject``: the year it reviews) that
    year's, unless the one nearest the reference date agrees with the tense."""
    # "last December" and "next March" point away from the reference date; "this Double 11"
    # is the one in focus, like a bare "Double 11"
    lean = None if expr.lean is Tense.PRESENT else expr.lean
    year = _year_of(expr.year, reference, focus_year)
    if expr.lean is Tense.PRESENT and expr.festival is None and year is None:
        year = reference.year  # "this September", "this summer"
    if year is None and lean is None and focus_year is not None:
        year = focus_year
    if year is not None:
        return _calendar_in(expr, year, res, reference, shift)
    # (the fiscal years of the same neighbours when shifted)
    years = tuple(y - shift // 12 for y in (reference.year, reference.year - 1, reference.year + 1))
    options = [t for t in (_calendar_in(expr, y, res, None, shift) for y in years) if t]
    if lean is None and expr.unit in _NEAR_UNITS:
        # a day, month or quarter within two months of the reference date is the one meant,
        # unless the tense points the other way ("began ... in February", written in
        # January); a day or a quarter even then: news reports deadlines in the past tense
        # ("ruled ... by Jan. 14"), and results for a quarter that has just ended in the
        # future tense ("expects to report ... for the third quarter")
        near = _pick(options, reference, Tense.NONE, strict=False)
        if (
            near is not None
            and _distance(near, reference) <= NEAR_DAYS
            and (
                (subject is None and expr.unit in (Granularity.DAY, Granularity.QUARTER))
                or _agrees(near, reference, tense)
            )
        ):
            return near
    if subject is not None and lean is None:
        reviewed = _calendar_in(expr, subject, res, reference, shift)
        if reviewed is not None and _agrees(reviewed, reference, tense):
            return reviewed
    return _pick(options, reference, lean or tense, strict=lean is not None)


def _pick(options: list[Timex], reference: date, lean: Tense, *, strict: bool) -> Timex | None:
    """Choose among occurrences of an underspecified date by tense.

    ``options`` lists the reference year's occurrence first. Past: the latest that has
    begun (strict, "last December": that is over); future: the earliest not yet over
    (strict, "next March": not yet begun); otherwise the nearest.
    """
    dated = [(t, t.start, t.end) for t in options if t.start is not None and t.end is not None]
    if not dated:
        return None
    if lean is Tense.PAST:
        past = [d for d in dated if (d[2] < reference if strict else d[1] <= reference)]
        return max(past, key=lambda d: d[1])[0] if past else None
    if lean is Tense.FUTURE:
        future = [d for d in dated if (d[1] > reference if strict else d[2] >= reference)]
        return min(future, key=lambda d: d[1])[0] if future else None

    return min((d[0] for d in dated), key=lambda t: _distance(t, reference))


def _agrees(timex: Timex, reference: date, tense: Tense) -> bool:
    """Can a clause in ``tense`` speak of ``timex``: past of what has begun, future of what
    is not over?"""
    assert timex.start is not None
    assert timex.end is not None
    if tense is Tense.PAST:
        return timex.start <= reference
    if tense is Tense.FUTURE:
        return timex.end >= reference
    return True


def _distance(timex: Timex, reference: date) -> int:
    """Days between ``reference`` and the interval (0 inside it)."""
    assert timex.start is not None
    assert timex.end is not None
    if timex.start <= reference <= timex.end:
        return 0
    return min(abs((timex.start - reference).days), abs((timex.end - reference).days))


def _calendar_in(
    expr: CalendarExpr,
    year: int,
    res: Resources,
    reference: date | None = None,
    shift: int = 0,
) -> Timex | None:
    """The occurrence of ``expr`` in ``year`` ("earlier"/"later" measured from
    ``reference`` when given); a fiscal year, half or quarter ``shift`` months from the
    calendar one when ``shift`` is set (``FY2025-Q3``)."""
    unit = expr.unit
    try:
        if unit is Granularity.YEAR:
            value, interval = f"{year:04d}", cal.year_interval(year)
        elif unit is Granularity.HALF:
            assert expr.index is not None
            value, interval = f"{year:04d}-H{expr.index}", cal.half_interval(year, expr.index)
        elif unit is Granularity.QUARTER:
            assert expr.index is not None
            value, interval = f"{year:04d}-Q{expr.index}", cal.quarter_interval(year, expr.index)
        elif unit is Granularity.SEASON:
            assert expr.season is not None
            value, interval = f"{year:04d}-{expr.season}", cal.season_interval(year, expr.season)
        elif unit is Granularity.MONTH:
            assert expr.month is not None
            value, interval = f"{year:04d}-{expr.month:02d}", cal.month_interval(year, expr.month)
        else:
            day = _calendar_day(expr, year, res)
            if day is None:
                return None
            value, interval = day.isoformat(), (day, day)
            if unit is Granularity.WEEK:  # the week of a day ("the week of October 14")
                value, interval = cal.iso_week(day), cal.week_interval(day)
        if shift and unit in _FISCAL_UNITS:
            value = "FY" + value
            first = cal.add_months(interval[0], shift)
            last = cal.add_months(interval[1].replace(day=1), shift)
            interval = (first, cal.month_end(last.year, last.month))
    except (ValueError, OverflowError):
        return None
    start, end = _part(interval, unit, expr.mod, reference)
    return Timex(TimexType.DATE, value, timeml_mod(expr.mod), start, end, unit)


def _calendar_day(expr: CalendarExpr, year: int, res: Resources) -> date | None:
    if expr.festival is not None:
        day = festival_date(res.festivals[expr.festival], year, res.festivals)
    elif expr.month is not None and expr.day is not None:
        day = date(year, expr.month, expr.day)
    else:
        return None
    return None if day is None else day + timedelta(days=expr.day_shift)


def _relative(expr: RelativeExpr, reference: date) -> Timex | None:
    unit, n = expr.unit, expr.offset
    try:
        if unit is Granularity.DAY:
            return replace(_day(reference + timedelta(days=n)), mod=timeml_mod(expr.mod))
        if unit is Granularity.WEEK:
            monday = cal.week_interval(reference)[0] + timedelta(weeks=n)
            value, interval = cal.iso_week(monday), cal.week_interval(monday)
            if expr.weekend:
                saturday = monday + timedelta(days=5)
                value, interval = f"{value}-WE", (saturday, saturday + timedelta(days=1))
        elif unit is Granularity.MONTH:
            first = cal.add_months(reference.replace(day=1), n)
            value = f"{first.year:04d}-{first.month:02d}"
            interval = cal.month_interval(first.year, first.month)
        elif unit is Granularity.QUARTER:
            year, q0 = divmod(reference.year * 4 + (reference.month - 1) // 3 + n, 4)
            value, interval = f"{year:04d}-Q{q0 + 1}", cal.quarter_interval(year, q0 + 1)
        elif unit is Granularity.YEAR:
            year = reference.year + n
            value, interval = f"{year:04d}", cal.year_interval(year)
        else:
            return None
    except (ValueError, OverflowError):
        return None
    start, end = _part(interval, unit, expr.mod, reference)
    return Timex(TimexType.DATE, value, timeml_mod(expr.mod), start, end, unit)


def _part(
    interval: tuple[date, date], unit: Granularity, mod: str | None, reference: date | None
) -> tuple[date, date]:
    """The part of a whole period a mod names: "earlier this year" up to the reference date
    (when the period holds it), else the thirds and edges of :func:`calendar.narrow`."""
    clamped = None if reference is None else cal.clamp_to_reference(interval, mod, reference)
    return clamped or cal.narrow(interval, unit.value, mod)


def _weekday(expr: WeekdayExpr, reference: date, tense: Tense) -> Timex | None:
    tense = expr.lean or tense
    back = (reference.isoweekday() - expr.weekday) % 7  # days since the last one (0 = today)
    ahead = (expr.weekday - reference.isoweekday()) % 7
    if expr.offset == -1:
        shift = -(back or 7)
    elif expr.offset == 1:
        shift = ahead or 7
    elif expr.offset == 0:
        shift = expr.weekday - reference.isoweekday()
    elif tense is Tense.FUTURE or (tense is not Tense.PAST and ahead < back):
        shift = ahead
    else:
        shift = -back
    try:
        day = reference + timedelta(days=shift)
    except OverflowError:
        return None
    return replace(_day(day), mod=timeml_mod(expr.mod))


def _era(expr: EraExpr) -> Timex | None:
    first = expr.first_year
    if expr.unit is Granularity.DECADE:
        value, interval = f"{first // 10:03d}", cal.decade_interval(first)
    else:
        value, interval = f"{first // 100:02d}", cal.century_interval(first)
    start, end = cal.narrow(interval, expr.unit.value, expr.mod)
    return Timex(TimexType.DATE, value, timeml_mod(expr.mod), start, end, expr.unit)


# a fractional amount is written in the next smaller unit: 1.5 years = 18 months
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}
_WHOLE = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}
_DURATION_GRANULARITY = {
    "Y": Granularity.YEAR,
    "M": Granularity.MONTH,
    "W": Granularity.WEEK,
    "D": Granularity.DAY,
}


def _duration(expr: DurationExpr, reference: date) -> Timex | None:
    unit, amount = expr.unit, expr.amount
    if unit in _WHOLE:
        unit, factor = _WHOLE[unit]
        amount = None if amount is None else amount * factor
    if amount is not None and amount.denominator != 1:
        if unit not in _SMALLER:
            return None
        unit, factor = _SMALLER[unit]
        amount *= factor
        if amount.denominator != 1:
            return None
    count = "X" if amount is None else str(amount.numerator)
    time_part = unit in ("H", "MIN", "S")
    letter = "M" if unit == "MIN" else unit
    value = f"PT{count}{letter}" if time_part else f"P{count}{letter}"
    interval = _anchored(unit, amount, expr.anchor, reference)
    if interval is None:
        return Timex(TimexType.DURATION, value, expr.mod)
    granularity = _DURATION_GRANULARITY.get(unit, Granularity.DAY)
    return Timex(TimexType.DURATION, value, expr.mod, interval[0], interval[1], granularity)


_SHIFTS: dict[str, Callable[[date, int], date]] = {
    "Y": lambda d, n: cal.add_months(d, 12 * n),
    "M": cal.add_months,
    "W": lambda d, n: d + timedelta(weeks=n),
    "D": lambda d, n: d + timedelta(days=n),
}


def _anchored(
    unit: str, amount: Fraction | None, anchor: int, reference: date
) -> tuple[date, date] | None:
    """The interval an anchored duration covers: "the past 3 months" ends on the reference
    date, "the next 3 months" starts on it."""
    if anchor == 0 or amount is None:
        return None
    if unit not in _SHIFTS:
        return reference, reference
    try:
        other = _SHIFTS[unit](reference, anchor * int(amount))
    except (ValueError, OverflowError):
        return None
    if anchor < 0:
        return other + timedelta(days=1), reference
    return reference, other - timedelta(days=1)


def _latest_quarter(reference: date) -> Timex:
    """The latest quarter that has ended by ``reference``: the one results speak of."""
    index = reference.year * 4 + (reference.month - 1) // 3 - 1
    year, q0 = divmod(index, 4)
    start, end = cal.quarter_interval(year, q0 + 1)
    return Timex(TimexType.DATE, f"{year:04d}-Q{q0 + 1}", None, start, end, Granularity.QUARTER)


def _same_period(
    expr: SamePeriodExpr,
    reference: date,
    previous: Timex | None,
    antecedents: Mapping[Granularity, Timex],
) -> Timex | None:
    antecedent: Timex | None
    if expr.latest:
        antecedent = _latest_quarter(reference)
    elif expr.unit is not None:
        antecedent = antecedents.get(expr.unit)
        if antecedent is None and expr.unit is Granularity.QUARTER:
            antecedent = _latest_quarter(reference)
    else:
        # "a year ago": the date before it in the paragraph, else the quarter in focus in
        # the document (results news compares quarters), else the year
        antecedent = previous or antecedents.get(Granularity.QUARTER)
    written = _year_of(expr.year, reference, None)
    if antecedent is None or antecedent.start is None or antecedent.end is None:
        year = written if written is not None else reference.year + expr.shift
        start, end = cal.year_interval(year)
        return Timex(TimexType.DATE, f"{year:04d}", None, start, end, Granularity.YEAR)
    first, last = antecedent.start, antecedent.end
    year = written if written is not None else first.year + expr.shift
    shift = 12 * (year - first.year)
    try:
        start, end = cal.add_months(first, shift), cal.add_months(last, shift)
    except (ValueError, OverflowError):
        return None
    value = antecedent.value
    if value.startswith("FY"):  # a fiscal period: its fiscal year moves as much
        value = f"FY{int(value[2:6]) + year - first.year:04d}{value[6:]}"
    else:
        value = f"{year:04d}{value[4:]}"
    return replace(antecedent, value=value, start=start, end=end)


@lru_cache(maxsize=4096)
def _parse_day(text: str, languages: tuple[str, ...], order: str) -> date | None:
    """A fully written date, read by dateparser in the pack's ``languages`` and numeric
    date ``order`` (strict: day, month and year required)."""
    import dateparser  # imported lazily: it is only needed for written-out dates

    parsed: datetime | None = dateparser.parse(
        text,
        languages=list(languages),
        settings={
            "STRICT_PARSING": True,
            "DATE_ORDER": order,
            "PREFER_LOCALE_DATE_ORDER": False,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return None if parsed is None else parsed.date()
