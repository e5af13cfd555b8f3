from __future__ import annotations

import inspect

import timeline

PUBLIC = [
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


def test_public_api_all_is_pinned() -> None:
    assert sorted(timeline.__all__) == sorted(PUBLIC)


def test_public_api_every_name_resolves_and_is_documented() -> None:
    for name in timeline.__all__:
        obj = getattr(timeline, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert inspect.getdoc(obj), f"{name} has no docstring"
