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
        page = browser.new_page(viewport={"width": 1440, "height": 900})
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
    sentences = result.events["sentence"].to_list()
    shown = [s for s in sentences if " ".join(s.split()[:4]) in hover]
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


def _labels_seen(page) -> list[str]:
    """The labels drawn as text in the main plot, inside its area (not clipped away)."""
    area = page.locator("#timeline .draglayer .xy .nsewdrag").first.bounding_box()
    seen = []
    for text in page.locator(f"{PLOT} .scatterlayer .textpoint text").all():
        box = text.bounding_box()
        if box and area and box["x"] >= area["x"] - 1 and box["x"] < area["x"] + area["width"]:
            seen.append(text.text_content() or "")
    return [t for t in seen if t.strip()]


@pytest.mark.parametrize(
    "source",
    [EXAMPLE, ROOT / "examples" / "orbit-press-release.txt", ROOT / "examples" / "lanting-news"],
)
def test_browser_labels_most_events_as_text(page_for, source: Path) -> None:
    result, page, _ = page_for(source)
    labels = _labels_seen(page)
    assert len(labels) >= 0.8 * result.events.height, labels
    assert all(" · " in label for label in labels)  # a date, then the title
    page.close()


def _labels_overlap(page) -> int:
    boxes = [
        b
        for t in page.locator(f"{PLOT} .scatterlayer .textpoint text").all()
        if (b := t.bounding_box()) is not None and b["width"] > 0
    ]
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["width"] - 1
        and b["x"] < a["x"] + a["width"] - 1
        and a["y"] < b["y"] + b["height"] - 2
        and b["y"] < a["y"] + a["height"] - 2
    )


def test_browser_labels_do_not_overprint(page_for) -> None:
    _, page, _ = page_for(EXAMPLE)
    assert _labels_overlap(page) == 0
    page.close()


def test_browser_every_range_button_shows_an_event(page_for) -> None:
    _, page, _ = page_for(EXAMPLE)
    buttons = page.locator("#timeline .updatemenu-button")
    assert buttons.count() >= 2
    for index in range(buttons.count()):
        buttons.nth(index).click(force=True)
        page.wait_for_timeout(400)
        area = page.locator("#timeline .draglayer .xy .nsewdrag").first.bounding_box()
        assert area is not None
        inside = [
            box
            for point in page.locator(f"{PLOT} .scatterlayer .point").all()
            if (box := point.bounding_box()) is not None
            and area["x"] <= box["x"] + box["width"] / 2 <= area["x"] + area["width"]
        ]
        assert inside, f"button {index} opens on an empty window"
    page.close()
