"""Make the README's pictures: build each shipped example's timeline (and, when it is beside
the clone, the shared article of ../shared/corpora/article/ at 2024-01-25) and photograph its
page in Chromium at laptop (1440 px) and phone (390 px) width, with its static PNG and SVG.

Run: python examples/screenshot.py  (needs Debian's chromium and the dev extra's playwright)
Writes examples/screenshots/NAME-1440.png, NAME-390.png, NAME.png and NAME.svg.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

import timeline
from timeline.render import write_images

here = Path(__file__).parent
shots = here / "screenshots"
shared = here.parent.parent / "shared" / "corpora" / "article" / "xiaohongshu-2023.txt"
SOURCES: list[tuple[str, Path, date | None]] = [
    ("lanting-2023-review", here / "lanting-2023-review.md", None),
    ("lanting-news", here / "lanting-news", None),
    ("orbit-press-release", here / "orbit-press-release.txt", None),
]
if shared.exists():
    SOURCES.append(("shared-article", shared, date(2024, 1, 25)))


def main() -> None:
    shots.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        for name, source, ref in SOURCES:
            result = timeline.build(source, reference_date=ref)
            page_path = result.write(Path(tmp) / f"{name}.html")
            for width in (1440, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_path.resolve().as_uri())
                page.wait_for_selector("#timeline .main-svg")
                page.wait_for_timeout(300)
                page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
                page.close()
            write_images(
                result.figure(), [(shots / f"{name}.png", None), (shots / f"{name}.svg", None)]
            )
            print(f"{name}: {result.events.height} events")
        browser.close()
    # the README's first picture
    (here / "lanting-timeline.png").write_bytes((shots / "lanting-2023-review.png").read_bytes())


if __name__ == "__main__":
    main()
