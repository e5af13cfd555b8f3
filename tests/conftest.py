"""Shared fixtures: pinned reference dates, golden-file helpers, the browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")

# no deadline: the first written-out date loads dateparser (a third of a second), once
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def reference() -> date:
    """The reference date most tests resolve against (a Thursday)."""
    return date(2024, 1, 25)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Debian's chromium: skipped when absent, a failure when the test command
    (TIMELINE_REQUIRE_BROWSER=1) said it must be there."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"chromium not found at {CHROMIUM}; apt-get install -y chromium")
        pytest.skip(f"chromium not found at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright. Skipped when chromium is absent, unless
    TIMELINE_REQUIRE_BROWSER=1 (set by the test command), which makes that a failure."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"chromium not found at {CHROMIUM}; apt-get install -y chromium")
        pytest.skip(f"chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


# data, not tests: the test-only language pack's code.py is loaded by the pack loader
collect_ignore_glob = ["fixtures/*"]
