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

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from timeline.calendar import shifted

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
OTHER_LANE = "other"
LANE_GAP = 0.8  # rows of space between two lanes
LANES = {"category": "category", "document": "doc_id", "actor": "first_actor"}
# a figure draws at most this many events, the most reported first (the table keeps all):
# more stack into a wall no one can read, and make a page no browser opens quickly
MAX_EVENTS = 5000
# a single day is drawn as wide as this share of the whole span, for stacking
_DAY_SHARE = 45


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
    events (table rows, as dicts) and the row of each."""

    name: str
    colour: str
    top: float
    rows: int
    events: tuple[dict[str, Any], ...]
    ys: tuple[float, ...]


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


def stack(rows: Sequence[dict[str, Any]], min_span: timedelta) -> list[int]:
    """Row index within a lane for each event (sorted by start) so that none overlap;
    a single day counts as ``min_span`` wide so that close days stack instead of
    overprinting."""
    ends: list[date] = []
    out: list[int] = []
    for row in rows:
        start: date = row["date_start"]
        end: date = max(row["date_end"], shifted(start, min_span))
        for index, last in enumerate(ends):
            if last < start:
                ends[index] = end
                out.append(index)
                break
        else:
            ends.append(end)
            out.append(len(ends) - 1)
    return out


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
            f"{first.isoformat()} to {last.isoformat()} · bars span months, quarters, "
            "half-years and years; diamonds are single days; hatched or hollow: approximate"
        )
        min_span = max(timedelta(days=1), (last - first) / _DAY_SHARE)
    else:
        subtitle, min_span = "No dated events found", timedelta(days=1)
    lanes: list[Lane] = []
    offset = 0.0
    for index, value in enumerate(_lane_values(frame, column, lane_order)):
        rows = frame.filter(pl.col(column).cast(pl.String) == value).to_dicts()
        rows_of = stack(rows, min_span)
        colour = OTHER_COLOUR if value == OTHER_LANE else PALETTE[index % len(PALETTE)]
        height = max(rows_of) + 1
        ys = tuple(offset + r for r in rows_of)
        lanes.append(Lane(value, colour, offset, height, tuple(rows), ys))
        offset += height + LANE_GAP
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
    )
