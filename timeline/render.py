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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from timeline.calendar import shifted
from timeline.errors import OutputError
from timeline.io import Outputs, write_text
from timeline.layout import MAX_EVENTS, Lane, Layout, layout, when
from timeline.page import PlotlyJs, chart_html, event_anchor, page_html, snippet_id
from timeline.table import Table

ROW_HEIGHT = 26
LABEL_SIZE = 12  # px, the labels beside the events
LABEL_COLOUR = "#333333"
# a bracket runs this far under its row's centre (the label's line), its ends this high,
# in rows
_UNDER = 0.3
_CAP = 0.18
# px: above the plot for the title, subtitle and range buttons; under it for the dates and
# the legend, which starts this far under the plot
_TOP = 112
_BOTTOM = 96
_UNDER_AXIS = 30
_SHORT = 11  # characters of a lane's name on a phone
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
    """What a point carries (every text escaped): for its hover, then for the page's list
    and links (:mod:`timeline.page`)."""
    actors = ", ".join(row["actors"] or []) or "no actor found"
    order = f"{row['date_start'].isoformat()} {row['doc_id']} {row['char_start']:012d}"
    return [
        _escape(row["title"]),
        _escape(row["date_text"]),
        _escape(_interval(row)),
        _escape(row["category"]),
        _escape(actors),
        _wrap(row["sentence"]),
        _escape(f"{row['doc_id']} · characters {row['char_start']}–{row['char_end']}"),
        event_anchor(str(row["event_id"])),
        _escape(when(row)),
        _escape(row.get("status") or "done"),
        _escape(order),
        _escape(" ".join(str(row["sentence"] or "").split())),
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
    """The plotly figure of a laid-out timeline: lanes as shaded stripes; diamonds for
    single days, dots under a light bracket for months, quarters, half-years and years,
    bars for ranges of days, each with its label; a dotted line at the reference date,
    festival bands, notes of what lies outside the first view; zoom, pan and the layout's
    range buttons."""
    fig = go.Figure()
    plot = max(200, int(ROW_HEIGHT * max(laid.height, 1) + 30))  # px: the lanes
    longest = max((len(lane.name) for lane in laid.lanes), default=8)
    left = min(240, 24 + 8 * longest)  # room for the longest lane name
    tickvals: list[float] = []
    ticktext: list[str] = []
    shapes: list[dict[str, Any]] = []
    for index, lane in enumerate(laid.lanes):
        _add_lane(fig, lane)
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
            "font": {"size": 12, "color": "#8a6d00"},
        }
        for name, day in laid.bands
    ]
    # what lies outside the first view, at its edge (the page's script hides a note once
    # the view reaches its event)
    outside = [
        {
            "x": 0 if side == "left" else 1,
            "xref": "paper",
            "xanchor": side,
            "y": y,
            "yref": "y",
            "text": _escape(text),
            "showarrow": False,
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": LABEL_SIZE, "color": "#555555"},
            "name": f"outside {side} {_when(at)}",
        }
        for y, side, text, at in laid.outside
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
                "layer": "below",  # (under the labels and marks it crosses)
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
                "font": {"size": 12, "color": "#D55E00"},
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
        meta={  # what the page's script shows instead on a phone
            "short_ticks": [_short(lane.name) for lane in laid.lanes],
            "narrow_left": min(left, 16 + 7 * min(longest, _SHORT)),
            "short_title": _escape(laid.title),
        },
        height=plot + _TOP + _BOTTOM,
        margin={"l": left, "r": 20, "t": _TOP, "b": _BOTTOM},
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        legend={
            "title": {"text": laid.lane_title},
            "orientation": "h",
            "x": 0,
            "y": -_UNDER_AXIS / plot,
            "yanchor": "top",
        },
        barmode="overlay",
        shapes=shapes,
        annotations=annotations + band_labels + outside,
        xaxis={
            "type": "date",
            "showgrid": True,
            **({"range": [_when(x) for x in laid.view]} if laid.view else {}),
        },
        updatemenus=[_buttons(laid)] if laid.windows else [],
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


def _short(name: str) -> str:
    """A lane's name on a phone: at most :data:`_SHORT` characters."""
    return _escape(name if len(name) <= _SHORT else name[: _SHORT - 1] + "…")


def _when(at: datetime) -> str:
    return at.isoformat(sep=" ")


def _buttons(laid: Layout) -> dict[str, Any]:
    """The range buttons: each opens a window the layout chose (each holds an event)."""
    return {
        "type": "buttons",
        "direction": "right",
        "showactive": True,
        "active": len(laid.windows) - 1 if laid.view == laid.windows[-1][1] else -1,
        "x": 0,
        "xanchor": "left",
        "y": 1,
        "yanchor": "bottom",
        "pad": {"b": 22},
        "bgcolor": "#f2f2f2",
        "bordercolor": "#cccccc",
        "font": {"size": 12},
        "buttons": [
            {
                "label": name,
                "method": "relayout",
                "args": [{"xaxis.range": [_when(a), _when(b)]}],
            }
            for name, (a, b) in laid.windows
        ],
    }


def _hollow(row: dict[str, Any]) -> bool:
    """Whether an event is drawn hollow: its date approximate, or it is planned or only
    reported."""
    return bool(row.get("approximate")) or row.get("status") in ("planned", "reported")


def _style(row: dict[str, Any]) -> str:
    """How a mark is drawn hollow (a plotly symbol's suffix): planned ones with a dot in
    the middle, reported ones with a cross, approximate ones plain; "" for filled."""
    status = row.get("status")
    if status == "planned":
        return "-open-dot"
    if status == "reported":
        return "-cross-open"
    return "-open" if row.get("approximate") else ""


def _brackets(lane: Lane, *, dashed: bool) -> go.Scatter | None:
    """Light brackets over the periods of a lane's month, quarter, year ... events (dotted
    for hollow ones): how far the date reaches, drawn thin so as not to read as a
    duration."""
    xs: list[str | None] = []
    ys: list[float | None] = []
    for row, y, kind in zip(lane.events, lane.ys, lane.marks, strict=True):
        if kind != "period" or _hollow(row) != dashed:
            continue
        a = row["date_start"].isoformat()
        b = shifted(row["date_end"], timedelta(days=1)).isoformat()
        low = y + _UNDER  # (the y axis runs down)
        xs += [a, a, b, b, None]
        ys += [low - _CAP, low, low, low - _CAP, None]
    if not xs:
        return None
    return go.Scatter(
        name=_escape(lane.name),
        legendgroup=_escape(lane.name),
        x=xs,
        y=ys,
        mode="lines",
        line={"color": lane.colour, "width": 1.5, "dash": "dot" if dashed else "solid"},
        opacity=0.6,
        hoverinfo="skip",
        showlegend=False,
    )


def _labelled(items: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    """Where a lane's marks sit and the labels beside them (``items``: event, row, mark,
    anchor, label), as a trace's properties."""
    return {
        "x": [_when(x) for *_, x, _ in items],
        "y": [y for _, y, *_ in items],
        "text": [_escape(text) for *_, text in items],
        "textposition": "middle right",
        "textfont": {"size": LABEL_SIZE, "color": LABEL_COLOUR},
    }


def _add_lane(fig: go.Figure, lane: Lane) -> None:
    """A lane's events: brackets over periods, bars for ranges of days, a marker for each
    day and period, and each event's label beside its mark."""
    name = _escape(lane.name)
    colour = lane.colour
    items = list(zip(lane.events, lane.ys, lane.marks, lane.xs, lane.labels, strict=True))
    fig.add_trace(  # the legend's swatch: the lane's colour, whatever its first event is
        go.Scatter(
            name=name,
            legendgroup=name,
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": colour},
            hoverinfo="skip",
            showlegend=True,
        )
    )
    for dashed in (False, True):
        bracket = _brackets(lane, dashed=dashed)
        if bracket is not None:
            fig.add_trace(bracket)
    spans = [item for item in items if item[2] == "span"]
    points = [item for item in items if item[2] != "span"]
    if points:
        kind = go.Scattergl if len(points) > WEBGL_THRESHOLD else go.Scatter
        hollow = [_hollow(row) for row, *_ in points]
        fig.add_trace(
            kind(
                name=name,
                legendgroup=name,
                mode="markers+text",
                meta="marks",
                **_labelled(points),
                marker={
                    "symbol": [
                        ("diamond" if mark == "day" else "circle") + _style(row)
                        for row, _, mark, *_ in points
                    ],
                    "size": [13 if mark == "day" else 11 for _, _, mark, *_ in points],
                    "opacity": 1,  # (sizes given one by one would make it 0.7)
                    "color": colour,
                    "line": {
                        "color": [colour if h else "white" for h in hollow],
                        "width": [2 if h else 1 for h in hollow],
                    },
                },
                customdata=[_customdata(row) for row, *_ in points],
                hovertemplate=_HOVER,
                showlegend=False,
            )
        )
    if spans:
        hollow = [_hollow(row) for row, *_ in spans]
        fig.add_trace(
            go.Bar(
                name=name,
                legendgroup=name,
                orientation="h",
                base=[row["date_start"].isoformat() for row, *_ in spans],
                x=[((row["date_end"] - row["date_start"]).days + 1) * _DAY_MS for row, *_ in spans],
                y=[y for _, y, *_ in spans],
                width=0.6,
                marker={
                    "color": ["white" if h else colour for h in hollow],
                    "opacity": 0.8,
                    "line": {"color": colour, "width": [2 if h else 1 for h in hollow]},
                },
                customdata=[_customdata(row) for row, *_ in spans],
                hovertemplate=_HOVER,
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                name=name,
                legendgroup=name,
                mode="text",
                meta="labels",
                **_labelled(spans),
                hoverinfo="skip",
                showlegend=False,
            )
        )


def to_html(fig: go.Figure, *, include_plotlyjs: PlotlyJs = True, full_html: bool = True) -> str:
    """The figure as HTML: a standalone page (its title, the chart, the list of its events
    under it, linked both ways) that works offline by default, or (``full_html=False``) the
    chart alone. ``include_plotlyjs``: True inlines plotly.js, ``"cdn"`` loads it from the
    CDN (a small file that needs the network), a URL from there, False or ``"none"`` leaves
    it to the page around. The same figure always gives the same bytes."""
    if full_html:
        return page_html(fig, include_plotlyjs=include_plotlyjs)
    return chart_html(fig, include_plotlyjs=include_plotlyjs)


def write_html(fig: go.Figure, path: str | Path, *, include_plotlyjs: PlotlyJs = True) -> Path:
    """Write the page of :func:`to_html` to ``path`` atomically."""
    return write_text(path, to_html(fig, include_plotlyjs=include_plotlyjs))


def write_embed(fig: go.Figure, path: str | Path, *, include_plotlyjs: PlotlyJs = True) -> Path:
    """An HTML snippet for a report or a CMS: the chart's ``<div>`` (an id of its own, so
    that two charts on one page both draw) and its scripts, no ``<html>`` around them;
    plotly.js inlined but run once per page, unless ``include_plotlyjs`` says otherwise
    (see :func:`to_html`)."""
    div_id = snippet_id(fig, Path(path).name)
    return write_text(path, chart_html(fig, div_id=div_id, include_plotlyjs=include_plotlyjs))


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
    """The figure as a static image shows it: no range buttons (they only work in a
    browser), and none of the room they took: the plot starts under the subtitle."""
    static = go.Figure(fig)
    top, bottom = 80, 62  # (the legend on one line: the image is wide)
    static.update_layout(
        height=height or (fig.layout.height or 600) - (_TOP - top) - (_BOTTOM - bottom),
        margin={"t": top, "b": bottom},
        title={"y": 1, "yanchor": "top", "yref": "container", "pad": {"t": 24}},
    )
    static.layout.updatemenus = ()
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
