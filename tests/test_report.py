"""timeline report: the HTML and Markdown reports, read as files and in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import build
from timeline.cli import cli
from timeline.report import html_report, markdown_report

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"
XSS = Path(__file__).parent / "fixtures" / "xss.md"


def test_report_html_has_every_part() -> None:
    result = build(EXAMPLE)
    page = html_report(result)
    assert page.count("<td data-key=") == result.events.height
    assert 'id="events"' in page
    assert 'id="categories"' in page
    assert page.count('<li id="src-') == result.events.height
    assert 'id="timeline"' in page


def test_report_escapes_article_text() -> None:
    page = html_report(build(XSS))
    assert "<script>window.__xss" not in page
    assert "<img src=x" not in page
    markdown = markdown_report(build(XSS), image=None)
    assert "<script>" in markdown  # Markdown is text; the renderer escapes it
    assert "| " in markdown


def test_report_cli_writes_three_files(tmp_path: Path, chromium: str, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.html",
        "report.md",
        "timeline.png",
    ]
    assert "![Timeline](timeline.png)" in (tmp_path / "report.md").read_text()


@pytest.mark.browser
def test_report_filters_and_sorts_in_a_browser(browser, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(html_report(build(EXAMPLE)), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector("#timeline .main-svg")
    rows = page.locator("#events tbody tr")
    total = rows.count()
    page.fill("#filter", "self-operated store")
    assert page.locator("#events tbody tr:not([hidden])").count() == 1
    page.fill("#filter", "")
    page.locator("#events th", has_text="category").click()
    categories = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(total)]
    assert categories == sorted(categories)
    assert errors == []
    page.close()
