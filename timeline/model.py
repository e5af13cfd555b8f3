"""The typed data model shared by every stage.

Flow: text → :class:`Mention` (tagger, carries an :data:`Expr`) → :class:`Timex` (normalizer)
→ :class:`Event` (events stage). Every class is a frozen, slotted dataclass; derive new values
with :func:`dataclasses.replace`. Intervals are inclusive ``[start, end]`` days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction


class Granularity(StrEnum):
    """How coarse a resolved date is, fine to coarse."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class TimexType(StrEnum):
    """TIMEX3 ``type`` attribute."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Tense(StrEnum):
    """Tense of the clause around a mention, used to place dates that lack a year."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Timex:
    """A resolved TIMEX3 value with its concrete interval.

    ``start``/``end`` are inclusive days, both set or both ``None`` (an unanchored duration,
    a set, ``PRESENT_REF``). ``mod`` is a TIMEX3 mod (START, MID, END, EARLY, LATE, APPROX...)
    and, for part-of mods, the interval is already narrowed.
    """

    type: TimexType
    value: str
    mod: str | None = None
    start: date | None = None
    end: date | None = None
    granularity: Granularity | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            msg = f"interval of {self.value} needs both start and end"
            raise ValueError(msg)
        if self.start is not None and self.end is not None and self.start > self.end:
            msg = f"empty interval {self.start}..{self.end} for {self.value}"
            raise ValueError(msg)


# --- Expressions: what the tagger read, before any date is known -------------------------


@dataclass(frozen=True, slots=True)
class YearRef:
    """How a calendar expression gives its year. All unset means "from context".

    ``value``: written out ("2023"). ``shift``: relative to the reference year ("last year"
    = -1). ``anaphoric``: "the year" — the year in focus; with ``previous`` ("that year",
    "the same year") the year of the date mentioned before, even in an earlier sentence;
    with ``after`` too ("the following summer") the first occurrence after that date.
    """

    value: int | None = None
    shift: int | None = None
    anaphoric: bool = False
    previous: bool = False  # "that year": the year of the date mentioned before
    after: bool = False  # "the following summer": the first one after the date before

    @property
    def contextual(self) -> bool:
        return self.value is None and self.shift is None and not self.anaphoric


@dataclass(frozen=True, slots=True)
class CalendarExpr:
    """A named part of a calendar year: "December last year", "mid-January",
    "the second half of 2023", "Q3", "last summer", "last year's 618", "March 3".

    ``unit`` is the granularity named; ``index`` is the half (1-2) or quarter (1-4);
    ``festival`` a festival id from the festival table; ``day_shift`` moves a day value
    ("the eve of" = -1); ``lean`` overrides the clause tense ("last December" leans past).
    """

    unit: Granularity
    year: YearRef = YearRef()
    month: int | None = None
    day: int | None = None
    index: int | None = None
    season: str | None = None
    festival: str | None = None
    day_shift: int = 0
    mod: str | None = None
    lean: Tense | None = None
    fiscal: bool = False  # "fiscal 2025", "FY2026": on the text's fiscal calendar


@dataclass(frozen=True, slots=True)
class RelativeExpr:
    """A period counted from the reference date: "yesterday", "last week", "two months ago";
    or, ``from_previous``, from the date mentioned before it: "two days later", "the
    following year", "the previous day"."""

    unit: Granularity
    offset: int
    mod: str | None = None
    from_previous: bool = False
    weekend: bool = False  # "last weekend": the Saturday and Sunday of that week


@dataclass(frozen=True, slots=True)
class WeekdayExpr:
    """A weekday: "on Friday" (``offset`` None: by tense), "next Friday" (+1),
    "last Tuesday" (-1), "this Friday" (0)."""

    weekday: int  # ISO: Monday = 1
    offset: int | None = None
    mod: str | None = None
    lean: Tense | None = None  # overrides the clause tense ("said on Saturday": past)


@dataclass(frozen=True, slots=True)
class EraExpr:
    """A decade ("the 1990s") or century ("the 20th century"), by its first year."""

    unit: Granularity
    first_year: int
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class DurationExpr:
    """A length of time: "three years" (P3Y), "the past year and a half" (P18M, anchored).

    ``amount`` None means unspecified ("years", "many months": PXY, PXM). ``unit`` is a
    TIMEX3 duration unit letter: Y, M, W, D, H, MIN (written as T..M), S, DE (decade), CE.
    ``anchor``: -1 for "the past ...", +1 for "the next ...", 0 when not anchored.
    """

    amount: Fraction | None
    unit: str
    anchor: int = 0
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class RefExpr:
    """A deictic reference with no interval: PRESENT_REF ("now"), PAST_REF, FUTURE_REF."""

    value: str


@dataclass(frozen=True, slots=True)
class SetExpr:
    """A recurring time: "every Monday" (XXXX-WXX-1), "annually" (P1Y)."""

    value: str


@dataclass(frozen=True, slots=True)
class ParsedExpr:
    """A fully written day date ("March 3, 2021", "2021-03-03") that dateparser reads."""

    text: str


@dataclass(frozen=True, slots=True)
class SamePeriodExpr:
    """A period named through an earlier date: "the same period in 2022" (the previous date
    moved to 2022), "a year earlier" (moved back a year, ``shift`` -1), "the quarter" (the
    quarter in focus, ``unit`` QUARTER). Moved to another year it is a comparison, and never
    becomes the date in focus.

    Without an earlier date: a quarter is the latest one that has ended by the reference
    date (the one a results report speaks of); anything else is a year.
    """

    year: YearRef = YearRef()
    shift: int = 0
    unit: Granularity | None = None
    latest: bool = False  # "the latest quarter": the latest ended, whatever came before

    @property
    def compares(self) -> bool:
        """Is it moved to another year (a comparison: "a year earlier", "the same period in
        2022"), not the period in focus itself ("the quarter")?"""
        return self.shift != 0 or not self.year.contextual


@dataclass(frozen=True, slots=True)
class TimeOfDayExpr:
    """A part of a day or a clock time on a day: "Friday morning" (MO), "tonight" (NI),
    "3 p.m." (15:00). ``day`` is None for the reference day. The TIMEX3 value is the day's
    value, ``T`` and the part: ``1998-02-06TMO``, ``1998-02-12T15:00``."""

    day: CalendarExpr | RelativeExpr | WeekdayExpr | ParsedExpr | None
    part: str


Expr = (
    CalendarExpr
    | RelativeExpr
    | WeekdayExpr
    | EraExpr
    | DurationExpr
    | RefExpr
    | SetExpr
    | ParsedExpr
    | SamePeriodExpr
    | TimeOfDayExpr
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A temporal expression found in a text: half-open char offsets ``[start, end)``.

    ``text == source[start:end]`` always holds. ``rule`` is the id of the rule that fired;
    ``tense``, ``paragraph`` and ``sentence`` (indexes in the text), ``deadline`` (it
    follows "by", "before": the pack's ``deadline``), ``background`` (it is inside an
    aside about a name: the pack's ``background``) and ``lasting`` (it says since when a
    state lasts, up to now: the pack's ``lasting``) are the context the normalizer uses.
    """

    start: int
    end: int
    text: str
    rule: str
    expr: Expr
    tense: Tense = Tense.NONE
    paragraph: int = 0
    sentence: int = 0
    deadline: bool = False
    background: bool = False
    lasting: bool = False


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention and its value (``timex`` None when it could not be resolved)."""

    mention: Mention
    timex: Timex | None


@dataclass(frozen=True, slots=True)
class Document:
    """One input article. ``body_start`` is where the article text begins in ``text``
    (after front matter); offsets everywhere are into ``text`` as read."""

    doc_id: str
    text: str
    reference_date: date | None
    title: str | None = None
    source: str | None = None
    body_start: int = 0
    reference_basis: str | None = None  # where reference_date came from (see documents.py)
    url: str | None = None
    # the language its text is read with: a pack's code (timeline.lang) once the build has
    # chosen one; before, the language the document says it is in (front matter, HTML,
    # JSONL), if any
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event: a sentence and the date that governs it."""

    event_id: str
    doc_id: str
    date_start: date
    date_end: date
    granularity: Granularity
    timex: str
    mod: str | None
    date_text: str
    category: str
    title: str
    actors: tuple[str, ...]
    sentence: str
    char_start: int
    char_end: int
    reference_date: date
    reference_basis: str | None = None
    approximate: bool = False  # dated through the sentence before it ("Soon after, ...")
    confidence: float = 1.0
    sources: tuple[str, ...] = ()  # "doc_id:char_start-char_end" of every report of it
    categories: tuple[str, ...] = ()  # every category it falls in, ``category`` first
    status: str = "done"  # done | planned (will, plans to) | reported (rumours, "according to")

    def __post_init__(self) -> None:
        if not self.categories:  # an event is at least in its own category
            object.__setattr__(self, "categories", (self.category,))
