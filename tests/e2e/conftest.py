"""Headless Chromium (Debian's package, which Playwright drives by its path: it cannot
download its own browser here) on the node's pages served over loopback HTTP."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from tests.serving import served_app
from tests.web_pages import with_waits

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:  # .ci/run installs it; a developer's machine may not have it
        pytest.fail("the browser tests need Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with served_app(create_app(with_waits(bootstrap_memory()))) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


#: Where the README's screenshots are written, when set (``make screenshots``).
SCREENSHOTS = os.environ.get("SMARTBORDER_SCREENSHOTS")


def shot(page: Page, name: str) -> None:
    """The page as the README shows it, saved when ``SMARTBORDER_SCREENSHOTS`` is set."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
