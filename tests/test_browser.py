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


@pytest.mark.parametrize(
    "source",
    [EXAMPLE, ROOT / "examples" / "orbit-press-release.txt", ROOT / "examples" / "lanting-news"],
)
def test_browser_labels_do_not_overprint(page_for, source: Path) -> None:
    _, page, _ = page_for(source)
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


def _open(browser, path: Path, width: int = 1440):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector(".main-svg")
    return page, errors


def test_browser_list_and_chart_link_both_ways(page_for) -> None:
    result, page, _ = page_for(EXAMPLE)
    entries = page.locator(".tl-list li[data-event]")
    assert entries.count() == result.events.height
    dates = [e.locator("time").text_content() for e in entries.all()]
    assert dates[0] == "Feb 2023" and "10 Nov 2023" in dates  # in order, at its precision
    # a click on a mark opens its entry
    marker = page.locator(f"{PLOT} .scatterlayer .point").nth(3)
    box = marker.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hit = page.locator(".tl-list li.tl-hit")
    hit.wait_for()
    assert hit.locator("details").get_attribute("open") is not None
    # hovering an entry shows its mark's hover
    entry = entries.nth(5)
    title = entry.locator("span").last.text_content() or ""
    page.mouse.move(0, 0)
    entry.hover()
    page.wait_for_selector(".hoverlayer .hovertext")
    assert title[:20] in (page.locator(".hoverlayer").text_content() or "")
    page.close()


def test_browser_phone_puts_the_list_first_and_keeps_the_plot_wide(browser, tmp_path) -> None:
    path = build(EXAMPLE).write(tmp_path / "t.html")
    page, errors = _open(browser, path, width=390)
    chart = page.locator(".tl-chart").bounding_box()
    listing = page.locator(".tl-list").bounding_box()
    assert chart and listing and listing["y"] < chart["y"]  # the list comes first
    plot = page.locator("#timeline .draglayer .xy .nsewdrag").first.bounding_box()
    assert plot is not None and plot["width"] >= 250, plot
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    sizes = page.evaluate(
        """Array.from(document.querySelectorAll('#timeline text, .tl-list li'))
           .filter(e => e.getBoundingClientRect().width > 0 && e.textContent.trim())
           .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert min(sizes) >= 12, sorted(sizes)[:5]
    assert page.locator("title").text_content() == "Lanting's 2023 in review"
    assert errors == []
    page.close()


def test_browser_two_embeds_on_one_page_both_draw(browser, tmp_path) -> None:
    one = build(EXAMPLE).write(tmp_path / "one.html", "embed").read_text(encoding="utf-8")
    two_source = ROOT / "examples" / "orbit-press-release.txt"
    two = build(two_source).write(tmp_path / "two.html", "embed").read_text(encoding="utf-8")
    page_path = tmp_path / "report.html"
    page_path.write_text(
        f"<!doctype html><html><body><h1>Report</h1>{one}<p>Between</p>{two}</body></html>",
        encoding="utf-8",
    )
    page, errors = _open(browser, page_path)
    page.wait_for_function("document.querySelectorAll('.main-svg').length >= 4")
    drawn = page.evaluate(
        """Array.from(document.querySelectorAll('div[id^="timeline-"]'))
           .map(d => d.querySelectorAll('.scatterlayer .point').length)"""
    )
    assert len(drawn) == 2 and all(n > 0 for n in drawn), drawn
    # the page scrolls under a chart: the wheel does not zoom it
    before = page.evaluate("document.querySelector('div[id^=\"timeline-\"]').layout.xaxis.range")
    page.mouse.move(700, 400)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(300)
    after = page.evaluate("document.querySelector('div[id^=\"timeline-\"]').layout.xaxis.range")
    assert before == after
    assert errors == []
    page.close()


def test_browser_report_filter_filters_the_chart(browser, tmp_path) -> None:
    from timeline.report import write_report

    (path, *_) = [p for p in write_report(build(EXAMPLE), tmp_path / "r") if p.suffix == ".html"]
    page, errors = _open(browser, path)
    page.fill("#filter", "Double 11")
    page.wait_for_timeout(500)
    kept = page.evaluate(
        """(() => { const gd = document.getElementById('timeline');
           return gd.data.filter(t => t.customdata)
             .map(t => t.selectedpoints === null || t.selectedpoints === undefined
                  ? t.customdata.length : t.selectedpoints.length)
             .reduce((a, b) => a + b, 0); })()"""
    )
    rows = page.locator("#events tbody tr:not([hidden])").count()
    assert kept == rows and 0 < rows < build(EXAMPLE).events.height
    page.fill("#filter", "")
    page.wait_for_timeout(300)
    # a click on an event opens its source sentence
    marker = page.locator(f"{PLOT} .scatterlayer .point").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".sources li.tl-hit").wait_for()
    assert errors == []
    page.close()


def test_browser_a_category_keeps_its_colour_across_two_builds(browser, tmp_path) -> None:
    def swatches(source: Path) -> dict[str, str]:
        page, _ = _open(browser, build(source).write(tmp_path / f"{source.stem}.html"))
        found = page.evaluate(
            """Array.from(document.querySelectorAll('#timeline .legend .traces'))
               .map(t => [t.querySelector('.legendtext').textContent,
                          getComputedStyle(t.querySelector('.legendpoints path')).fill])"""
        )
        page.close()
        return dict(found)

    one = swatches(EXAMPLE)
    two = swatches(ROOT / "examples" / "orbit-press-release.txt")
    shared = set(one) & set(two)
    assert {"launch", "personnel", "promotion"} <= shared
    assert all(one[name] == two[name] for name in shared), (one, two)
    assert len(set(one.values())) == len(one)  # and lanes of one chart differ


def test_browser_a_note_tells_what_lies_outside_the_first_view_until_it_is_shown(
    browser, tmp_path
) -> None:
    path = build(ROOT / "examples" / "orbit-press-release.txt").write(tmp_path / "o.html")
    page, errors = _open(browser, path)
    note = page.locator("#timeline .annotation-text", has_text="◀ 2014")
    assert note.count() == 1
    page.locator("#timeline .updatemenu-button", has_text="all").click(force=True)
    page.wait_for_timeout(600)
    assert page.locator("#timeline .annotation-text", has_text="◀ 2014").count() == 0
    assert errors == []
    page.close()
