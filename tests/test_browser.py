"""The timeline as a person sees it: opened in headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import build

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"

PLOT = "#timeline .cartesianlayer .subplot.xy"  # the main plot, not the range slider's copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_for(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")

    def open_page(source: Path):
        result = build(source)
        path = result.write(folder / f"{source.stem}.html")
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline .main-svg")
        return result, page, errors

    return open_page


def test_browser_renders_every_event_without_errors(page_for) -> None:
    result, page, errors = page_for(EXAMPLE)
    points = page.locator(f"{PLOT} .scatterlayer .point").count()
    bars = page.locator(f"{PLOT} .barlayer .point").count()
    assert points + bars == result.events.height
    assert errors == []
    page.close()


def test_browser_hover_shows_the_sentence(page_for) -> None:
    result, page, _ = page_for(EXAMPLE)
    marker = page.locator(f"{PLOT} .scatterlayer .point").first
    box = marker.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext")
    hover = " ".join((page.locator(".hoverlayer").text_content() or "").split())
    days = result.events.filter(result.events["granularity"] == "day")
    shown = [s for s in days["sentence"].to_list() if " ".join(s.split()[:4]) in hover]
    assert len(shown) == 1, hover
    page.close()


def test_browser_legend_click_hides_a_lane(page_for) -> None:
    _, page, _ = page_for(EXAMPLE)
    before = (
        page.locator(f"{PLOT} .barlayer .point").count()
        + page.locator(f"{PLOT} .scatterlayer .point").count()
    )
    page.locator("#timeline .legend .traces .legendtoggle").first.click(force=True)
    page.wait_for_timeout(1000)  # plotly waits out a possible double click
    after = (
        page.locator(f"{PLOT} .barlayer .point").count()
        + page.locator(f"{PLOT} .scatterlayer .point").count()
    )
    assert after < before
    page.close()


def test_browser_article_script_does_not_run(page_for) -> None:
    _, page, errors = page_for(ROOT / "tests" / "fixtures" / "xss.md")
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("img[src=x]").count() == 0
    assert errors == []
    page.close()
