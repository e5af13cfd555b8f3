"""A build keeps its work in a folder of its own: batches and merge buckets of any size give the
same table, the outputs stream from the files, and the folder goes with the timeline."""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from timeline import InputError, OutputError, batches, build, figure, merge, pipeline
from timeline.exports import write_json, write_parquet
from timeline.render import to_html
from timeline.store import Store
from timeline.table import write_csv

CORPUS = Path(__file__).parent.parent / "examples" / "lanting-news"
DAY = date(2024, 1, 18)


@pytest.fixture(scope="module")
def whole() -> pipeline.Timeline:
    return build(CORPUS)


def test_store_small_batches_and_buckets_give_the_same_table(
    whole: pipeline.Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batches, "BATCH", 2)
    monkeypatch.setattr(merge, "BUCKET_REPORTS", 1)  # a bucket a day
    small = build(CORPUS)
    assert small.store is not None
    assert len(small.store.parts("reports")) == 6  # 11 documents
    days = whole.events.get_column("date_start").n_unique()
    assert len(small.store.parts("events")) == days
    assert_frame_equal(small.events, whole.events)
    assert_frame_equal(small.documents, whole.documents)
    assert (small.mentions, small.unresolved) == (whole.mentions, whole.unresolved)


def test_store_outputs_from_files_equal_outputs_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merge, "BUCKET_REPORTS", 1)  # a bucket, and a file, a day
    result = build(CORPUS)
    frame = result.events
    assert len(result.event_parts) > 1
    writers = ((write_csv, "e.csv"), (write_parquet, "e.parquet"), (write_json, "e.json"))
    for writer, name in writers:
        written = writer(frame, tmp_path / name).read_bytes()
        for form, table in (("lazy", result.event_table), ("parts", result.event_parts)):
            assert writer(table, tmp_path / f"{form}-{name}").read_bytes() == written, form
        empty = writer(frame.head(0), tmp_path / f"empty-{name}").read_bytes()
        assert writer((), tmp_path / f"none-{name}").read_bytes() == empty
    records = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert [r["event_id"] for r in records] == frame["event_id"].to_list()
    assert (tmp_path / "none-e.json").read_text() == "[]\n"
    assert (tmp_path / "none-e.csv").read_text().startswith("event_id,date_start,")


def test_store_figure_from_files_draws_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "BUCKET_REPORTS", 1)  # a bucket, and a file, a day
    result = build(CORPUS)
    for most in (3, 5000):
        drawn = figure(result.events, max_events=most).to_dict()
        for table in (result.event_table, result.event_parts):
            assert figure(table, max_events=most).to_dict() == drawn


def test_store_folder_goes_with_the_timeline(tmp_path: Path) -> None:
    result = build(CORPUS, workdir=tmp_path)
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith("timeline-")
    events = result.events  # read into memory: kept after the folder goes
    with result:
        assert result.summary().startswith("11 documents")
    assert not folder.exists()
    assert events.height
    build(CORPUS, workdir=tmp_path)  # let go at once
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_store_failed_build_leaves_no_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no input documents"):
        build([], workdir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_store_unusable_workdir_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot make a working folder in"):
        Store(tmp_path / "file")


def test_store_parts_in_order(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        for number in (2, 0, 11):
            pl.DataFrame({"n": [number]}).write_parquet(store.part("x", number))
        assert [p.name for p in store.parts("x")] == [
            "part-00000.parquet",
            "part-00002.parquet",
            "part-00011.parquet",
        ]
        assert store.parts("none") == []
    assert store.closed


def test_store_build_without_events(tmp_path: Path) -> None:
    """Documents without a dated sentence: an empty table, written and drawn."""
    with build(["No dates in this text at all.", "Nor in this one."], reference_date=DAY) as result:
        assert result.event_parts == ()
        assert result.events.height == 0
        assert "2 documents, 0 date expressions (0 could not be resolved), 0 events" in (
            result.summary()
        )
        csv = result.write(tmp_path / "events.csv").read_text(encoding="utf-8")
        assert csv.splitlines() == [",".join(result.events.columns)]
        assert "No dated events found" in to_html(result.figure(), include_plotlyjs=False)
        assert result.festival_days() == []
