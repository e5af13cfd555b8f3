"""Make the README's picture: build the example's timeline and photograph it in Chromium.

Run: python examples/screenshot.py  (needs Debian's chromium and the dev extra's playwright)
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

import timeline

here = Path(__file__).parent
page_path = here.parent / "output" / "timeline.html"
timeline.build(here / "lanting-2023-review.md").write(page_path)

with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("#timeline .main-svg")
    page.screenshot(path=str(here / "lanting-timeline.png"), full_page=True)
    browser.close()
