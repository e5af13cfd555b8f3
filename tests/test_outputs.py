"""Users' files are sacred: no output may be an input (however it was found), a device,
a pipe or a link is written into and never replaced, and a failed run changes no output."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from timeline import exports, render
from timeline.cli import cli
from timeline.io import Outputs, atomic_write
from timeline.table import write_csv

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"
DOC = "---\ndate: 2024-01-25\n---\nIn March 2023 Acme opened a store in Leipzig.\n"


def _corpus(tmp: Path) -> Path:
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name in ("a.md", "b.md"):
        (corpus / name).write_text(DOC)
    return corpus


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "case",
    ["folder", "glob", "symlink", "hard link", "sidecar", "taxonomy", "same as another output"],
)
def test_outputs_output_that_is_an_input_is_refused(case: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    victim = corpus / "b.md"
    out = ["--out", str(tmp_path / "out")]
    if case == "folder":
        args = [str(corpus), "--html", str(victim)]
    elif case == "glob":
        args = [str(corpus / "*.md"), "--csv", str(victim)]
    elif case == "symlink":
        (tmp_path / "alias.md").symlink_to(victim)
        args = [str(corpus), "--json", str(tmp_path / "alias.md")]
    elif case == "hard link":
        os.link(victim, tmp_path / "same.md")
        args = [str(corpus), "--csv", str(tmp_path / "same.md")]
    elif case == "sidecar":
        victim = corpus / "a.ref"
        victim.write_text("2024-01-25\n")
        args = [str(corpus / "a.md"), "--csv", str(victim)]
    elif case == "taxonomy":
        victim = tmp_path / "mine.toml"
        victim.write_text('[[category]]\nid = "launch"\nstrong = ["opened"]\n')
        args = [str(corpus), "--taxonomy", str(victim), "--json", str(victim)]
    else:
        args = [str(corpus), "--csv", str(tmp_path / "x"), "--json", str(tmp_path / "x")]
    before = victim.read_bytes() if victim.exists() else None
    code, output = _run(*args, *out)
    assert code == 1, output
    assert ("is also an input" in output) or ("is also given as" in output), output
    assert len(output.strip().splitlines()) == 1
    if before is not None:
        assert victim.read_bytes() == before
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "x").exists()


def test_outputs_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, output = _run(str(EXAMPLE), "--csv", str(link), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert link.is_symlink()
    assert real.read_text().startswith("event_id,")


def test_outputs_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "events.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, output = _run(str(EXAMPLE), "--csv", str(pipe), "--out", str(tmp_path / "out"))
    reader.join(timeout=30)
    assert code == 0, output
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received[0].startswith(b"event_id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_outputs_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    """A device node of the test's own, like /dev/null (char 1:3), so that a failure can
    only replace that node, never the system's."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code, output = _run(str(EXAMPLE), "--html", str(null), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert null.is_char_device()
    assert f"wrote {null}" in output


def test_outputs_dash_is_standard_output(tmp_path: Path) -> None:
    """``--csv -`` writes the table to stdout (the summary stays on stderr), in a real
    process, so that it can be piped."""
    proc = subprocess.run(
        [sys.executable, "-m", "timeline", "build", str(EXAMPLE), "--csv", "-"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"event_id,date_start")
    assert b"wrote output/timeline.html, standard output" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["timeline.html"]
    two = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--csv", "-", "--json", "-"])
    assert two.exit_code == 1
    assert "only one output can go to standard output" in two.output


def _earlier_run(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("events.csv", "timeline.html", "events.ics"):
        (out / name).write_text(f"an earlier run's {name}\n")
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize("case", ["bad image suffix", "no chromium", "export fails"])
def test_outputs_failed_run_changes_no_output(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = _earlier_run(out)
    args = [str(EXAMPLE), "--out", str(out), "--ics", str(out / "events.ics")]
    if case == "bad image suffix":
        args += ["--png", str(out / "chart.gif")]
        message = "a PNG file must end in .png"
        monkeypatch.setattr(render, "find_browser", lambda: "/usr/bin/chromium")
    elif case == "no chromium":
        args += ["--png", str(out / "chart.png")]
        message = "PNG and SVG export needs Chromium"
        monkeypatch.setattr(render, "find_browser", lambda: None)
    else:
        args += ["--parquet", str(out / "events.parquet")]
        message = "disk full"

        def failing(*_: object, **__: object) -> Path:
            raise OSError(28, "disk full")

        monkeypatch.setattr(exports, "write_parquet", failing)
    code, output = _run(*args)
    assert code == 1, output
    assert message in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp file either


def test_outputs_new_folders_are_removed_after_a_failed_run(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    code, _ = _run(str(bad), "--out", str(tmp_path / "new" / "deeper"))
    assert code == 1
    assert list(tmp_path.iterdir()) == [bad]


def test_outputs_excel_csv_neutralises_formulas_plain_csv_is_byte_exact(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        '---\ndate: 2024-01-25\n---\n=HYPERLINK("http://x") opened a store in March 2023.\n'
    )
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert _run(str(doc), "--csv", str(plain), "--out", str(tmp_path / "o"))[0] == 0
    assert _run(str(doc), "--csv", str(excel), "--excel", "--out", str(tmp_path / "o"))[0] == 0
    plain_row = pl.read_csv(plain).row(0, named=True)
    excel_row = pl.read_csv(excel, encoding="utf8").row(0, named=True)
    assert plain_row["sentence"].startswith("=HYPERLINK")
    assert excel_row["sentence"].startswith("'=HYPERLINK")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    for name, value in excel_row.items():
        if isinstance(value, str):
            assert value[:1] not in ("=", "+", "-", "@"), name


def test_outputs_timelinejs_escapes_article_html(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "---\ndate: 2024-01-25\n---\n"
        "Acme <img src=x onerror=alert(1)> opened a store in March 2023.\n"
    )
    target = tmp_path / "tl.json"
    code, output = _run(str(doc), "--timelinejs", str(target), "--out", str(tmp_path / "o"))
    assert code == 0, output
    import json

    (event,) = json.loads(target.read_text())["events"]
    for text in (event["text"]["headline"], event["text"]["text"], event["group"]):
        assert "<" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in event["text"]["text"]


def test_outputs_ref_date_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    """An event on 9999-12-31 has no day after it: every export still writes (the
    iCalendar event gives its length instead of an end)."""
    doc = tmp_path / "far.md"
    doc.write_text("Acme opened a store today. It closed a plant in December.\n")
    ics = tmp_path / "e.ics"
    args = [str(doc), "--ref-date", "9999-12-31", "--ics", str(ics), "--out", str(tmp_path)]
    code, output = _run(*args, "--json", str(tmp_path / "e.json"))
    assert code == 0, output
    text = ics.read_text()
    assert "DTSTART;VALUE=DATE:99991231" in text
    assert "DURATION:P1D" in text


def test_outputs_jobs_are_capped_at_the_processors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import pipeline

    monkeypatch.setattr(pipeline, "cpu_count", lambda: 1)
    code, output = _run(str(EXAMPLE), "--jobs", "1000", "--out", str(tmp_path))
    assert code == 0, output
    assert "note: --jobs 1000 is more than the 1 processors here; using 1" in output


def test_outputs_set_publishes_together(tmp_path: Path) -> None:
    with Outputs() as outputs:
        first = outputs.add(tmp_path / "a.txt")
        second = outputs.add(tmp_path / "sub" / "b.txt")
        first.write_text("a")
        second.write_text("b")
        assert not (tmp_path / "a.txt").exists()
        outputs.publish()
    assert (tmp_path / "a.txt").read_text() == "a"
    assert (tmp_path / "sub" / "b.txt").read_text() == "b"
    outputs = Outputs()
    with outputs:
        outputs.add(tmp_path / "a.txt").write_text("new")
        # leaving the block without publish (an error on the way) changes nothing
    assert (tmp_path / "a.txt").read_text() == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "sub"]


def test_outputs_atomic_write_keeps_a_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("old")
    target.chmod(0o600)
    write_csv(pl.DataFrame(schema=exports.EVENT_SCHEMA), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(Exception, match="it is a folder"), atomic_write(tmp_path):
        pass
