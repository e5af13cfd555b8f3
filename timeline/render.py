"""The plotly chart backend: draw a laid-out timeline (:mod:`timeline.layout`) as an
interactive plotly figure, and write it as HTML, an embeddable snippet, PNG or SVG.

:func:`figure` is a pure function of the table (plotly-express style: a frame and column
names in, a Figure out, nothing written): :func:`plotly_figure` of its :func:`layout`. It
never computes dates; it reads the table's ``date_start``/``date_end``/``granularity``
columns. Day events are markers; coarser ones (month, quarter, half-year, season, year...)
are bars spanning their interval. Every text that came from an article is HTML-escaped
before it enters the figure.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import textwrap
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from timeline.calendar import shifted
from timeline.errors import OutputError
from timeline.io import Outputs, write_text
from timeline.layout import MAX_EVENTS, Layout, layout
from timeline.table import Table

DIV_ID = "timeline"
ROW_HEIGHT = 26
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


# beyond this many single-day events in a lane, markers are drawn with WebGL
WEBGL_THRESHOLD = 1000


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
    """An interactive timeline of the event table (see :func:`timeline.layout.layout` for
    what it shows and how it is laid out): :func:`plotly_figure` of its layout."""
    return plotly_figure(
        layout(
            frame,
            lane=lane,
            lane_order=lane_order,
            title=title,
            reference_dates=reference_dates,
            bands=bands,
            max_events=max_events,
        )
    )


def plotly_figure(laid: Layout) -> go.Figure:
    """The plotly figure of a laid-out timeline: lanes as shaded stripes, bars for months,
    quarters, half-years and years, diamonds for single days, a dotted line at the reference
    date, festival bands; zoom, pan, a range slider and 1m/6m/1y/all buttons."""
    fig = go.Figure()
    tickvals: list[float] = []
    ticktext: list[str] = []
    shapes: list[dict[str, Any]] = []
    for index, lane in enumerate(laid.lanes):
        _add_lane(fig, list(lane.events), list(lane.ys), lane.name, lane.colour)
        tickvals.append(lane.top + (lane.rows - 1) / 2)
        ticktext.append(f"<b>{_escape(lane.name)}</b>")
        if index % 2 == 0:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "yref": "y",
                    "y0": lane.top - 0.5,
                    "y1": lane.top + lane.rows - 0.5,
                    "fillcolor": "rgba(0,0,0,0.035)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
    for _name, day in laid.bands:  # festival days, shaded behind the events
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
        for name, day in laid.bands
    ]
    # one line: the reference date, or for many documents the latest ("as of")
    annotations: list[dict[str, Any]] = []
    if laid.reference is not None:
        ref = laid.reference.isoformat()
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "x0": ref,
                "x1": ref,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#D55E00", "width": 1.5, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "x": ref,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": f"{laid.reference_label} {ref}",
                "showarrow": False,
                "font": {"size": 11, "color": "#D55E00"},
            }
        )
    fig.update_layout(
        template="plotly_white",
        title={
            "text": f"{_escape(laid.title)}<br><sup>{_escape(laid.subtitle)}</sup>",
            "x": 0.01,
            "xref": "paper",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
        },
        height=max(380, int(220 + ROW_HEIGHT * max(laid.height, 1))),
        margin={"l": 150, "r": 30, "t": 120, "b": 40},
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        legend={"title": {"text": laid.lane_title}, "orientation": "h", "y": -0.25, "x": 0},
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


ImageTarget = tuple[str | Path, str | None]  # a path and its kind (None: the suffix says)

# what kaleido's page raises now and then when a render reaches its tab before the page's
# script is there: the same render in the same (reloaded) tab then works
TRANSIENT = "kaleido_scopes is not defined"
RENDER_SECONDS = 90  # at most, for one image, before it is called a failure


def static_figure(fig: go.Figure, *, height: int | None = None) -> go.Figure:
    """The figure as a static image shows it: no range slider and no range buttons (they
    only work in a browser), and none of the room they took: the plot starts under the
    subtitle and the legend sits under the dates."""
    static = go.Figure(fig)
    plot = (fig.layout.height or 600) - 160  # the interactive chart's plot area and slider
    static.update_layout(
        height=height or plot + 110,
        margin={"t": 80, "b": 30},
        xaxis={"rangeslider": {"visible": False}, "rangeselector": {"visible": False}},
        title={"y": 1, "yanchor": "top", "yref": "container", "pad": {"t": 28}},
        legend={"y": -30 / plot, "yanchor": "top", "yref": "paper"},
    )
    return static


def _reason(exc: BaseException) -> str:
    """Why kaleido could not draw an image, in one short line."""
    if isinstance(exc, TimeoutError):
        return f"Chromium took more than {RENDER_SECONDS} s to draw it"
    text = str(exc)
    found = re.search(r"'description': '([^'\\]*)", text)  # a JavaScript error
    line = (found.group(1) if found else text).strip().splitlines()
    said = line[0] if line else ""
    said = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
    return said if len(said) <= 200 else said[:199] + "…"


def _is_transient(exc: BaseException) -> bool:
    return TRANSIENT in str(exc)


def _run(coroutine: Coroutine[Any, Any, list[bytes]]) -> list[bytes]:
    """Run ``coroutine`` to its end, in a thread of its own when this one already runs an
    event loop (a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _draw(spec: dict[str, Any], targets: Sequence[tuple[dict[str, Any], str]]) -> list[bytes]:
    """Every target's image of ``spec`` (a target: kaleido's options and a name for
    messages), drawn in ONE Chromium started for them all; a render that meets the
    transient error is tried once more. A failure is an :class:`OutputError` naming the
    image and why."""
    import kaleido  # loads choreographer: only images need it

    async def draw_all() -> list[bytes]:
        images: list[bytes] = []
        try:
            async with kaleido.Kaleido(timeout=RENDER_SECONDS, mathjax=False) as k:
                for opts, _ in targets:
                    try:
                        images.append(await k.calc_fig(spec, opts=opts))
                    except Exception as exc:
                        if not _is_transient(exc):
                            raise
                        images.append(await k.calc_fig(spec, opts=opts))
        except Exception as exc:  # whatever kaleido or Chromium raised: one clear line
            opts, current = targets[min(len(images), len(targets) - 1)]
            kind = str(opts["format"]).upper()
            msg = f"{current}: the {kind} image could not be drawn: {_reason(exc)}"
            raise OutputError(msg) from None
        return images

    return _run(draw_all())


def write_images(
    fig: go.Figure,
    targets: Sequence[ImageTarget],
    *,
    width: int = 1400,
    height: int | None = None,
    shown: Sequence[str] | None = None,
) -> list[Path]:
    """Static PNG and SVG images of the figure, one per ``(path, kind)`` target (``kind``
    None: the path's suffix says), all drawn in one local Chromium (started once, not once
    an image). Every image is drawn before any file is written; then they are published
    together, so after a failure no file has changed. A clear :class:`OutputError` when
    there is no browser or an image cannot be drawn, naming the image by its path (or by
    ``shown``, the names to give the targets in messages, when they are temporary files)."""
    checked = [(Path(path), image_kind(path, kind)) for path, kind in targets]
    if not checked:
        return []
    os.environ["BROWSER_PATH"] = require_browser()  # kaleido's browser finder reads it
    static = static_figure(fig, height=height)
    opts = {"width": width, "height": static.layout.height}
    spec = static.to_dict()
    with Outputs() as outputs:
        staged = [outputs.add(path, what=f"{kind.upper()} image") for path, kind in checked]
        names = list(shown) if shown is not None else [str(path) for path, _ in checked]
        kinds = [kind for _, kind in checked]
        drawn = [({**opts, "format": k}, n) for k, n in zip(kinds, names, strict=True)]
        images = _draw(spec, drawn)
        for tmp, name, data in zip(staged, names, images, strict=True):
            try:
                tmp.write_bytes(data)
            except OSError as exc:
                raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
        outputs.publish()
    return [path for path, _ in checked]


def write_image(
    fig: go.Figure,
    path: str | Path,
    *,
    width: int = 1400,
    height: int | None = None,
    kind: str | None = None,
) -> Path:
    """A static PNG or SVG (``kind``, else the path's suffix) of the figure, drawn by
    kaleido in a local Chromium; a clear :class:`OutputError` when there is none or the
    image cannot be drawn. Several images of one figure: :func:`write_images` (one browser
    for them all)."""
    (written,) = write_images(fig, [(path, kind)], width=width, height=height)
    return written
