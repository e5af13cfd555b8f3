"""timeline: turn articles into a dated, typed event timeline.

The public API. Date finding and resolution (:func:`tag`, :func:`resolve`) load neither
polars nor plotly; the table and figure functions load them on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from timeline.documents import document_from_text, load_document
from timeline.errors import InputError, OutputError, ResourceError, SchemaError, TimelineError
from timeline.model import Document, Event, Granularity, Mention, Resolved, Timex, TimexType
from timeline.taxonomy import load_taxonomy
from timeline.temporal import resolve, tag
from timeline.timeml import to_timeml

if TYPE_CHECKING:
    from timeline.events import extract_events
    from timeline.pipeline import Timeline, build
    from timeline.render import figure, to_html, write_html
    from timeline.table import EVENT_SCHEMA, events_to_frame, read_csv, write_csv

__all__ = [
    "EVENT_SCHEMA",
    "Document",
    "Event",
    "Granularity",
    "InputError",
    "Mention",
    "OutputError",
    "Resolved",
    "ResourceError",
    "SchemaError",
    "Timeline",
    "TimelineError",
    "Timex",
    "TimexType",
    "build",
    "document_from_text",
    "events_to_frame",
    "extract_events",
    "figure",
    "load_document",
    "load_taxonomy",
    "read_csv",
    "resolve",
    "tag",
    "to_html",
    "to_timeml",
    "write_csv",
    "write_html",
]

_LAZY = {
    "extract_events": "timeline.events",
    "Timeline": "timeline.pipeline",
    "build": "timeline.pipeline",
    "figure": "timeline.render",
    "to_html": "timeline.render",
    "write_html": "timeline.render",
    "EVENT_SCHEMA": "timeline.table",
    "events_to_frame": "timeline.table",
    "read_csv": "timeline.table",
    "write_csv": "timeline.table",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'timeline' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(import_module(module), name)
