from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from timeline import build, document_from_text, figure, to_html, write_html
from timeline.layout import FigureOptions
from timeline.model import Event, Granularity
from timeline.table import events_to_frame

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parent.parent / "examples" / "lanting-2023-review.md"


@pytest.fixture(scope="module")
def example():
    return build(EXAMPLE)


def _drawn(fig):
    """The traces that draw events (each point or bar with its hover), not the brackets,
    labels or legend swatches."""
    return [trace for trace in fig.data if trace.customdata is not None]


def _figure(text: str, reference: date = date(2024, 1, 25)):
    """The chart of one document of ``text``."""
    return build([document_from_text(text, doc_id="d", reference_date=reference)]).figure()


def _day_event(
    i: int, day: date, category: str, title: str, sources: tuple[str, ...] = ()
) -> Event:
    """Event ``i`` of document "d", on ``day``."""
    return Event(
        f"d:{i}", "d", day, day, Granularity.DAY, "x", None, "x", category, title, (), "s",
        i, i + 1, day, sources=sources,
    )  # fmt: skip


def test_render_one_point_or_bar_per_event(example) -> None:
    counts = sum(len(trace.y) for trace in _drawn(example.figure()))
    assert counts == example.events.height


def test_render_days_are_diamonds_periods_are_dots_and_ranges_are_bars() -> None:
    fig = _figure(
        "On 3 May 2023, Acme opened a store. In June 2023, Acme cut jobs. "
        "Acme held its fair from March 9 to 11, 2023."
    )
    seen = []
    for trace in _drawn(fig):
        grains = [c[2].rsplit("(", 1)[1].split(",")[0].rstrip(")") for c in trace.customdata]
        if trace.type == "bar":
            seen += [("bar", g) for g in grains]
        else:
            seen += [(s.split("-")[0], g) for s, g in zip(trace.marker.symbol, grains, strict=True)]
    assert sorted(seen) == [("bar", "day"), ("circle", "month"), ("diamond", "day")]
    brackets = [
        t for t in fig.data if t.type == "scatter" and t.mode == "lines"
    ]  # the month's bracket, not a bar
    assert len(brackets) == 1
    assert brackets[0].x[0] == "2023-06-01"
    assert brackets[0].x[2] == "2023-07-01"


def test_render_every_event_is_labelled_with_its_date_and_title(example) -> None:
    drawn = example.figure().data
    texts = [html.unescape(t) for trace in drawn for t in (trace.text or ()) if t]
    assert len(texts) == example.events.height  # a short article: room for every label
    assert any(t.startswith("10 Nov 2023 · ") for t in texts)
    assert all(len(t) <= 40 for t in texts)


def test_render_dense_lane_labels_give_way_by_rank() -> None:
    from timeline.layout import LABEL_ROWS, layout

    day = date(2023, 5, 1)
    events = [
        _day_event(
            i,
            day,
            "launch",
            f"Launch number {i} of the many launches that day",
            sources=(f"d:{i}",) * (2 if i == 7 else 1),
        )
        for i in range(LABEL_ROWS + 4)
    ]
    (lane,) = layout(events_to_frame(events)).lanes
    labelled = [row["title"] for row, text in zip(lane.events, lane.labels, strict=True) if text]
    assert len(labelled) == LABEL_ROWS  # the rest give way; the hover keeps them
    assert "Launch number 7 of the many launches that day" in labelled  # most reported
    assert len(set(lane.ys)) == len(events)  # every mark still has a place of its own


def test_render_a_category_keeps_its_colour_in_any_build(example) -> None:
    from timeline.layout import CATEGORY_COLOURS

    other = build(Path(__file__).parent.parent / "examples" / "orbit-press-release.txt")
    for result in (example, other):
        for trace in result.figure().data:
            if trace.showlegend:
                assert trace.marker.color == CATEGORY_COLOURS[trace.name]


def test_render_range_buttons_each_open_on_an_event(example) -> None:
    fig = example.figure()
    (menu,) = fig.layout.updatemenus
    from timeline.layout import anchor

    marks = [anchor(row).isoformat(sep=" ") for row in example.events.iter_rows(named=True)]
    assert [b.label for b in menu.buttons][-1] == "all"
    for button in menu.buttons:
        a, b = button.args[0]["xaxis.range"]
        assert any(a <= mark <= b for mark in marks), button.label


def test_render_first_view_leaves_out_a_far_outlier() -> None:
    text = (
        "Acme was founded in 1998. In March 2023, Acme opened a store. In May 2023, Acme "
        "cut jobs. In June 2023, Acme bought Birch. In July 2023, Acme sued Delta. "
        "In August 2023, Acme launched Echo."
    )
    fig = _figure(text)
    assert fig.layout.xaxis.range[0][:4] == "2023"
    (menu,) = fig.layout.updatemenus
    assert menu.buttons[-1].args[0]["xaxis.range"][0][:4] == "1997"  # "all" reaches it
    notes = [a.text for a in fig.layout.annotations if (a.name or "").startswith("outside")]
    assert notes == ["◀ 1998 · Acme was founded"]  # told at the edge of the first view


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


def test_render_approximate_and_planned_events_are_hollow() -> None:
    fig = _figure(
        "In August 2023, Acme opened a store. Soon after, it closed a plant. "
        "In March 2024, Acme will open a lab."
    )
    symbols = {
        c[0]: s for t in _drawn(fig) for c, s in zip(t.customdata, t.marker.symbol, strict=True)
    }
    hollow = sorted(title for title, s in symbols.items() if "-open" in s)
    assert len(symbols) == 3
    assert len(hollow) == 2  # "soon after" (approximate) and the planned lab
    assert sorted(s for s in symbols.values() if "-open" in s) == [
        "circle-open",
        "circle-open-dot",
    ]
    labels = [t for trace in fig.data for t in (trace.text or ()) if t]
    assert any(t.startswith("~") for t in labels)
    assert any(" · planned · " in t for t in labels)


def test_render_many_days_use_webgl() -> None:
    from timeline.render import WEBGL_THRESHOLD

    day = date(2020, 1, 1)
    events = [
        _day_event(i, day + timedelta(days=i), "other", "t") for i in range(WEBGL_THRESHOLD + 1)
    ]
    fig = figure(events_to_frame(events))
    assert {trace.type for trace in _drawn(fig)} == {"scattergl"}


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
    drawn = [c[6] for trace in _drawn(fig) for c in trace.customdata]  # where each is from
    assert len(drawn) == 3
    start, end = frame["char_start"][-1], frame["char_end"][-1]
    assert any(f"characters {start}–{end}" in where for where in drawn)  # three reports
    assert f"the 3 most reported of {frame.height}" in fig.layout.title.text
    assert figure(frame).layout.title.text.count("most reported") == 0


@pytest.mark.parametrize("reference", [date(1, 1, 3), date(9999, 12, 31)])
def test_render_lays_out_events_at_the_ends_of_the_calendar(reference: date) -> None:
    text = "Acme opened a store today. It closed a plant in December. It cut jobs in January."
    fig = _figure(text, reference)
    assert sum(len(t.y) for t in _drawn(fig)) >= 1
