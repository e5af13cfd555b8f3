"""The Dask engine on a real dask.distributed LocalCluster gives the local build's table."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

from timeline import build, distributed, pipeline, read_csv
from timeline.cli import cli
from timeline.distributed import build_on_dask

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "examples" / "lanting-news"


def test_dask_equals_local(tmp_path: Path) -> None:
    local = build(CORPUS)
    on_dask = build_on_dask([CORPUS], partitions=tmp_path / "parts", workers=2)
    assert_frame_equal(on_dask.events, local.events)
    assert (on_dask.mentions, on_dask.unresolved) == (local.mentions, local.unresolved)
    assert_frame_equal(on_dask.documents, local.documents)
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["part-00000.parquet"]


def test_dask_equals_local_in_small_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of five documents: reports merge across partitions as they do locally."""
    monkeypatch.setattr(pipeline, "BATCH", 5)
    monkeypatch.setattr(distributed, "BATCH", 5)
    local = build(CORPUS)
    on_dask = build_on_dask([CORPUS], partitions=tmp_path / "parts", workers=2)
    assert_frame_equal(on_dask.events, local.events)
    assert_frame_equal(on_dask.documents, local.documents)
    assert len(list((tmp_path / "parts").iterdir())) == 3  # 11 documents
    batch = {doc: i // 5 for i, doc in enumerate(local.documents["doc_id"])}
    merged = [{batch[s.split(":")[0]] for s in sources} for sources in local.events["sources"]]
    assert {0, 1} in merged  # a report in the second batch merged into one of the first


def test_dask_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(CORPUS), "--out", str(tmp_path), "--engine", "dask", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert_frame_equal(read_csv(tmp_path / "events.csv"), build(CORPUS).events)
    assert (tmp_path / "partitions").is_dir()
