from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from timeline import build, figure, to_html, write_html
from timeline.layout import FigureOptions
from timeline.table import events_to_frame

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parent.parent / "examples" / "lanting-2023-review.md"


@pytest.fixture(scope="module")
def example():
    return build(EXAMPLE)


def test_render_one_point_or_bar_per_event(example) -> None:
    fig = example.figure()
    counts = sum(len(trace.y) for trace in fig.data)
    assert counts == example.events.height


def test_render_days_are_markers_and_periods_are_bars(example) -> None:
    fig = example.figure()
    for trace in fig.data:
        grains = {c[2].rsplit("(", 1)[1].split(",")[0].rstrip(")") for c in trace.customdata}
        if trace.type == "scatter":
            assert grains == {"day"}
        else:
            assert trace.type == "bar"
            assert "day" not in grains


def test_render_lanes_follow_the_taxonomy_order(example) -> None:
    ticks = [
        t.removeprefix("<b>").removesuffix("</b>") for t in example.figure().layout.yaxis.ticktext
    ]
    order = list(example.taxonomy.ids)
    assert ticks == sorted(ticks, key=order.index)


def test_render_html_is_deterministic_and_offline(example, tmp_path: Path) -> None:
    one = example.write(tmp_path / "a.html").read_bytes()
    two = build(EXAMPLE).write(tmp_path / "b.html").read_bytes()
    assert one == two
    assert b"cdn.plot.ly" not in one.split(b"<script")[1][:200]  # plotly.js is inlined
    assert b'id="timeline"' in one


def test_render_cdn_option_makes_a_small_page(example) -> None:
    assert len(to_html(example.figure(), include_plotlyjs="cdn")) < 200_000


def test_render_escapes_article_text() -> None:
    result = build(FIXTURES / "xss.md")
    page = to_html(result.figure(), include_plotlyjs=False)
    assert "<script>window.__xss" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;" in page
    assert "&lt;script&gt;alert" in page  # the title too


def test_render_empty_table_draws_a_message(tmp_path: Path) -> None:
    fig = figure(events_to_frame([]))
    assert "No dated events" in fig.layout.title.text
    write_html(fig, tmp_path / "empty.html")
    assert to_html(fig, include_plotlyjs=False).count('id="timeline"') == 1


@pytest.mark.parametrize(
    ("lanes", "first_tick"), [("document", "01-funding"), ("actor", "Lanting")]
)
def test_render_lanes_by_document_or_actor(lanes: str, first_tick: str) -> None:
    result = build(Path(__file__).parent.parent / "examples" / "lanting-news")
    ticks = result.figure(lane=lanes).layout.yaxis.ticktext
    assert first_tick in ticks[0]


def test_render_approximate_events_look_different() -> None:
    from datetime import date

    from timeline import document_from_text

    doc = document_from_text(
        "In August 2023, Acme opened a store. Soon after, it closed a plant.",
        doc_id="d",
        reference_date=date(2024, 1, 25),
    )
    fig = build([doc]).figure()
    styles = {s for trace in fig.data for s in (trace.marker.pattern.shape or ())}
    assert styles == {"", "/"}


def test_render_many_days_use_webgl() -> None:
    from datetime import date, timedelta

    from timeline.model import Event, Granularity
    from timeline.render import WEBGL_THRESHOLD

    day = date(2020, 1, 1)
    events = [
        Event(
            f"d:{i}",
            "d",
            day + timedelta(days=i),
            day + timedelta(days=i),
            Granularity.DAY,
            "x",
            None,
            "x",
            "other",
            "t",
            (),
            "s",
            i,
            i + 1,
            day,
        )
        for i in range(WEBGL_THRESHOLD + 1)
    ]
    fig = figure(events_to_frame(events))
    assert {trace.type for trace in fig.data} == {"scattergl"}


def test_render_festival_bands_and_lane_order() -> None:
    options = FigureOptions(festival_bands=True, lane_order=("promotion", "launch"))
    fig = build(EXAMPLE).figure(options)
    assert [t.removeprefix("<b>") for t in fig.layout.yaxis.ticktext[:2]] == [
        "promotion</b>",
        "launch</b>",
    ]
    bands = [a.text for a in fig.layout.annotations if a.textangle == -90]
    assert bands[:3] == ["618", "Double 11", "Black Friday"]


def test_render_draws_the_most_reported_events_of_a_big_table(example) -> None:
    frame = example.events
    most = frame.with_columns(
        sources=pl.when(pl.col("event_id") == frame["event_id"][-1])
        .then(pl.lit(["a:1-2", "b:3-4", "c:5-6"]))
        .otherwise(pl.col("sources"))
    )
    fig = figure(most, max_events=3)
    drawn = [c[6] for trace in fig.data for c in trace.customdata]  # where each is from
    assert len(drawn) == 3
    start, end = frame["char_start"][-1], frame["char_end"][-1]
    assert any(f"characters {start}–{end}" in where for where in drawn)  # three reports
    assert f"the 3 most reported of {frame.height}" in fig.layout.title.text
    assert figure(frame).layout.title.text.count("most reported") == 0
