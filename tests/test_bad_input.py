"""Bad input: one clear line on stderr, a non-zero exit, no traceback, no partial output."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline
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
    if name in JSONL_LINES:
        line, message = JSONL_LINES[name]
        (tmp / "c.jsonl").write_text('{"text": "In 2021 it grew.", "date": "2022-01-01"}\n' + line)
        return ["build", str(tmp / "c.jsonl"), *out], message
    if name in TAXONOMIES:
        keywords, message = TAXONOMIES[name]
        (tmp / "t.toml").write_text(f'[[category]]\nid = "launch"\nkeywords = {keywords}\n')
        return ["build", str(EXAMPLE), "--taxonomy", str(tmp / "t.toml"), *out], message
    raise AssertionError(name)


DEEP = "[" * 100_000 + "]" * 100_000
# a bad second line of a JSONL corpus, and the message naming it
JSONL_LINES = {
    "JSONL text with a lone surrogate": (
        '{"text": "In 2021 it \\ud800 grew."}',
        "c.jsonl:2: the text holds a lone surrogate (U+D800 at character 11)",
    ),
    "JSONL title with a lone surrogate": (
        '{"text": "In 2021 it grew.", "title": "Q\\udc00"}',
        "c.jsonl:2: the title holds a lone surrogate (U+DC00 at character 1)",
    ),
    "deeply nested JSON": (
        '{"text": "In 2021 it grew.", "x": ' + DEEP + "}",
        "c.jsonl:2: not a JSON object (nested too deeply)",
    ),
    "JSONL title not a string": (
        '{"text": "In 2021 it grew.", "title": 5}',
        "c.jsonl:2: 'title' must be a string, not a number",
    ),
    "JSONL url not a string": (
        '{"text": "In 2021 it grew.", "url": ["http://x"]}',
        "c.jsonl:2: 'url' must be a string, not an array",
    ),
    "JSONL id not a string": (
        '{"text": "In 2021 it grew.", "id": {"n": 1}}',
        "c.jsonl:2: 'id' must be a string or an integer, not an object",
    ),
    "JSONL line is a JSON string": (
        '"In 2021 it grew."',
        "c.jsonl:2: each line needs a JSON object with a 'text' string",
    ),
}
TAXONOMIES = {
    "taxonomy keywords a string": (
        '"launch"',
        "category 'launch': keywords must be a list of non-empty strings",
    ),
    "taxonomy keyword empty": (
        '["launch", " "]',
        "category 'launch': keywords must be a list of non-empty strings",
    ),
}


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
    *JSONL_LINES,
    *TAXONOMIES,
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


def test_bad_input_stdin_not_utf8(tmp_path: Path) -> None:
    args = ["build", "-", "--ref-date", "2024-01-25", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args, input=b"In 2021 it \xff opened.")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: standard input is not UTF-8 text (byte 11); convert it to UTF-8 first"
    )
    assert not (tmp_path / "out").exists()


def test_bad_input_folder_named_like_a_file_is_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "drafts.md").mkdir(parents=True)
    (corpus / "drafts.md" / "b.md").write_text("---\ndate: 2024-01-25\n---\nIn May 2023 it grew.")
    (corpus / "a.md").write_text("---\ndate: 2024-01-25\n---\nIn March 2023 it opened.")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 documents")


@pytest.mark.parametrize(
    "text",
    [
        "---\rdate: 2024-01-25\rtitle: Old Mac\r---\rIn March 2023 it opened.\r",
        "---\r\ndate: 2024-01-25\ntitle: Old Mac\r---\nIn March 2023 it opened.\n",
    ],
    ids=["CR only", "mixed"],
)
def test_bad_input_front_matter_with_any_line_ends(text: str, tmp_path: Path) -> None:
    from timeline import document_from_text

    doc = document_from_text(text)
    assert (doc.reference_date, doc.title, doc.reference_basis) == (
        date(2024, 1, 25),
        "Old Mac",
        "front matter",
    )
    assert doc.text[doc.body_start :].startswith("In March")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: timeline.resolve(None, reference=date(2024, 1, 25)), TypeError, "text must"),
        (lambda: timeline.resolve("x", reference="2024-01-25"), TypeError, "reference must"),
        (lambda: timeline.tag(b"In 2021"), TypeError, "text must be a str, not bytes"),
        (lambda: timeline.build(b"In 2021 it grew."), TypeError, "inputs must"),
        (lambda: timeline.build([EXAMPLE, 3]), TypeError, "inputs must be paths"),
        (lambda: timeline.build(EXAMPLE, anchoring="bogus"), ValueError, "anchoring must"),
        (lambda: timeline.build(EXAMPLE, jobs=0), ValueError, "jobs must be at least 1"),
        (lambda: timeline.build(EXAMPLE, jobs="2"), TypeError, "jobs must be an int"),
        (lambda: timeline.build(EXAMPLE, reference_date="x"), TypeError, "reference_date"),
        (
            lambda: timeline.resolve("x", reference=date(2024, 1, 25), anchoring="x"),
            ValueError,
            "anchoring must be one of",
        ),
    ],
    ids=lambda v: "" if callable(v) else str(v),
)
def test_bad_input_api_arguments_name_the_argument(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


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
