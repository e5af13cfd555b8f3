"""The chart's HTML: a standalone page (the chart, then the chronological list of its events,
linked both ways) and a snippet to embed in a report or a CMS.

Everything shown comes from the figure (:func:`timeline.render.plotly_figure`): each drawn
point's ``customdata`` holds its event's texts, already escaped, so a page is a function of
the figure alone. The script beside the chart links a point and its list entry (click a
point: its entry opens; hover an entry: its point is shown), hides the labels on a narrow
screen (the list says it all there, first), and lets a host page show only some events.
"""

from __future__ import annotations

import html
import zlib

import plotly.graph_objects as go
import plotly.io as pio

from timeline.layout import colour

DIV_ID = "timeline"
# customdata of a drawn point: what the hover shows (0-6), then for the list and the links
TITLE, DATE_TEXT, INTERVAL, CATEGORY, ACTORS, SENTENCE, SOURCE = range(7)
ANCHOR, WHEN, STATUS, ORDER, PLAIN_SENTENCE = range(7, 12)
NARROW = 640  # px: a chart narrower than this drops the labels beside its marks

# how plotly.js reaches the page: inlined (offline), from the CDN, left out (the host page
# loads it), or from a given URL
PlotlyJs = bool | str

_STYLE = """
body { font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto;
       max-width: 1480px; padding: 0.5rem 1rem 2rem; color: #222; }
.tl-list h2 { font-size: 1.1rem; font-weight: 600; margin: 1.5rem 0 0.5rem; }
.tl-list ol { list-style: none; padding: 0; margin: 0; }
.tl-list li { padding: 0.45rem 0.4rem; border-bottom: 1px solid #eee; font-size: 0.95rem; }
.tl-list li:hover, .tl-list li.tl-hit { background: #fff6d6; }
.tl-list time { font-variant-numeric: tabular-nums; color: #444; display: inline-block;
                min-width: 10.5rem; padding-right: 0.5rem; }
.tl-phone-title { display: none; font-size: 1.25rem; font-weight: 600; margin: 0.5rem 0; }
.tl-chip { display: inline-block; font-size: 0.75rem; padding: 0.05rem 0.45rem;
           border-radius: 0.7rem; color: #fff; background: var(--c); margin-right: 0.4rem; }
.tl-status { font-size: 0.75rem; color: #8a4b00; border: 1px solid #d9a066;
             border-radius: 0.7rem; padding: 0 0.4rem; margin-right: 0.3rem; }
.tl-list details { margin: 0.25rem 0 0 0; color: #444; }
.tl-list summary { cursor: pointer; font-size: 0.8rem; color: #666; }
.tl-list q { display: block; margin: 0.3rem 0; }
.tl-source { font-size: 0.8rem; color: #777; }
@media (max-width: 700px) {
  body { padding: 0.25rem 0.5rem 1rem; }
  .tl-page { display: flex; flex-direction: column; }
  .tl-list { order: -1; }
  .tl-list time { min-width: 0; display: block; font-size: 0.85rem; }
  .tl-phone-title { display: block; }
  .modebar-container { display: none; }
}
"""

# {plot_id} is the chart's div; it runs once the chart is drawn
_SCRIPT = """
(function () {
  var gd = document.getElementById("{plot_id}");
  var meta = (gd.layout && gd.layout.meta) || {};
  var NARROW = @NARROW@;
  var where = {};
  gd.data.forEach(function (trace, curve) {
    (trace.customdata || []).forEach(function (data, point) {
      where[data[@ANCHOR@]] = [curve, point];
    });
  });
  function entries() {
    return document.querySelectorAll('[data-chart="{plot_id}"] [data-event]');
  }
  var wide = null;
  var full = {"margin.l": gd.layout.margin.l, "yaxis.ticktext": gd.layout.yaxis.ticktext,
              "title.text": gd.layout.title.text};  // (what a wide screen shows)
  function fit() {
    var now = gd.offsetWidth >= NARROW;
    if (now === wide) { return; }
    wide = now;
    var marks = [], labels = [];
    gd.data.forEach(function (trace, i) {
      if (trace.meta === "marks") { marks.push(i); }
      if (trace.meta === "labels") { labels.push(i); }
    });
    if (marks.length) { Plotly.restyle(gd, {mode: now ? "markers+text" : "markers"}, marks); }
    if (labels.length) { Plotly.restyle(gd, {mode: now ? "text" : "none"}, labels); }
    if (meta.short_ticks) {
      Plotly.relayout(gd, now ? full : {"margin.l": meta.narrow_left,
                                        "yaxis.ticktext": meta.short_ticks,
                                        "title.text": meta.short_title});
    }
  }
  fit();
  window.addEventListener("resize", fit);
  // a note of what lies outside the view goes once the view reaches its event
  gd.on("plotly_relayout", function () {
    var range = gd.layout.xaxis.range;
    if (!range || !gd.layout.annotations) { return; }
    var changes = {};
    gd.layout.annotations.forEach(function (note, i) {
      var name = note.name || "";
      if (name.indexOf("outside ") !== 0) { return; }
      var side = name.split(" ")[1], at = name.slice(("outside " + side + " ").length);
      var away = side === "left" ? at < String(range[0]) : at > String(range[1]);
      if (note.visible !== away) { changes["annotations[" + i + "].visible"] = away; }
    });
    if (Object.keys(changes).length) { Plotly.relayout(gd, changes); }
  });
  gd.on("plotly_click", function (event) {
    var data = event.points && event.points[0] && event.points[0].customdata;
    if (!data) { return; }
    var entry = document.querySelector(
      '[data-chart="{plot_id}"] [data-event="' + data[@ANCHOR@] + '"]');
    if (!entry) { return; }
    entries().forEach(function (e) { e.classList.remove("tl-hit"); });
    entry.classList.add("tl-hit");
    var more = entry.querySelector("details");
    if (more) { more.open = true; }
    entry.scrollIntoView({block: "center"});
  });
  // (the list may come after this script: events are caught on the document)
  function entryOf(node) {
    var entry = node && node.closest ? node.closest("[data-event]") : null;
    var list = entry && entry.closest("[data-chart]");
    return list && list.getAttribute("data-chart") === "{plot_id}" ? entry : null;
  }
  document.addEventListener("mouseover", function (event) {
    var entry = entryOf(event.target);
    if (!entry || entry.contains(event.relatedTarget)) { return; }
    var at = where[entry.getAttribute("data-event")];
    if (at && gd.offsetParent !== null) {
      Plotly.Fx.hover(gd, [{curveNumber: at[0], pointNumber: at[1]}], "xy");
    }
  });
  document.addEventListener("mouseout", function (event) {
    var entry = entryOf(event.target);
    if (entry && !entry.contains(event.relatedTarget)) { Plotly.Fx.unhover(gd); }
  });
  // a host page shows only some events (its filter): their anchors, or null for all
  gd.timelineShow = function (anchors) {
    var keep = anchors && new Set(anchors);
    gd.data.forEach(function (trace, curve) {
      if (!trace.customdata) { return; }
      var chosen = null;
      if (keep) {
        chosen = [];
        trace.customdata.forEach(function (data, point) {
          if (keep.has(data[@ANCHOR@])) { chosen.push(point); }
        });
      }
      Plotly.restyle(gd, {selectedpoints: [chosen]}, [curve]);
    });
  };
})();
""".replace("@NARROW@", str(NARROW)).replace("@ANCHOR@", str(ANCHOR))


def event_anchor(event_id: str, prefix: str = "ev-") -> str:
    """The id an event goes by in a page (its list entry, its point's link; ``prefix``
    for another of its elements, the report's source sentence).

    >>> event_anchor("lanting-2023-review:12")
    'ev-lanting-2023-review-12'
    """
    return prefix + "".join(c if c.isalnum() else "-" for c in event_id)


def _plotlyjs(include_plotlyjs: PlotlyJs) -> str:
    """The script tag that loads plotly.js: inlined, and then run only when the page has no
    plotly.js yet (two charts on one page load it once), from the CDN or a URL, or none."""
    if include_plotlyjs is True:
        from plotly.offline import get_plotlyjs

        return f"<script>if (!window.Plotly) {{\n{get_plotlyjs()}\n}}</script>"
    if include_plotlyjs is False or include_plotlyjs == "none":
        return ""
    url = "https://cdn.plot.ly/plotly-{}.min.js" if include_plotlyjs == "cdn" else None
    if url is not None:
        from plotly.offline import get_plotlyjs_version

        url = url.format(get_plotlyjs_version())
    src = html.escape(url or str(include_plotlyjs), quote=True)
    return f'<script src="{src}" charset="utf-8"></script>'


def chart_html(fig: go.Figure, *, div_id: str = DIV_ID, include_plotlyjs: PlotlyJs = True) -> str:
    """The chart's ``<div>`` and scripts: plotly.js (see :func:`_plotlyjs`), the figure,
    and the script that fits it to narrow screens and links it to its list."""
    chart: str = pio.to_html(
        fig,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        post_script=_SCRIPT,
        config={"displaylogo": False, "responsive": True, "scrollZoom": False},
    )
    return _plotlyjs(include_plotlyjs) + chart


def snippet_id(fig: go.Figure, name: str = "") -> str:
    """A div id of its own for an embedded chart, the same for the same figure and name (so
    that a build writes the same bytes) and another for another chart on the same page.

    >>> snippet_id(go.Figure(), "a.html") != snippet_id(go.Figure(), "b.html")
    True
    """
    digest = zlib.crc32((name + fig.to_json()).encode("utf-8"))
    return f"{DIV_ID}-{digest:08x}"


def _points(fig: go.Figure) -> list[list[str]]:
    """Each drawn event's customdata, in the list's order (by date, then source)."""
    rows = [list(data) for trace in fig.data if trace.customdata for data in trace.customdata]
    return sorted(rows, key=lambda data: data[ORDER])


def event_list(fig: go.Figure, *, div_id: str = DIV_ID) -> str:
    """The chronological list of the chart's events: date at its precision, category chip,
    status, title; the sentence and its source on expand. Its texts come escaped."""
    items = []
    for data in _points(fig):
        status = data[STATUS]
        badge = f'<span class="tl-status">{status}</span>' if status != "done" else ""
        chip = html.unescape(data[CATEGORY])
        items.append(
            f'<li id="{div_id}-{data[ANCHOR]}" data-event="{data[ANCHOR]}">'
            f"<time>{data[WHEN]}</time>"
            f'<span class="tl-chip" style="--c: {colour(chip, by_category=True)}">'
            f"{data[CATEGORY]}</span>{badge}<span>{data[TITLE]}</span>"
            f"<details><summary>sentence and source</summary><q>{data[PLAIN_SENTENCE]}</q>"
            f'<span class="tl-source">{data[SOURCE]} · as written: {data[DATE_TEXT]}</span>'
            "</details></li>"
        )
    count = len(items)
    return (
        f'<section class="tl-list" data-chart="{div_id}"><h2>{count} '
        f"event{'s' if count != 1 else ''}, in order</h2><ol>{''.join(items)}</ol></section>"
    )


def _title(fig: go.Figure) -> str:
    """The page's title: the chart's, without its subtitle."""
    text = str(fig.layout.title.text or "Timeline").split("<br>", 1)[0]
    return text  # (escaped when the figure was made)


def page_html(fig: go.Figure, *, include_plotlyjs: PlotlyJs = True) -> str:
    """A standalone page: its title, the chart, and under it (first on a phone) the list of
    its events, linked both ways."""
    title = _title(fig)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{_STYLE}</style></head>
<body><h1 class="tl-phone-title">{title}</h1><main class="tl-page">
<div class="tl-chart">{chart_html(fig, include_plotlyjs=include_plotlyjs)}</div>
{event_list(fig)}
</main></body></html>
"""
