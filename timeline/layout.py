"""Lay the event table out as a timeline, before any drawing: which events are shown, in
which lanes, stacked how, with which colours, lines and bands. A chart backend
(:mod:`timeline.render` for plotly) only draws a :class:`Layout`; it never chooses.

Lanes are the values of one column (the category by default, or the document, or the first
actor named), in the order asked for and then as they come. Within a lane, events that
overlap in time (a single day counts as a short span, so that close days do not print over
each other) go on rows of their own. A table of more events than can be read shows the most
reported ones (most sources, then most confident, then earliest) and says so.
"""

from __future__ import annotations

import bisect
import io
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from timeline.calendar import period_label, shifted

if TYPE_CHECKING:  # polars is loaded when a layout is made, not for its options
    import polars as pl

    from timeline.table import Table

# Colour-blind-safe colours: Okabe & Ito's palette, then Paul Tol's "muted" ones, so that
# eleven lanes stay distinct; grey is kept for the lane of events no category claimed
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#999933",
    "#882255",
    "#44AA99",
    "#DDCC77",
)
OTHER_COLOUR = "#999999"
# a category's colour, the same in every chart of every build (a category a user's own
# taxonomy adds takes a palette colour fixed by its name)
CATEGORY_COLOURS = {
    "founding": "#332288",
    "acquisition": "#882255",
    "layoffs": "#D55E00",
    "capital": "#117733",
    "earnings": "#0072B2",
    "legal": "#CC6677",
    "reorganization": "#AA4499",
    "closure": "#999933",
    "personnel": "#E69F00",
    "promotion": "#CC79A7",
    "policy": "#A6761D",
    "partnership": "#56B4E9",
    "launch": "#009E73",
    "conference": "#C49A00",
    "announcement": "#6C7A89",
    "other": OTHER_COLOUR,
}
OTHER_LANE = "other"
LANE_GAP = 0.8  # rows of space between two lanes
LANES = {"category": "category", "document": "doc_id", "actor": "first_actor"}
# a figure draws at most this many events, the most reported first (the table keeps all):
# more stack into a wall no one can read, and make a page no browser opens quickly
MAX_EVENTS = 5000
# a single day is drawn as wide as this share of the whole span, for stacking
_DAY_SHARE = 45
# a label beside each event: at most this many characters, as wide as this share of the
# whole window a character (a 1,400 px chart's plot holds about 175 of them at 12 px), and
# reserved in a lane's rows up to this many rows; beyond, an event goes unlabelled (its
# hover keeps it all) rather than stack a lane into a wall
LABEL_CHARS = 40
_CHAR_SHARE = 175
# the share of a window kept on the right for the last event's label
_LABEL_ROOM = 0.22
# two marks in a row keep at least this share of the whole span between them
_GAP_SHARE = 400
LABEL_ROWS = 6


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """How the timeline is laid out: its title, what its lanes are and in which order,
    whether festivals are shaded, how many events it shows at most."""

    title: str | None = None
    lane: str = "category"  # category, document, actor, or a column of the table
    lane_order: tuple[str, ...] | None = None  # lanes first in this order, the rest after
    festival_bands: bool = False  # shade 618, Double 11 ... (festivals.toml band = true)
    max_events: int = MAX_EVENTS


@dataclass(frozen=True, slots=True)
class Lane:
    """One lane: its name, colour, where its first row is, how many rows it takes, its
    events (table rows, as dicts) and for each its row, how it is drawn (:func:`mark`),
    where its mark sits (:func:`anchor`) and its label ("" where the label gave way)."""

    name: str
    colour: str
    top: float
    rows: int
    events: tuple[dict[str, Any], ...]
    ys: tuple[float, ...]
    marks: tuple[str, ...]
    xs: tuple[datetime, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """A timeline laid out, ready for a backend to draw."""

    title: str
    subtitle: str
    lane_title: str  # what the lanes are ("category", "document"...)
    lanes: tuple[Lane, ...]
    height: float  # rows in all, lanes and the gaps between them
    shown: int  # events drawn
    total: int  # events in the table
    documents: int  # documents the drawn events come from
    first: date | None  # the span of the drawn events
    last: date | None
    reference: date | None  # the reference date (the latest, for many documents)
    reference_label: str
    bands: tuple[tuple[str, date], ...]  # festival days to shade, with their names
    view: Window | None = None  # what the chart opens on: the main cluster of dates
    windows: tuple[tuple[str, Window], ...] = ()  # the range buttons, narrowest first
    # what lies outside the first view, told at its edge: (row, "left"/"right", text, the
    # date of the nearest such event), one a lane and side
    outside: tuple[tuple[float, str, str, datetime], ...] = ()


Window = tuple[datetime, datetime]
_MARKED = ("date_start", "date_end", "granularity")  # what :func:`anchor` reads


def _moved(at: datetime, delta: timedelta) -> datetime:
    """``at + delta``, held within the calendar instead of overflowing."""
    try:
        return at + delta
    except OverflowError:
        return datetime.max if delta > timedelta(0) else datetime.min


def windows(
    starts: Sequence[datetime], ends: Sequence[datetime], marks: Sequence[datetime] = ()
) -> tuple[Window, list[tuple[str, Window]]]:
    """The window a chart of events spanning ``starts`` to ``ends`` opens on, and its
    range buttons' windows (the last month, six months and year of the events, and all of
    them), each with room on the right for the last event's label.

    The first view is the main cluster of dates: a tenth of the events or fewer lying
    further out on one side than all the rest together are left out of it (a company's
    founding year in a review of one year), still reachable by panning or by "all".
    Every button's window holds an event: it ends at the latest of the view's ``marks``
    (where the events are drawn, :func:`anchor`; their starts when not given).

    >>> at = [datetime(2023, m, 1) for m in range(1, 13)]
    >>> view, buttons = windows([datetime(2010, 1, 1), *at], [datetime(2010, 12, 31), *at])
    >>> view[0].year, [name for name, _ in buttons]
    (2022, ['1m', '6m', 'all'])
    """
    ordered, closing = sorted(starts), sorted(ends)
    count = len(ordered)
    lo, hi = ordered[0], closing[-1]
    out = max(1, count // 10) if count >= 5 else 0
    if out and ordered[out] - ordered[0] > closing[-1] - ordered[out]:
        lo = ordered[out]
    if out and closing[-1] - closing[-1 - out] > closing[-1 - out] - lo:
        hi = closing[-1 - out]

    def window(a: datetime, b: datetime) -> Window:
        width = max(b - a, timedelta(days=10)) / (1 - _LABEL_ROOM)
        return _moved(a, -width * 0.03), _moved(a, width)

    latest = max(x for x in (marks or ordered) if x <= hi)
    buttons: list[tuple[str, Window]] = []
    for name, days in (("1m", 31), ("6m", 183), ("1y", 366)):
        since = _moved(latest, -timedelta(days=days))
        if since > lo:
            buttons.append((name, window(since, latest)))
    buttons.append(("all", window(ordered[0], closing[-1])))
    return window(lo, hi), buttons


def most_reported(table: Table, count: int) -> tuple[pl.DataFrame, int]:
    """The ``count`` most reported events of ``table`` (most ``sources``, then most
    confident, then earliest), and how many events it has; memory holds one piece of it."""
    import polars as pl

    from timeline.table import EVENT_SCHEMA, pieces

    # most reported first: most sources, most confident, earliest
    rank = (pl.col("sources").list.len(), "confidence", "date_start", "doc_id", "char_start")
    best = EVENT_SCHEMA.to_frame()
    total = 0
    for piece in pieces(table):
        total += piece.height
        best = pl.concat([best, piece])
        if best.height > count:
            best = best.top_k(count, by=rank, reverse=[False, False, True, True, True])
            # a copy with its own strings: the rows kept would hold every piece's strings
            buffer = io.BytesIO()
            best.write_ipc(buffer)
            buffer.seek(0)
            best = pl.read_ipc(buffer)
    return best, total


def _width(text: str) -> int:
    """How many Latin characters wide ``text`` is drawn: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters' width: cut at a word where it has words,
    with "…" for what was left out."""
    if _width(text) <= room:
        return text
    kept = ""
    for char in text:
        if _width(kept + char) > room - 1:
            break
        kept += char
    if " " in kept.strip() and not text[len(kept)].isspace():  # (a word cut in two)
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(",;:·-–— ") + "…"


def when(row: dict[str, Any], *, year: int | None = None) -> str:
    """An event's date at its precision as the chart and its list write it: "~" before an
    approximate one; ``year``, the one year the whole chart lies in, left out.

    >>> when({"date_start": date(2023, 11, 1), "date_end": date(2023, 11, 30),
    ...       "granularity": "month", "approximate": True}, year=2023)
    '~Nov'
    """
    said = period_label(row["date_start"], row["date_end"], row["granularity"], row.get("mod"))
    if year is not None and said.endswith(f" {year}") and said != str(year):
        said = said[: -len(f" {year}")]
    return "~" + said if row.get("approximate") else said


def label(row: dict[str, Any], *, year: int | None = None, named: str | None = None) -> str:
    """The words beside an event on the chart: its date at its precision, then its title,
    in at most :data:`LABEL_CHARS` characters' width; "~" before an approximate date,
    "planned" or "reported" before the title of such an event. ``year``: the one year the
    whole chart lies in, left out of the dates; ``named``: the company the chart's title
    names, left out where a title opens with it (the room goes to what it did).

    >>> row = {"date_start": date(2023, 11, 10), "date_end": date(2023, 11, 10),
    ...        "granularity": "day", "mod": None, "approximate": False, "status": "done",
    ...        "title": "Lanting held a merchant conference in Shanghai"}
    >>> label(row, year=2023)
    '10 Nov · Lanting held a merchant…'
    >>> label({**row, "approximate": True, "status": "planned"})
    '~10 Nov 2023 · planned · Lanting held a…'
    >>> label(row, year=2023, named="Lanting")
    '10 Nov · Held a merchant conference in…'
    >>> label({**row, "granularity": "month", "date_start": date(2023, 11, 1),
    ...        "date_end": date(2023, 11, 30), "title": "兰亭举办商家大会"}, year=2023)
    'Nov · 兰亭举办商家大会'
    """
    date_said = when(row, year=year)
    status = row.get("status")
    head = f"{date_said} · {status} · " if status in ("planned", "reported") else f"{date_said} · "
    title = " ".join(str(row.get("title") or "").split())
    if named and title.startswith(named + " ") and len(title) > len(named) + 1:
        rest = title[len(named) + 1 :]
        title = rest[:1].upper() + rest[1:]
    return head + _cut(title, LABEL_CHARS - _width(head))


def mark(row: dict[str, Any]) -> str:
    """How an event is drawn: ``"day"`` a marker on its day, ``"span"`` a bar over a
    stated range of days (a real duration), ``"period"`` a point in a month, quarter, year
    ... with a light bracket over the interval (the date is that coarse, the event no
    longer)."""
    if row["granularity"] == "day":
        return "day" if row["date_end"] <= row["date_start"] else "span"
    return "period"


def anchor(row: dict[str, Any]) -> datetime:
    """Where an event's mark and label sit: noon of its day, the middle of its period, the
    end of its range (its label follows the bar)."""
    start = datetime.combine(row["date_start"], time())
    after = datetime.combine(shifted(row["date_end"], timedelta(days=1)), time())
    kind = mark(row)
    if kind == "day":
        return start + timedelta(hours=12)
    return after if kind == "span" else start + (after - start) / 2


def stack(
    bare: Sequence[tuple[datetime, datetime]],
    labelled: Sequence[tuple[datetime, datetime]],
    order: Sequence[int],
    *,
    most_rows: int,
) -> list[int]:
    """A row in the lane for each event so that no two overlap: ``bare[i]`` is the span
    event ``i`` takes drawn alone, ``labelled[i]`` with its label. Events are placed in
    ``order`` (most reported first): each on the first of ``most_rows`` rows where it fits
    with its label, else (its label gives way) as ``-1 - row`` on the first row of any
    number where it fits alone.

    >>> at = [datetime(2023, m, 1) for m in range(1, 13)]
    >>> stack([(at[0], at[1]), (at[1], at[2])], [(at[0], at[4]), (at[1], at[5])], [0, 1],
    ...       most_rows=2)
    [0, 1]
    >>> stack([(at[0], at[1]), (at[1], at[2])], [(at[0], at[4]), (at[1], at[5])], [1, 0],
    ...       most_rows=1)
    [-2, 0]
    """
    rows: list[list[tuple[datetime, datetime]]] = []  # each row's spans, by start

    def fits(spans: list[tuple[datetime, datetime]], span: tuple[datetime, datetime]) -> bool:
        at = bisect.bisect_left(spans, span)
        before = at == 0 or spans[at - 1][1] < span[0]
        return before and (at == len(spans) or span[1] < spans[at][0])

    def put(index: int, span: tuple[datetime, datetime]) -> int:
        if index == len(rows):
            rows.append([])
        bisect.insort(rows[index], span)
        return index

    out = [0] * len(bare)
    for event in order:
        free = next((i for i in range(len(rows)) if fits(rows[i], labelled[event])), len(rows))
        if free < most_rows:
            out[event] = put(free, labelled[event])
            continue
        alone = next((i for i in range(len(rows)) if fits(rows[i], bare[event])), len(rows))
        out[event] = -1 - put(alone, bare[event])
    return out


def colour(lane: str, *, by_category: bool) -> str:
    """The colour of a lane: a category's own (:data:`CATEGORY_COLOURS`), the same in
    every build; a palette colour fixed by the name for any other lane.

    >>> colour("layoffs", by_category=True)
    '#D55E00'
    >>> colour("store-openings", by_category=True) == colour("store-openings", by_category=True)
    True
    """
    if by_category and lane in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[lane]
    if lane == OTHER_LANE:
        return OTHER_COLOUR
    return PALETTE[zlib.crc32(lane.encode("utf-8")) % len(PALETTE)]


def _ranked(rows: Sequence[dict[str, Any]]) -> list[int]:
    """The order labels are given in: most sources, most confident, then earliest."""
    return sorted(
        range(len(rows)),
        key=lambda i: (-len(rows[i].get("sources") or ()), -(rows[i].get("confidence") or 0), i),
    )


def _spans(
    rows: Sequence[dict[str, Any]],
    labels: Sequence[str],
    xs: Sequence[datetime],
    span: timedelta,
) -> tuple[list[tuple[datetime, datetime]], list[tuple[datetime, datetime]]]:
    """The span each event takes in its row drawn alone and with its label (which starts
    at its mark, ``xs``), for :func:`stack`: a single day as a share of the whole ``span``
    (so close days stack rather than overprint), a label as many characters' share as it
    has, and a gap after each so that neighbours never touch."""
    day = max(timedelta(days=1), span / _DAY_SHARE)
    char = max(timedelta(hours=1), span / _CHAR_SHARE)
    gap = max(timedelta(hours=12), span / _GAP_SHARE)
    bare: list[tuple[datetime, datetime]] = []
    labelled: list[tuple[datetime, datetime]] = []
    for row, text, x in zip(rows, labels, xs, strict=True):
        start = datetime.combine(row["date_start"], time())
        end = datetime.combine(shifted(row["date_end"], timedelta(days=1)), time())
        end = max(end, _moved(start, day))
        bare.append((start, _moved(end, gap)))
        reach = _moved(x, char * (_width(text) + 2))
        labelled.append((start, _moved(max(end, reach), gap)))
    return bare, labelled


def _named(frame: pl.DataFrame, title: str | None) -> str | None:
    """The company the chart is about: the actor named first most often, when the chart's
    title names it too ("Lanting's 2023 in review")."""
    if not title or frame.is_empty():
        return None
    firsts = Counter(a for a in frame["first_actor"].to_list() if a and a != "no actor named")
    if not firsts:
        return None
    top, count = min(firsts.items(), key=lambda item: (-item[1], item[0]))
    return top if count * 3 >= firsts.total() and top in title else None


def _outside(lane: Lane, view: Window) -> list[tuple[float, str, str, datetime]]:
    """A lane's events outside the first ``view``, one note a side: the nearest one's
    label, and how many more ("◀ 2014 · Orbit was founded", "◀ 3 earlier · ...")."""
    notes = []
    rows = list(zip(lane.events, lane.xs, strict=True))
    for side, away in (
        ("left", [r for r in rows if r[1] < view[0]]),
        ("right", [r for r in rows if r[1] > view[1]]),
    ):
        if not away:
            continue
        row, at = max(away, key=lambda r: r[1]) if side == "left" else min(away, key=lambda r: r[1])
        text = label(row)
        if len(away) > 1:
            text = f"{len(away)} {'earlier' if side == 'left' else 'later'} · {text}"
        text = f"◀ {text}" if side == "left" else f"{text} ▶"
        notes.append((lane.top + (lane.rows - 1) / 2, side, text, at))
    return notes


def _lane_values(frame: pl.DataFrame, lane: str, order: Sequence[str] | None) -> list[str]:
    import polars as pl

    present = list(dict.fromkeys(frame.get_column(lane).cast(pl.String).to_list()))
    if order is None:
        return present
    known = [value for value in order if value in present]
    return known + [value for value in present if value not in known]


def layout(
    table: Table,
    *,
    lane: str = "category",
    lane_order: Sequence[str] | None = None,
    title: str | None = None,
    reference_dates: Sequence[date] = (),
    bands: Sequence[tuple[str, date]] = (),
    max_events: int = MAX_EVENTS,
) -> Layout:
    """The timeline of the event table, laid out: one lane per value of ``lane``
    ("category", "document" or "actor": the first actor named, or any table column).

    A table of more than ``max_events`` events shows the ``max_events`` most reported (most
    ``sources``, then most confident, then earliest), and says so in the subtitle; a table
    in files is read a file at a time."""
    import polars as pl

    drawn, total = most_reported(table, max_events)
    frame = drawn.sort(["date_start", "date_end", "doc_id", "char_start"]).with_columns(
        pl.col("actors").list.first().fill_null("no actor named").alias("first_actor")
    )
    column = LANES.get(lane, lane)
    if column not in frame.columns:
        msg = f"no lane {lane!r}; use one of {', '.join(LANES)} or a column of the table"
        raise ValueError(msg)
    count = frame.height
    docs = frame.get_column("doc_id").n_unique() if count else 0
    first: date | None = frame["date_start"].min() if count else None  # type: ignore[assignment]
    last: date | None = frame["date_end"].max() if count else None  # type: ignore[assignment]
    if first is not None and last is not None:
        shown = f"the {count:,} most reported of {total:,}" if total > count else f"{count}"
        subtitle = (
            f"{shown} events from {docs} document{'s' if docs != 1 else ''} · "
            f"{first.isoformat()} to {last.isoformat()} · ◆ a day, ● a month, quarter or "
            "year (its bracket the period), bars a range of days · hollow: approximate, "
            "⊙ planned, ⊕ reported"
        )
        view, buttons = windows(
            [datetime.combine(d, time()) for d in frame["date_start"]],
            [datetime.combine(shifted(d, timedelta(days=1)), time()) for d in frame["date_end"]],
            [anchor(row) for row in frame.select(_MARKED).iter_rows(named=True)],
        )
        span = view[1] - view[0]
    else:
        subtitle, span, view, buttons = "No dated events found", timedelta(days=1), None, []
    one_year = first.year if first is not None and last is not None else None
    if first is not None and last is not None and first.year != last.year:
        one_year = None
    named = _named(frame, title)
    lanes: list[Lane] = []
    outside: list[tuple[float, str, str, datetime]] = []
    offset = 0.0
    for value in _lane_values(frame, column, lane_order):
        rows = frame.filter(pl.col(column).cast(pl.String) == value).to_dicts()
        labels = [label(row, year=one_year, named=named) for row in rows]
        xs = tuple(anchor(row) for row in rows)
        placed = stack(*_spans(rows, labels, xs, span), _ranked(rows), most_rows=LABEL_ROWS)
        rows_of = [p if p >= 0 else -1 - p for p in placed]
        lanes.append(
            Lane(
                name=value,
                colour=colour(value, by_category=column == "category"),
                top=offset,
                rows=max(rows_of) + 1,
                events=tuple(rows),
                ys=tuple(offset + r for r in rows_of),
                marks=tuple(mark(row) for row in rows),
                xs=xs,
                labels=tuple(t if p >= 0 else "" for t, p in zip(labels, placed, strict=True)),
            )
        )
        if view is not None:
            outside.extend(_outside(lanes[-1], view))
        offset += max(rows_of) + 1 + LANE_GAP
    refs = sorted(set(reference_dates))
    return Layout(
        title=title or "Timeline",
        subtitle=subtitle,
        lane_title=lane,
        lanes=tuple(lanes),
        height=offset,
        shown=count,
        total=total,
        documents=docs,
        first=first,
        last=last,
        reference=refs[-1] if refs else None,
        reference_label="reference date" if len(refs) == 1 else "latest reference date",
        bands=tuple(bands),
        view=view,
        windows=tuple(buttons),
        outside=tuple(outside),
    )
