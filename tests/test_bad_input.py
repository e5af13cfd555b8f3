"""Bad input: one clear line on stderr, a non-zero exit, no traceback, no partial output."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"


def _case(tmp: Path, name: str) -> tuple[list[str], str]:
    """Arguments for ``timeline build`` and the message expected, per bad-input case."""
    out = ["--out", str(tmp / "out")]
    if name == "missing path":
        return ["build", str(tmp / "nope.txt"), *out], "no such file or folder"
    if name == "folder without text":
        (tmp / "empty").mkdir()
        (tmp / "empty" / "x.png").write_bytes(b"\x89PNG")
        return ["build", str(tmp / "empty"), *out], "has no input files"
    if name == "binary file":
        (tmp / "b.txt").write_bytes(b"\x00\x01\x02\xff")
        return ["build", str(tmp / "b.txt"), *out], "looks like a binary file"
    if name == "not UTF-8":
        (tmp / "latin.txt").write_bytes("Caf\xe9 opened in 2021.".encode("latin-1"))
        return ["build", str(tmp / "latin.txt"), *out], "is not UTF-8 text"
    if name == "empty file":
        (tmp / "e.txt").write_text("  \n")
        return ["build", str(tmp / "e.txt"), *out], "is empty"
    if name == "malformed JSONL":
        (tmp / "c.jsonl").write_text('{"text": "In 2021 it opened."}\n{oops\n')
        return ["build", str(tmp / "c.jsonl"), *out], "c.jsonl:2: not a JSON object"
    if name == "impossible ref date":
        return ["build", str(EXAMPLE), "--ref-date", "2023-02-30", *out], "not a real day"
    if name == "unwritable output folder":
        (tmp / "file").write_text("x")
        return ["build", str(EXAMPLE), "--out", str(tmp / "file" / "out")], "cannot write"
    if name == "bad taxonomy":
        (tmp / "t.toml").write_text("[[category]\nid=")
        return ["build", str(EXAMPLE), "--taxonomy", str(tmp / "t.toml"), *out], "invalid TOML"
    if name == "100 MB file":
        with (tmp / "huge.txt").open("wb") as handle:
            handle.truncate(100_000_000)  # sparse: no 100 MB written to disk
        return ["build", str(tmp / "huge.txt"), *out], "is 100 MB, more than one article can be"
    if name == "JSONL line over 20 MB":
        _big_jsonl(tmp / "big.jsonl")
        message = "big.jsonl:2 is 21 MB, more than one article can be (20 MB); split it into"
        return ["build", str(tmp / "big.jsonl"), *out], message
    if name == "output is an input":
        return ["build", str(EXAMPLE), "--html", str(EXAMPLE), *out], "is also an input"
    raise AssertionError(name)


CASES = [
    "missing path",
    "folder without text",
    "binary file",
    "not UTF-8",
    "empty file",
    "malformed JSONL",
    "impossible ref date",
    "unwritable output folder",
    "bad taxonomy",
    "output is an input",
    "100 MB file",
    "JSONL line over 20 MB",
]


def _big_jsonl(path: Path) -> None:
    """A JSONL file whose second document is 21 MB of text (one article is at most 20)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"text": "In March 2023 it opened.", "date": "2024-01-25"}\n')
        handle.write('{"text": "' + "In 2021 it grew. " * 1_235_295 + '"}\n')
        handle.write('{"text": "In May 2023 it closed.", "date": "2024-01-25"}\n')


@pytest.mark.parametrize("name", CASES)
def test_bad_input_one_line_nonzero_no_output(name: str, tmp_path: Path) -> None:
    args, message = _case(tmp_path, name)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) <= 3  # usage errors add click's usage and help lines
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []
    assert EXAMPLE.read_text(encoding="utf-8").startswith("---")  # inputs untouched


def test_bad_input_skip_bad_writes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text(
        "---\ndate: 2024-01-25\n---\nIn March 2023 it opened."
    )
    (tmp_path / "docs" / "bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "docs" / "c.jsonl").write_text(
        '{oops\n{"text": "In 2021 it grew.", "date": "2022-01-01"}\n'
    )
    args = ["build", str(tmp_path / "docs"), "--out", str(tmp_path / "out")]
    assert CliRunner().invoke(cli, args).exit_code == 1
    result = CliRunner().invoke(cli, [*args, "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "skipped:" in result.output
    assert "bad.txt looks like a binary file" in result.output
    assert "c.jsonl:1: not a JSON object" in result.output
    rows = (tmp_path / "out" / "events.csv").read_text().splitlines()
    assert len(rows) == 3


def test_bad_input_jsonl_line_over_the_limit_skipped(tmp_path: Path) -> None:
    # refused as soon as it is read (before, worked on for minutes), and with --skip-bad
    # left out like any bad line
    _big_jsonl(tmp_path / "big.jsonl")
    args = ["build", str(tmp_path / "big.jsonl"), "--out", str(tmp_path / "out"), "--skip-bad"]
    started = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    assert time.perf_counter() - started < 10
    assert result.exit_code == 0, result.output
    assert "skipped: " + str(tmp_path / "big.jsonl") + ":2 is 21 MB, more than" in result.output
    rows = (tmp_path / "out" / "events.csv").read_text().splitlines()
    assert [row.split(",")[1] for row in rows[1:]] == ["2023-03-01", "2023-05-01"]


def test_bad_input_stdin_over_the_limit() -> None:
    result = CliRunner().invoke(cli, ["build", "-"], input="In 2021 it grew. " * 1_235_295)
    assert result.exit_code == 1
    assert "standard input is 21 MB, more than one article can be (20 MB)" in result.output
