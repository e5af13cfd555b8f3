"""The Dask engine on a real dask.distributed LocalCluster gives the local build's table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

import timeline
from timeline import batches, build, distributed, read_csv
from timeline.batches import Spooled
from timeline.cli import cli
from timeline.distributed import build_on_dask
from timeline.pipeline import Timeline
from timeline.store import Store

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "examples" / "lanting-news"


def test_dask_equals_local(tmp_path: Path) -> None:
    local = build(CORPUS)
    on_dask = build_on_dask([CORPUS], partitions=tmp_path / "parts", workers=2)
    assert_frame_equal(on_dask.events, local.events)
    assert (on_dask.mentions, on_dask.unresolved) == (local.mentions, local.unresolved)
    assert_frame_equal(on_dask.documents, local.documents)
    assert list((tmp_path / "parts").iterdir()) == []  # the build's own sub-folder is gone


def test_dask_equals_local_in_small_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of five documents: reports merge across partitions as they do locally."""
    monkeypatch.setattr(batches, "BATCH", 5)
    local = build(CORPUS)
    partitions: list[int] = []
    finish = distributed.finish

    def counted(store: Store, spooled: Spooled, *args: Any, **kwargs: Any) -> Timeline:
        partitions.append(len(spooled.reports))
        return finish(store, spooled, *args, **kwargs)

    monkeypatch.setattr(distributed, "finish", counted)
    on_dask = build_on_dask([CORPUS], partitions=tmp_path / "parts", workers=2)
    assert_frame_equal(on_dask.events, local.events)
    assert_frame_equal(on_dask.documents, local.documents)
    assert partitions == [3]  # 11 documents
    batch = {doc: i // 5 for i, doc in enumerate(local.documents["doc_id"])}
    merged = [{batch[s.split(":")[0]] for s in sources} for sources in local.events["sources"]]
    assert {0, 1} in merged  # a report in the second batch merged into one of the first


def test_dask_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(CORPUS), "--out", str(tmp_path), "--engine", "dask", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert_frame_equal(read_csv(tmp_path / "events.csv"), build(CORPUS).events)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "timeline.html"]


def test_dask_partitions_folder_keeps_the_users_files(tmp_path: Path) -> None:
    """--partitions . must not wipe the folder: the build writes into a sub-folder of its
    own and removes only that, whether the run succeeds or fails."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notes.md").write_text("my notes")
    (shared / "data").mkdir()
    (shared / "data" / "keep.csv").write_text("a,b")
    out = ["--out", str(tmp_path / "out"), "--engine", "dask", "--quiet"]
    ok = CliRunner().invoke(cli, ["build", str(CORPUS), *out, "--partitions", str(shared)])
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    failed = CliRunner().invoke(cli, ["build", str(bad), *out, "--partitions", str(shared)])
    assert failed.exit_code == 1
    assert sorted(str(p.relative_to(shared)) for p in shared.rglob("*")) == [
        "data",
        "data/keep.csv",
        "notes.md",
    ]


def test_dask_unreachable_scheduler_fails_fast_leaving_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    args = ["build", str(CORPUS), "--out", str(out), "--engine", "dask"]
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 2)
    for address in ("tcp://127.0.0.1:1", "bogus:::"):
        result = CliRunner().invoke(cli, [*args, "--scheduler", address])
        assert result.exit_code == 1
        assert "cannot reach the Dask scheduler" in result.output
        assert "unexpected" not in result.output
        assert not out.exists()


def test_dask_not_installed_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if absent
    args = ["build", str(CORPUS), "--out", str(tmp_path / "out"), "--engine", "dask"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert (
        result.output.strip() == "Error: the dask engine needs Dask: pip install 'timeline[dask]'"
    )
    assert not (tmp_path / "out").exists()


def test_dask_skip_bad_like_a_local_build(tmp_path: Path) -> None:
    """The same batch loop as a local build: bad inputs and documents without a reference
    date are left out and listed with --skip-bad, or stop the build without it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ndate: 2024-01-25\n---\nIn March 2023 it opened.\n")
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    (corpus / "undated.txt").write_text("Acme opened a store.\n")
    local = build([corpus], skip_bad=True)
    on_dask = build_on_dask([corpus], partitions=tmp_path / "parts", skip_bad=True)
    assert_frame_equal(on_dask.events, local.events)
    assert on_dask.skipped == local.skipped
    assert len(on_dask.skipped) == 2
    with pytest.raises(timeline.InputError, match="looks like a binary file"):
        build_on_dask([corpus], partitions=tmp_path / "parts")
