"""Draw the event table as an interactive plotly timeline, and write it as HTML.

:func:`figure` is a pure function of the table (plotly-express style: a frame and column
names in, a Figure out, nothing written). It never computes dates; it reads the table's
``date_start``/``date_end``/``granularity`` columns. Day events are markers; coarser ones
(month, quarter, half-year, season, year...) are bars spanning their interval. Every text
that came from an article is HTML-escaped before it enters the figure.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import textwrap
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from timeline.calendar import shifted
from timeline.errors import OutputError
from timeline.io import atomic_write, write_text
from timeline.table import EVENT_SCHEMA, Table, pieces

# Colour-blind-safe colours: Okabe & Ito's palette, then Paul Tol's "muted" ones, so that
# eleven lanes stay distinct; grey is kept for the lane of events no category claimed
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#999933",
    "#882255",
    "#44AA99",
    "#DDCC77",
)
OTHER_COLOUR = "#999999"
OTHER_LANE = "other"
DIV_ID = "timeline"
ROW_HEIGHT = 26
LANE_GAP = 0.8
_DAY_MS = 86_400_000
_HOVER = (
    "<b>%{customdata[0]}</b><br>"
    "<i>%{customdata[1]}</i> → %{customdata[2]}<br>"
    "%{customdata[3]} · %{customdata[4]}<br>"
    "%{customdata[5]}<br>"
    "<span style='color:#666'>%{customdata[6]}</span><extra></extra>"
)


def _escape(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _wrap(text: str, width: int = 90) -> str:
    return "<br>".join(_escape(line) for line in textwrap.wrap(text, width) or [""])


def _interval(row: dict[str, Any]) -> str:
    start, end, grain = row["date_start"], row["date_end"], row["granularity"]
    span = start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    mod = f", {row['mod'].lower()}" if row.get("mod") else ""
    return f"{span} ({grain}{mod})"


def _customdata(row: dict[str, Any]) -> list[str]:
    actors = ", ".join(row["actors"] or []) or "no actor found"
    return [
        _escape(row["title"]),
        _escape(row["date_text"]),
        _escape(_interval(row)),
        _escape(row["category"]),
        _escape(actors),
        _wrap(row["sentence"]),
        _escape(f"{row['doc_id']} · characters {row['char_start']}–{row['char_end']}"),
    ]


# most reported first: most sources, most confident, earliest
_RANK = (pl.col("sources").list.len(), "confidence", "date_start", "doc_id", "char_start")


def _most_reported(table: Table, count: int) -> tuple[pl.DataFrame, int]:
    """The ``count`` most reported events of ``table`` (most ``sources``, then most
    confident, then earliest), and how many events it has; memory holds one piece of it."""
    best = EVENT_SCHEMA.to_frame()
    total = 0
    for piece in pieces(table):
        total += piece.height
        best = pl.concat([best, piece])
        if best.height > count:
            best = best.top_k(count, by=_RANK, reverse=[False, False, True, True, True])
            # a copy with its own strings: the rows kept would hold every piece's strings
            buffer = io.BytesIO()
            best.write_ipc(buffer)
            buffer.seek(0)
            best = pl.read_ipc(buffer)
    return best, total


def _stack(rows: list[dict[str, Any]], min_span: timedelta) -> list[int]:
    """Row index within a lane for each event (sorted by start) so that none overlap;
    a marker counts as ``min_span`` wide so that close days stack instead of overprinting."""
    ends: list[date] = []
    out: list[int] = []
    for row in rows:
        start: date = row["date_start"]
        end: date = max(row["date_end"], shifted(start, min_span))
        for index, last in enumerate(ends):
            if last < start:
                ends[index] = end
                out.append(index)
                break
        else:
            ends.append(end)
            out.append(len(ends) - 1)
    return out


def _lane_values(frame: pl.DataFrame, lane: str, order: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(frame.get_column(lane).cast(pl.String).to_list()))
    if order is None:
        return present
    known = [value for value in order if value in present]
    return known + [value for value in present if value not in known]


LANES = {"category": "category", "document": "doc_id", "actor": "first_actor"}
# beyond this many single-day events in a lane, markers are drawn with WebGL
WEBGL_THRESHOLD = 1000
# a figure draws at most this many events, the most reported first (the table keeps all):
# more stack into a wall no one can read, and make a page no browser opens quickly
MAX_EVENTS = 5000


def figure(
    frame: Table,
    *,
    lane: str = "category",
    lane_order: Sequence[str] | None = None,
    title: str | None = None,
    reference_dates: Sequence[date] = (),
    bands: Sequence[tuple[str, date]] = (),
    max_events: int = MAX_EVENTS,
) -> go.Figure:
    """An interactive timeline of the event table, one lane per value of ``lane``
    ("category", "document" or "actor": the first actor named) or of any table column.

    A table of more than ``max_events`` events draws the ``max_events`` most reported (most
    ``sources``, then most confident, then earliest), and says so under the title; a table
    in files is read a file at a time."""
    fig = go.Figure()
    drawn, total = _most_reported(frame, max_events)
    frame = drawn.sort(["date_start", "date_end", "doc_id", "char_start"]).with_columns(
        pl.col("actors").list.first().fill_null("no actor named").alias("first_actor")
    )
    lane_title = lane
    lane = LANES.get(lane, lane)
    if lane not in frame.columns:
        msg = f"no lane {lane!r}; use one of {', '.join(LANES)} or a column of the table"
        raise ValueError(msg)
    count = frame.height
    docs = frame.get_column("doc_id").n_unique() if count else 0
    if count:
        first, last = frame["date_start"].min(), frame["date_end"].max()
        assert isinstance(first, date) and isinstance(last, date)
        shown = f"the {count:,} most reported of {total:,}" if total > count else f"{count}"
        subtitle = (
            f"{shown} events from {docs} document{'s' if docs != 1 else ''} · "
            f"{first.isoformat()} to {last.isoformat()} · bars span months, quarters, "
            "half-years and years; diamonds are single days; hatched or hollow: approximate"
        )
        min_span = max(timedelta(days=1), (last - first) / 45)
    else:
        subtitle, min_span = "No dated events found", timedelta(days=1)

    tickvals: list[float] = []
    ticktext: list[str] = []
    shapes: list[dict[str, Any]] = []
    offset = 0.0
    for index, value in enumerate(_lane_values(frame, lane, lane_order)):
        rows = frame.filter(pl.col(lane).cast(pl.String) == value).to_dicts()
        stack = _stack(rows, min_span)
        height = max(stack) + 1
        colour = OTHER_COLOUR if value == OTHER_LANE else PALETTE[index % len(PALETTE)]
        ys = [offset + s for s in stack]
        _add_lane(fig, rows, ys, value, colour)
        tickvals.append(offset + (height - 1) / 2)
        ticktext.append(f"<b>{_escape(value)}</b>")
        if index % 2 == 0:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "yref": "y",
                    "y0": offset - 0.5,
                    "y1": offset + height - 0.5,
                    "fillcolor": "rgba(0,0,0,0.035)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        offset += height + LANE_GAP

    for _name, day in bands:  # festival days, shaded behind the events
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": day.isoformat(),
                "x1": shifted(day, timedelta(days=1)).isoformat(),
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(230,159,0,0.18)",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    band_labels = [
        {
            "x": day.isoformat(),
            "xref": "x",
            "y": 1,
            "yref": "paper",
            "yanchor": "top",
            "xanchor": "left",
            "text": _escape(name),
            "showarrow": False,
            "textangle": -90,
            "font": {"size": 9, "color": "#8a6d00"},
        }
        for name, day in bands
    ]
    # one line: the reference date, or for many documents the latest ("as of")
    refs = sorted(set(reference_dates))
    annotations: list[dict[str, Any]] = []
    if refs:
        ref = refs[-1]
        label = "reference date" if len(refs) == 1 else "latest reference date"
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "x0": ref.isoformat(),
                "x1": ref.isoformat(),
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#D55E00", "width": 1.5, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "x": ref.isoformat(),
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": f"{label} {ref.isoformat()}",
                "showarrow": False,
                "font": {"size": 11, "color": "#D55E00"},
            }
        )
    heading = _escape(title) if title else "Timeline"
    fig.update_layout(
        template="plotly_white",
        title={
            "text": f"{heading}<br><sup>{_escape(subtitle)}</sup>",
            "x": 0.01,
            "xref": "paper",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
        },
        height=max(380, int(220 + ROW_HEIGHT * max(offset, 1))),
        margin={"l": 150, "r": 30, "t": 120, "b": 40},
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        legend={"title": {"text": lane_title}, "orientation": "h", "y": -0.25, "x": 0},
        barmode="overlay",
        shapes=shapes,
        annotations=annotations + band_labels,
        xaxis={
            "type": "date",
            "showgrid": True,
            "rangeslider": {"visible": True, "thickness": 0.06},
            "rangeselector": {
                "buttons": [
                    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                    {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": "all"},
                ]
            },
        },
        yaxis={
            "tickvals": tickvals,
            "ticktext": ticktext,
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
    )
    return fig


def _add_lane(
    fig: go.Figure, rows: list[dict[str, Any]], ys: list[float], name: str, colour: str
) -> None:
    bars = [(row, y) for row, y in zip(rows, ys, strict=True) if row["granularity"] != "day"]
    days = [(row, y) for row, y in zip(rows, ys, strict=True) if row["granularity"] == "day"]
    label = _escape(name)
    if bars:
        approximate = [bool(row.get("approximate")) for row, _ in bars]
        fig.add_trace(
            go.Bar(
                name=label,
                legendgroup=label,
                orientation="h",
                base=[row["date_start"].isoformat() for row, _ in bars],
                x=[((row["date_end"] - row["date_start"]).days + 1) * _DAY_MS for row, _ in bars],
                y=[y for _, y in bars],
                width=0.72,
                marker={
                    "color": colour,
                    "opacity": [0.3 if a else 0.55 for a in approximate],
                    "line": {"color": colour, "width": 1},
                    "pattern": {"shape": ["/" if a else "" for a in approximate]},
                },
                customdata=[_customdata(row) for row, _ in bars],
                hovertemplate=_HOVER,
                showlegend=True,
            )
        )
    if days:
        kind = go.Scattergl if len(days) > WEBGL_THRESHOLD else go.Scatter
        fig.add_trace(
            kind(
                name=label,
                legendgroup=label,
                mode="markers",
                x=[f"{row['date_start'].isoformat()} 12:00" for row, _ in days],
                y=[y for _, y in days],
                marker={
                    "symbol": [
                        "diamond-open" if row.get("approximate") else "diamond" for row, _ in days
                    ],
                    "size": 13,
                    "color": colour,
                    "line": {"color": "white", "width": 1},
                },
                customdata=[_customdata(row) for row, _ in days],
                hovertemplate=_HOVER,
                showlegend=not bars,
            )
        )


def to_html(fig: go.Figure, *, include_plotlyjs: bool | str = True, full_html: bool = True) -> str:
    """The figure as HTML: a standalone page that works offline by default
    (``include_plotlyjs=True`` inlines plotly.js; ``"cdn"`` makes a small file that needs
    the network). The same figure always gives the same bytes."""
    page: str = pio.to_html(
        fig,
        include_plotlyjs=include_plotlyjs,
        full_html=full_html,
        div_id=DIV_ID,
        config={"displaylogo": False, "responsive": True, "scrollZoom": True},
    )
    return page


def write_html(fig: go.Figure, path: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
    """Write :func:`to_html` to ``path`` atomically."""
    return write_text(path, to_html(fig, include_plotlyjs=include_plotlyjs))


def write_embed(fig: go.Figure, path: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
    """An HTML snippet for a report or a CMS: the chart's ``<div>`` and its script, no
    ``<html>`` around them (plotly.js inlined unless ``include_plotlyjs="cdn"``)."""
    return write_text(path, to_html(fig, include_plotlyjs=include_plotlyjs, full_html=False))


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The browser kaleido draws static images with: ``BROWSER_PATH``, else Chromium or
    Chrome on the PATH."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        return given if Path(given).exists() else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    """The browser static images are drawn in, or a clear :class:`OutputError` saying how
    to get one."""
    browser = find_browser()
    if browser is None:
        msg = (
            "PNG and SVG export needs Chromium: install it (Debian: apt-get install -y "
            "chromium) or set BROWSER_PATH to a Chrome or Chromium executable"
        )
        raise OutputError(msg)
    return browser


IMAGE_KINDS = ("png", "svg")


def image_kind(path: str | Path, kind: str | None = None) -> str:
    """The kind of static image ``path`` is (``kind`` if given, which its suffix must then
    name), or a clear :class:`OutputError`.

    >>> image_kind("slides/chart.svg")
    'svg'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in IMAGE_KINDS or (kind is not None and suffix != kind):
        ends = f".{kind}" if kind else ".png or .svg"
        msg = f"{path}: a static image must end in {ends}"
        raise OutputError(msg)
    return suffix


def write_image(
    fig: go.Figure,
    path: str | Path,
    *,
    width: int = 1400,
    height: int | None = None,
    kind: str | None = None,
) -> Path:
    """A static PNG or SVG (``kind``, else the path's suffix) of the figure, drawn by
    kaleido in a local Chromium; a clear :class:`OutputError` when there is none."""
    target = Path(path)
    kind = image_kind(target, kind)
    os.environ["BROWSER_PATH"] = require_browser()  # kaleido's browser finder reads it
    static = go.Figure(fig)
    # what only works in a browser (range slider, range buttons) leaves the picture
    static.update_layout(
        xaxis={"rangeslider": {"visible": False}, "rangeselector": {"visible": False}},
        title={"y": 0.97, "yanchor": "top", "yref": "container", "pad": {"t": 0}},
    )
    layout_height = (fig.layout.height or 600) - 60
    with atomic_write(target) as tmp:
        static.write_image(tmp, format=kind, width=width, height=height or layout_height)
    return target
