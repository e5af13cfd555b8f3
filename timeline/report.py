"""Reports: one self-contained HTML page, and Markdown with a PNG, for people who paste
into documents.

The HTML report holds the summary, the interactive chart, the count per category, and the
event table (click a heading to sort, type to filter) whose rows link to their source
sentences below it. Every text from an article is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.io import Outputs, write_text
from timeline.page import event_anchor
from timeline.render import to_html

if TYPE_CHECKING:
    from timeline.pipeline import Timeline

_STYLE = """
body { font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto;
       max-width: 1400px; padding: 0 1rem; color: #222; }
h1 { font-weight: 600; } h2 { margin-top: 2.5rem; font-weight: 600; }
pre.summary { background: #f6f6f6; padding: 1rem; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left;
         vertical-align: top; }
th { cursor: pointer; background: #fafafa; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
#events td:first-child { white-space: nowrap; }
input#filter { width: 24rem; padding: 0.4rem; margin: 0.5rem 0; }
.sources li { margin-bottom: 0.6rem; }
.sources :target, .sources .tl-hit { background: #fff3c4; }
.muted { color: #666; }
"""

_SCRIPT = """
(function () {
  var table = document.getElementById("events");
  var body = table.tBodies[0];
  document.getElementById("filter").addEventListener("input", function (e) {
    var needle = e.target.value.toLowerCase();
    var shown = [];
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = needle && row.textContent.toLowerCase().indexOf(needle) < 0;
      if (!row.hidden) { shown.push(row.getAttribute("data-anchor")); }
    });
    var chart = document.getElementById("timeline");  // the chart shows what the table does
    if (chart && chart.timelineShow) { chart.timelineShow(needle ? shown : null); }
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.key || a.cells[column].textContent;
        var y = b.cells[column].dataset.key || b.cells[column].textContent;
        return ascending ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def html_report(timeline: Timeline) -> str:
    """The HTML report as a string (plotly.js inlined: it works offline)."""
    frame = timeline.events
    title = timeline.title or "Timeline report"
    ranked = timeline.category_counts()
    rows = []
    sources = []
    for row in frame.iter_rows(named=True):
        anchor = event_anchor(row["event_id"], "src-")
        interval = row["date_start"].isoformat()
        if row["date_end"] != row["date_start"]:
            interval += f" – {row['date_end'].isoformat()}"
        rows.append(
            f'<tr data-anchor="{event_anchor(row["event_id"])}">'
            f'<td data-key="{row["date_start"].isoformat()}">{_e(interval)}</td>'
            f"<td>{_e(row['date_text'])}</td>"
            f"<td>{_e(row['category'])}</td>"
            f"<td>{_e(row['title'])}</td>"
            f"<td>{_e('; '.join(row['actors']))}</td>"
            f'<td><a href="#{anchor}">{_e(row["doc_id"])}</a></td>'
            "</tr>"
        )
        where = "; ".join(row["sources"])
        sources.append(
            f'<li id="{anchor}" data-event="{event_anchor(row["event_id"])}">'
            f"<q>{_e(row['sentence'])}</q> "
            f'<span class="muted">— {_e(where)}</span></li>'
        )
    category_rows = "".join(f"<tr><td>{_e(c)}</td><td>{n}</td></tr>" for c, n in ranked)
    chart = to_html(timeline.figure(), include_plotlyjs=True, full_html=False)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>{_e(title)}</h1>
<pre class="summary">{_e(timeline.summary())}</pre>
<h2>Timeline</h2>
{chart}
<h2>Events per category</h2>
<table id="categories"><thead><tr><th>category</th><th>events</th></tr></thead>
<tbody>{category_rows}</tbody></table>
<h2>Events</h2>
<input id="filter" type="search" placeholder="Filter events…" aria-label="Filter events">
<table id="events"><thead><tr><th>date</th><th>as written</th><th>category</th><th>title</th>
<th>actors</th><th>source</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2>Sources</h2>
<ol class="sources" data-chart="timeline">{"".join(sources)}</ol>
<script>{_SCRIPT}</script>
</body></html>
"""


def _md(value: object) -> str:
    text = " ".join(str(value or "").split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_report(timeline: Timeline, *, image: str | None) -> str:
    """The Markdown report: summary, the PNG (when one was drawn), counts, the events."""
    frame = timeline.events
    lines = [
        f"# {_md(timeline.title or 'Timeline report')}",
        "",
        "```",
        timeline.summary(),
        "```",
        "",
    ]
    if image:
        lines += [f"![Timeline]({image})", ""]
    lines += ["| category | events |", "|---|---|"]
    lines += [f"| {_md(c)} | {n} |" for c, n in timeline.category_counts()]
    lines += ["", "| date | as written | category | title | source |", "|---|---|---|---|---|"]
    for row in frame.iter_rows(named=True):
        interval = row["date_start"].isoformat()
        if row["date_end"] != row["date_start"]:
            interval += f" – {row['date_end'].isoformat()}"
        lines.append(
            f"| {interval} | {_md(row['date_text'])} | {_md(row['category'])} | "
            f"{_md(row['title'])} | {_md('; '.join(row['sources']))} |"
        )
    return "\n".join(lines) + "\n"


REPORT_FILES = ("report.html", "report.md", "timeline.png")


def stage_report(outputs: Outputs, folder: str | Path) -> dict[str, Path]:
    """Check the report's files in ``folder`` and make their temporary files in
    ``outputs``, before any work: report.html, report.md and, when a browser can draw it,
    timeline.png. Returns where to write each, by name."""
    from timeline.render import find_browser

    names = REPORT_FILES if find_browser() else REPORT_FILES[:2]
    return {name: outputs.add(Path(folder) / name) for name in names}


def write_staged_report(timeline: Timeline, staged: dict[str, Path]) -> None:
    """Write the report into the temporary files :func:`stage_report` made."""
    write_text(staged["report.html"], html_report(timeline))
    image = "timeline.png" if "timeline.png" in staged else None
    if image is not None:
        timeline.write(staged["timeline.png"], "png")
    write_text(staged["report.md"], markdown_report(timeline, image=image))


def write_report(timeline: Timeline, folder: str | Path) -> list[Path]:
    """Write report.html, report.md and, when a browser can draw it, timeline.png, all
    together or (after an error) none."""
    with Outputs() as outputs:
        staged = stage_report(outputs, folder)
        write_staged_report(timeline, staged)
        outputs.publish()
    return [Path(folder) / name for name in staged]
