"""Every export of the event table: written, read back, in the format's own terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from polars.testing import assert_frame_equal

from timeline import build, read_csv
from timeline.cli import cli
from timeline.exports import read_parquet, timelinejs

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"


@pytest.fixture(scope="module")
def result():
    return build(EXAMPLE)


def test_exports_parquet_round_trip(result, tmp_path: Path) -> None:
    assert_frame_equal(read_parquet(result.write(tmp_path / "e.parquet")), result.events)


def test_exports_csv_excel_bom_round_trip(result, tmp_path: Path) -> None:
    path = result.write(tmp_path / "e.csv", excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert_frame_equal(read_csv(path), result.events)


def test_exports_json_records(result, tmp_path: Path) -> None:
    records = json.loads(result.write(tmp_path / "e.json").read_text(encoding="utf-8"))
    assert len(records) == result.events.height
    first = records[0]
    assert first["date_start"] == str(result.events["date_start"][0])
    assert isinstance(first["actors"], list)


def test_exports_timelinejs_precision(result) -> None:
    doc = timelinejs(result.events, title="T")
    assert doc["title"]["text"]["headline"] == "T"
    by_id = {e["unique_id"]: e for e in doc["events"]}
    rows = {r["event_id"]: r for r in result.events.iter_rows(named=True)}
    for uid, event in by_id.items():
        grain = rows[uid]["granularity"]
        expected = {"day": 3, "month": 2, "half": 2, "year": 1}[grain]
        assert len(event["start_date"]) == expected
        assert event["group"] == rows[uid]["category"]
        assert event["text"]["headline"] == rows[uid]["title"]


def test_exports_ics_all_day_events(result, tmp_path: Path) -> None:
    calendar = Calendar.from_ical(result.write(tmp_path / "e.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == result.events.height
    row = result.events.row(0, named=True)
    first = events[0]
    assert first.decoded("dtstart") == row["date_start"]
    assert (first.decoded("dtend") - row["date_end"]).days == 1  # DTEND is exclusive
    assert str(first["summary"]) == row["title"]


def test_exports_cli_writes_every_format(tmp_path: Path) -> None:
    args = ["build", str(EXAMPLE), "--out", str(tmp_path)]
    for option, name in (
        ("--parquet", "e.parquet"),
        ("--json", "e.json"),
        ("--timelinejs", "tl.json"),
        ("--ics", "e.ics"),
    ):
        args += [option, str(tmp_path / name)]
    result = CliRunner().invoke(cli, [*args, "--excel"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["e.ics", "e.json", "e.parquet", "events.csv", "timeline.html", "tl.json"]


def test_exports_cli_taxonomy_file(tmp_path: Path) -> None:
    taxonomy = tmp_path / "mine.toml"
    taxonomy.write_text('[[category]]\nid = "gathering"\nstrong = ["conference", "gala"]\n')
    result = CliRunner().invoke(
        cli, ["build", str(EXAMPLE), "--out", str(tmp_path), "--taxonomy", str(taxonomy)]
    )
    assert result.exit_code == 0, result.output
    categories = set(read_csv(tmp_path / "events.csv")["category"].to_list())
    assert categories == {"gathering", "other"}
