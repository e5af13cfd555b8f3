"""Write the event table in the formats people load elsewhere.

CSV (``table.write_csv``), Parquet, JSON records, TimelineJS3 JSON and iCalendar. Every
writer takes the event table and a path, and writes atomically (a temp file, then a rename).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from timeline.calendar import period_label
from timeline.io import atomic_write, write_text
from timeline.table import EVENT_SCHEMA, Table, check_schema, pieces, scan


def write_parquet(frame: Table, path: str | Path) -> Path:
    """The event table as Parquet (types kept: dates, the actors list); a table in files is
    streamed to the file."""
    check_schema(frame)
    with atomic_write(path) as tmp:
        scan(frame).sink_parquet(tmp)
    return Path(path)


def read_parquet(path: str | Path) -> pl.DataFrame:
    """Read a Parquet file written by :func:`write_parquet` back into the event table."""
    return pl.read_parquet(path).select(EVENT_SCHEMA.names()).cast(EVENT_SCHEMA)


def _records(frame: pl.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.iter_rows(named=True):
        yield {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def write_json(frame: Table, path: str | Path) -> Path:
    """The event table as a JSON array of records (dates as ISO strings); a table in files
    is written a file at a time."""
    check_schema(frame)
    with atomic_write(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        out.write("[")
        separator = "\n"
        for piece in pieces(frame):
            for record in _records(piece):
                # as json.dumps indents a record in a list: one more space a line
                text = json.dumps([record], ensure_ascii=False, indent=1)[2:-2]
                out.write(separator + text)
                separator = ",\n"
        out.write("\n]\n" if separator != "\n" else "]\n")
    return Path(path)


# which parts of a date a TimelineJS date object carries, per granularity: one unit finer
# than the period (its sub-unit, as timeline.calendar.narrow cuts it), so that a period's
# first and last day are two different TimelineJS dates and the part a mod narrowed to
# ("the end of 2023": November and December) sorts where it lies
_PRECISION = {
    "day": ("year", "month", "day"),
    "week": ("year", "month", "day"),
    "month": ("year", "month", "day"),
    "quarter": ("year", "month"),
    "half": ("year", "month"),
    "season": ("year", "month"),
    "year": ("year", "month"),
    "decade": ("year",),
    "century": ("year",),
}
_DAY_PRECISION = ("year", "month", "day")


def _tl_date(day: date, parts: tuple[str, ...]) -> dict[str, int]:
    return {part: getattr(day, part) for part in parts}


def _tl_dates(start: date, end: date, granularity: str) -> tuple[dict[str, int], ...]:
    """The TimelineJS start date, and end date unless the event is one day: at the
    granularity's precision, or by the day when that would make start and end the same
    date (TimelineJS draws such an event with no length)."""
    if start == end:
        return (_tl_date(start, _DAY_PRECISION),)
    parts = _PRECISION.get(granularity, ("year",))
    first, last = _tl_date(start, parts), _tl_date(end, parts)
    if first == last:
        first, last = _tl_date(start, _DAY_PRECISION), _tl_date(end, _DAY_PRECISION)
    return first, last


def date_label(row: dict[str, Any]) -> str:
    """A row's resolved date at its precision ("Nov 2023", "Q3 2023", "end of 2023"): see
    :func:`timeline.calendar.period_label`."""
    return period_label(row["date_start"], row["date_end"], row["granularity"], row["mod"])


def _escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)  # element text: quotes are harmless


def timelinejs(frame: pl.DataFrame, *, title: str | None = None) -> dict[str, Any]:
    """The event table as a TimelineJS3 document: one event per row, grouped by category.

    ``display_date`` is the resolved date at the row's precision ("Nov 2023", "Q3 2023",
    "end of 2023"); the date as the article wrote it ends the text ("(as written: last
    year)"). ``start_date``/``end_date`` are the interval's first and last day, one unit
    finer than the row's granularity (a year by its months, a month by its days), so that
    a period has a length and a narrowed part sorts where it lies. TimelineJS renders its
    texts as HTML, so every text from an article is HTML-escaped (``<b>`` shows as
    ``<b>``, never as markup)."""
    events = []
    for row in frame.iter_rows(named=True):
        dates = _tl_dates(row["date_start"], row["date_end"], row["granularity"])
        body = _escape(row["sentence"])
        if row["date_text"]:
            body += f" (as written: {_escape(row['date_text'])})"
        event: dict[str, Any] = {
            "unique_id": row["event_id"],
            "start_date": dates[0],
            "display_date": _escape(date_label(row)),
            "group": _escape(row["category"]),
            "text": {"headline": _escape(row["title"]), "text": body.lstrip()},
        }
        if len(dates) > 1:
            event["end_date"] = dates[1]
        events.append(event)
    document: dict[str, Any] = {"events": events}
    if title:
        document["title"] = {"text": {"headline": _escape(title)}}
    return document


def write_timelinejs(frame: pl.DataFrame, path: str | Path, *, title: str | None = None) -> Path:
    """Write :func:`timelinejs` as JSON."""
    check_schema(frame)
    text = json.dumps(timelinejs(frame, title=title), ensure_ascii=False, indent=1)
    return write_text(path, text + "\n")


# granularities an iCalendar event spans: coarser ones are one day, see :func:`ics`
SPANNED = frozenset({"day", "week"})
CALENDAR_NAME = "timeline"


def ics(frame: pl.DataFrame, *, title: str | None = None, spans: bool = False) -> bytes:
    """The event table as iCalendar (``X-WR-CALNAME`` = ``title``, else "timeline"): an
    all-day VEVENT a row, SUMMARY = title, DESCRIPTION = sentence, date as written,
    interval and document.

    A day or a week spans its interval (DTEND the day after the last day, as RFC 5545
    wants). A month, quarter, half, season, year or longer is no banner across a calendar
    for months: it is one all-day event on the interval's first day, its date at its
    precision before the title ("Nov 2023 · Acme opened a plant"). ``spans`` makes
    every event span its interval, as before, with the bare title."""
    from icalendar import Calendar, Event  # imported lazily: only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//timeline//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title or CALENDAR_NAME)
    for row in frame.iter_rows(named=True):
        event = Event()
        event.add("uid", f"{row['event_id']}@timeline")
        # DTSTAMP must be a UTC date-time; the reference date keeps the file reproducible
        stamp = row["reference_date"]
        event.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC))
        start, summary = row["date_start"], row["title"]
        last = row["date_end"]
        if not spans and row["granularity"] not in SPANNED:
            last, summary = start, f"{date_label(row)} · {row['title']}"
        event.add("dtstart", start)
        if last < date.max:
            event.add("dtend", last + timedelta(days=1))
        else:  # no day after 9999-12-31: the same span as a length (RFC 5545 allows either)
            event.add("duration", last - start + timedelta(days=1))
        event.add("summary", summary)
        interval = f"{row['date_start'].isoformat()} – {row['date_end'].isoformat()}"
        if row["date_start"] == row["date_end"]:
            interval = row["date_start"].isoformat()
        event.add(
            "description",
            f"{row['sentence']}\n({row['date_text']}: {interval}, {row['doc_id']})",
        )
        event.add("categories", [row["category"]])
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def write_ics(
    frame: pl.DataFrame, path: str | Path, *, title: str | None = None, spans: bool = False
) -> Path:
    """Write :func:`ics` to ``path``."""
    check_schema(frame)
    with atomic_write(path) as tmp:
        tmp.write_bytes(ics(frame, title=title, spans=spans))
    return Path(path)
