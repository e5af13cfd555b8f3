from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from timeline import EVENT_SCHEMA, SchemaError, build, events_to_frame, read_csv, write_csv

CONTRACT = [
    "event_id",
    "date_start",
    "date_end",
    "granularity",
    "timex",
    "date_text",
    "category",
    "title",
    "actors",
    "sentence",
    "doc_id",
    "char_start",
    "char_end",
]


def test_table_schema_starts_with_the_csv_contract() -> None:
    assert EVENT_SCHEMA.names()[: len(CONTRACT)] == CONTRACT


def test_table_empty_frame_has_the_schema() -> None:
    frame = events_to_frame([])
    assert frame.height == 0
    assert frame.schema == EVENT_SCHEMA


def test_table_csv_round_trip(tmp_path: Path) -> None:
    frame = build(Path(__file__).parent / "fixtures" / "xss.md").events
    path = write_csv(frame, tmp_path / "events.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[: len(CONTRACT)] == CONTRACT
    assert_frame_equal(read_csv(path), frame)


def test_table_write_refuses_a_foreign_frame(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="missing columns: event_id"):
        write_csv(pl.DataFrame({"x": [1]}), tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_table_sorted_by_date_then_document() -> None:
    frame = build(Path(__file__).parent / "fixtures" / "xss.md").events
    assert frame["date_start"].to_list() == [date(2023, 3, 1), date(2024, 1, 11)]
