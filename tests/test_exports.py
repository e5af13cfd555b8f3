"""Every export of the event table: written, read back, in the format's own terms."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from polars.testing import assert_frame_equal

from timeline import build, document_from_text, read_csv
from timeline.cli import cli
from timeline.exports import ics, read_parquet, timelinejs

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
        # one unit finer than the period, so that it has a length: a month by its days
        expected = {"day": 3, "month": 3, "half": 2, "year": 2}[grain]
        assert len(event["start_date"]) == expected
        assert event["group"] == rows[uid]["category"]
        assert event["text"]["headline"] == rows[uid]["title"]


def test_exports_ics_all_day_events(result, tmp_path: Path) -> None:
    calendar = Calendar.from_ical(result.write(tmp_path / "e.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == result.events.height
    rows = list(result.events.iter_rows(named=True))
    index = next(i for i, r in enumerate(rows) if r["granularity"] == "day")
    row, event = rows[index], events[index]
    assert event.decoded("dtstart") == row["date_start"]
    assert (event.decoded("dtend") - row["date_end"]).days == 1  # DTEND is exclusive
    assert str(event["summary"]) == row["title"]


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


# dates as a news text writes them, against a reference date in March 2024
RELATIVE = (
    "Acme launched its phone last year. Acme cut 200 jobs at the end of last year. "
    "Acme raised $5 million in mid-2023. Acme opened a plant in February. "
    "Acme <img src=x onerror=alert(1)> opened a store on 10 November 2023."
)


@pytest.fixture(scope="module")
def relative():
    events = build(document_from_text(RELATIVE, reference_date=date(2024, 3, 15))).events
    return {row["title"]: row for row in events.iter_rows(named=True)}, events


def _tl_events(relative) -> dict[str, dict]:
    rows, events = relative
    by_id = {e["unique_id"]: e for e in timelinejs(events)["events"]}
    return {title: by_id[row["event_id"]] for title, row in rows.items()}


def _tl_key(tl_date: dict[str, int]) -> tuple[int, int, int]:
    """Where TimelineJS puts a date: a missing month or day is the first."""
    return tl_date["year"], tl_date.get("month", 1), tl_date.get("day", 1)


def test_exports_timelinejs_display_date_is_resolved(relative) -> None:
    """ "last year" and "February" show their year; the phrase as written ends the text."""
    events = _tl_events(relative)
    phone, plant = events["Acme launched its phone"], events["Acme opened a plant"]
    assert phone["display_date"] == "2023"
    assert plant["display_date"] == "Feb 2024"
    assert phone["text"]["text"].endswith("(as written: last year)")
    assert plant["text"]["text"].endswith("(as written: February)")


def test_exports_timelinejs_keeps_the_narrowing(relative) -> None:
    """ "the end of last year" is November-December 2023, shown so, after mid-2023."""
    events = _tl_events(relative)
    end, mid = events["Acme cut 200 jobs"], events["Acme raised $5 million"]
    assert end["display_date"] == "end of 2023"
    assert mid["display_date"] == "mid-2023"
    assert end["start_date"] == {"year": 2023, "month": 11}
    assert end["end_date"] == {"year": 2023, "month": 12}
    assert _tl_key(end["start_date"]) > _tl_key(mid["start_date"])


def test_exports_timelinejs_periods_have_a_length(relative) -> None:
    """A month's end is after its start (TimelineJS draws equal dates as no length); a
    single day has no end."""
    events = _tl_events(relative)
    plant = events["Acme opened a plant"]
    assert plant["start_date"] == {"year": 2024, "month": 2, "day": 1}
    assert plant["end_date"] == {"year": 2024, "month": 2, "day": 29}
    for title, event in events.items():
        if relative[0][title]["granularity"] == "day":
            assert "end_date" not in event
        else:
            assert _tl_key(event["end_date"]) > _tl_key(event["start_date"]), title


def test_exports_timelinejs_escapes_article_text(relative) -> None:
    (store,) = (e for t, e in _tl_events(relative).items() if "opened a store" in t)
    assert store["display_date"] == "10 Nov 2023"
    for text in (store["text"]["headline"], store["text"]["text"], store["display_date"]):
        assert "<" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in store["text"]["text"]
    assert store["text"]["text"].endswith("(as written: 10 November 2023)")


def _ics_events(relative, **options) -> tuple[Calendar, dict]:
    rows, events = relative
    calendar = Calendar.from_ical(ics(events, **options))
    by_uid = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    return calendar, {t: by_uid[f"{r['event_id']}@timeline"] for t, r in rows.items()}


def test_exports_ics_coarse_events_are_one_day(relative) -> None:
    """A month, a year or a part of one is one all-day event on its first day, its
    precision in the SUMMARY; a day keeps its span and its bare title."""
    calendar, events = _ics_events(relative, title="Acme, 2023; a review")
    assert str(calendar["x-wr-calname"]) == "Acme, 2023; a review"
    plant = events["Acme opened a plant"]
    assert plant.decoded("dtstart") == date(2024, 2, 1)
    assert plant.decoded("dtend") - plant.decoded("dtstart") == timedelta(days=1)
    assert str(plant["summary"]) == "Feb 2024 · Acme opened a plant"
    jobs = events["Acme cut 200 jobs"]
    assert jobs.decoded("dtstart") == date(2023, 11, 1)
    assert str(jobs["summary"]) == "end of 2023 · Acme cut 200 jobs"
    assert str(events["Acme launched its phone"]["summary"]).startswith("2023 · ")
    ((title, store),) = ((t, e) for t, e in events.items() if "opened a store" in t)
    assert store.decoded("dtend") - store.decoded("dtstart") == timedelta(days=1)
    assert str(store["summary"]) == title  # the text as written: iCalendar is no HTML
    assert "<img" in title


def test_exports_ics_spans_and_default_name(relative) -> None:
    """``spans=True`` is the old export: every event spans its interval; a calendar with no
    title is named "timeline"."""
    calendar, events = _ics_events(relative, spans=True)
    assert str(calendar["x-wr-calname"]) == "timeline"
    plant = events["Acme opened a plant"]
    assert plant.decoded("dtstart") == date(2024, 2, 1)
    assert plant.decoded("dtend") == date(2024, 3, 1)
    assert str(plant["summary"]) == "Acme opened a plant"


def test_exports_cli_names_the_calendar(tmp_path: Path) -> None:
    target = tmp_path / "e.ics"
    args = ["build", str(EXAMPLE), "--out", str(tmp_path), "--ics", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (
        str(Calendar.from_ical(target.read_bytes())["x-wr-calname"]) == "Lanting's 2023 in review"
    )
