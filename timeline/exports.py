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


# which parts of a date a TimelineJS date object carries, per granularity
_PRECISION = {
    "day": ("year", "month", "day"),
    "week": ("year", "month", "day"),
    "month": ("year", "month"),
    "quarter": ("year", "month"),
    "half": ("year", "month"),
    "season": ("year", "month"),
    "year": ("year",),
    "decade": ("year",),
    "century": ("year",),
}


def _tl_date(day: date, granularity: str) -> dict[str, int]:
    return {part: getattr(day, part) for part in _PRECISION.get(granularity, ("year",))}


def _escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)  # element text: quotes are harmless


def timelinejs(frame: pl.DataFrame, *, title: str | None = None) -> dict[str, Any]:
    """The event table as a TimelineJS3 document: one event per row, dates at the row's
    precision, grouped by category. TimelineJS renders its texts as HTML, so every text
    from an article is HTML-escaped (``<b>`` shows as ``<b>``, never as markup)."""
    events = []
    for row in frame.iter_rows(named=True):
        grain = row["granularity"]
        event: dict[str, Any] = {
            "unique_id": row["event_id"],
            "start_date": _tl_date(row["date_start"], grain),
            "display_date": _escape(row["date_text"]),
            "group": _escape(row["category"]),
            "text": {"headline": _escape(row["title"]), "text": _escape(row["sentence"])},
        }
        if row["date_end"] != row["date_start"]:
            event["end_date"] = _tl_date(row["date_end"], grain)
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


def ics(frame: pl.DataFrame) -> bytes:
    """The event table as iCalendar: all-day VEVENTs spanning each interval (DTEND is the
    day after the last day, as RFC 5545 wants), SUMMARY = title."""
    from icalendar import Calendar, Event  # imported lazily: only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//timeline//events//EN")
    calendar.add("version", "2.0")
    for row in frame.iter_rows(named=True):
        event = Event()
        event.add("uid", f"{row['event_id']}@timeline")
        # DTSTAMP must be a UTC date-time; the reference date keeps the file reproducible
        stamp = row["reference_date"]
        event.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC))
        event.add("dtstart", row["date_start"])
        if row["date_end"] < date.max:
            event.add("dtend", row["date_end"] + timedelta(days=1))
        else:  # no day after 9999-12-31: the same span as a length (RFC 5545 allows either)
            event.add("duration", row["date_end"] - row["date_start"] + timedelta(days=1))
        event.add("summary", row["title"])
        event.add("description", f"{row['sentence']}\n({row['date_text']}, {row['doc_id']})")
        event.add("categories", [row["category"]])
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def write_ics(frame: pl.DataFrame, path: str | Path) -> Path:
    """Write :func:`ics` to ``path``."""
    check_schema(frame)
    with atomic_write(path) as tmp:
        tmp.write_bytes(ics(frame))
    return Path(path)
