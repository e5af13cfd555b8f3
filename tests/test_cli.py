from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli, main

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"
KEYS = ["start_char", "end_char", "text", "type", "value", "mod", "start", "end", "granularity"]


def test_cli_resolve_prints_json_lines() -> None:
    result = CliRunner().invoke(
        cli, ["resolve", "In mid-January, it announced a list.", "--ref-date", "2024-01-25"]
    )
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    record = json.loads(line)
    assert list(record) == KEYS
    assert record == {
        "start_char": 3,
        "end_char": 14,
        "text": "mid-January",
        "type": "DATE",
        "value": "2024-01",
        "mod": "MID",
        "start": "2024-01-11",
        "end": "2024-01-20",
        "granularity": "month",
    }


def test_cli_tag_offsets_are_into_the_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["tag", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    text = EXAMPLE.read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records
    for record in records:
        assert text[record["start_char"] : record["end_char"]] == record["text"]


def test_cli_tag_timeml() -> None:
    result = CliRunner().invoke(cli, ["tag", str(EXAMPLE), "--format", "timeml"])
    assert result.exit_code == 0
    assert 'functionInDocument="CREATION_TIME">2024-01-18</TIMEX3></DCT>' in result.output
    assert '<TIMEX3 tid="t1" type="DATE" value="2023">2023</TIMEX3>' in result.output


def test_cli_build_writes_outputs_and_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "timeline.html").stat().st_size > 1_000_000
    assert (tmp_path / "events.csv").read_text().startswith("event_id,date_start,date_end")
    assert "could not be resolved" in result.output
    assert "categories:" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "timeline.html"]


def test_cli_build_explicit_paths(tmp_path: Path) -> None:
    html, csv = tmp_path / "t.html", tmp_path / "sub" / "e.csv"
    result = CliRunner().invoke(
        cli, ["build", str(EXAMPLE), "--html", str(html), "--csv", str(csv), "--title", "T"]
    )
    assert result.exit_code == 0, result.output
    assert html.exists() and csv.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["build", "nope.txt"], 1, "no such file or folder: nope.txt"),
        (["build", str(ROOT / "tests" / "fixtures" / "undated.txt")], 1, "no reference date"),
        (["resolve", "x", "--ref-date", "2023-02-30"], 2, "not a real day"),
        (["resolve", "x"], 2, "Missing option '--ref-date'"),
        (["tag", str(EXAMPLE), "--format", "xml"], 2, "Invalid value for '--format'"),
        (["build", str(EXAMPLE), "--csv", str(EXAMPLE)], 1, "is also an input"),
    ],
)
def test_cli_errors_are_one_line(args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(blocker / "out")])
    assert result.exit_code == 1
    assert "cannot write" in result.output


def test_cli_main_returns_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "today", "--ref-date", "2024-01-25"]) == 0
    assert main(["build", "missing.txt"]) == 1
    assert main(["resolve"]) == 2
    err = capsys.readouterr().err
    assert "Error: no such file or folder: missing.txt" in err


def test_cli_python_m_and_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "-m", "timeline", "tag", str(binary), "--ref-date", "2024-01-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: {binary} looks like a binary file, not text"


def test_cli_resolve_does_not_import_plotly_or_polars() -> None:
    code = (
        "import sys; from timeline.cli import main; main(['resolve', 'today', '--ref-date', "
        "'2024-01-25']); print('plotly' in sys.modules, 'polars' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines()[-1] == "False False"


def test_cli_jobs_give_the_same_table(tmp_path: Path) -> None:
    corpus = ROOT / "examples" / "lanting-news"
    one = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "a")])
    two = CliRunner().invoke(
        cli, ["build", str(corpus), "--out", str(tmp_path / "b"), "--jobs", "2", "--quiet"]
    )
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.output == ""
    assert (tmp_path / "a" / "events.csv").read_bytes() == (
        tmp_path / "b" / "events.csv"
    ).read_bytes()


@pytest.mark.parametrize(
    ("given", "script"),
    [
        ("none", None),
        (
            "https://example.org/js/plotly-4.1.1.min.js",
            "https://example.org/js/plotly-4.1.1.min.js",
        ),
        ("cdn", "https://cdn.plot.ly/plotly-"),
    ],
)
def test_cli_plotlyjs_left_out_or_loaded_from_a_url(
    tmp_path: Path, given: str, script: str | None
) -> None:
    embed = tmp_path / "e.html"
    args = ["build", str(EXAMPLE), "--out", str(tmp_path), "--embed", str(embed)]
    result = CliRunner().invoke(cli, [*args, "--plotlyjs", given])
    assert result.exit_code == 0, result.output
    text = embed.read_text(encoding="utf-8")
    assert len(text) < 200_000  # plotly.js is not inlined
    if script is None:
        assert "<script src=" not in text
    else:
        assert f'<script src="{script}' in text


def test_cli_plotlyjs_rejects_what_is_no_script() -> None:
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--plotlyjs", "x.css"])
    assert result.exit_code == 2
    assert "use inline, cdn, none or a URL" in result.output
