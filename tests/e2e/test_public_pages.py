"""The public pages in a real browser: accessible (axe-core, WCAG 2.1 A and AA), usable
with the keyboard, in both languages, and printable without the site's chrome."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings
from tests.e2e.conftest import shot
from tests.serving import served_app
from tests.web_pages import with_waits

PAGES = [
    "/",
    "/en/wait-times",
    "/fr/temps-attente",
    "/en/wait-times/813",
    "/fr/temps-attente/813",
    "/en/wait-times/9999",  # a crossing this node does not know: a page that says so
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_has_no_wcag_2_1_a_or_aa_violation(page: Page, site: str, path: str) -> None:
    page.goto(site + path)
    if path == "/fr/temps-attente/813":
        shot(page, "crossing-fr")
    found = Axe().run(page, options=WCAG_AA)
    assert found.violations_count == 0, found.generate_report()


def test_the_first_tab_reaches_the_skip_link_and_it_leads_to_the_main_content(
    page: Page, site: str
) -> None:
    page.goto(site + "/en/wait-times")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip a").first.is_visible()  # shown when it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_language_toggle_keeps_the_page(page: Page, site: str) -> None:
    page.goto(site + "/en/wait-times/813")
    page.get_by_role("link", name="Français").click()
    assert page.url == site + "/fr/temps-attente/813"
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="English").click()
    assert page.url == site + "/en/wait-times/813"


def test_a_printed_wait_times_page_has_no_navigation_chrome(page: Page, site: str) -> None:
    page.goto(site + "/fr/temps-attente")
    page.emulate_media(media="print")
    for chrome in (".skip", ".toggle", "footer", ".top"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("table.waits").is_visible()


@pytest.fixture(scope="module")
def cbp_site() -> Iterator[str]:
    node = bootstrap_memory(load_settings(environment="development", agency="CBP"))
    with served_app(create_app(with_waits(node))) as base:
        yield base


@pytest.mark.parametrize("path", ["/en/wait-times", "/fr/temps-attente/813"])
def test_a_cbp_node_wears_uswds_and_is_as_accessible(page: Page, cbp_site: str, path: str) -> None:
    page.goto(cbp_site + path)
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Public Sans"')  # USWDS's typeface, vendored with its licence
    loaded = page.evaluate("document.fonts.load('700 16px \"Public Sans\"').then(f => f.length)")
    assert loaded == 1  # its bold face, served from this node
    found = Axe().run(page, options=WCAG_AA)
    assert found.violations_count == 0, found.generate_report()
    if path == "/en/wait-times":
        shot(page, "wait-times-cbp")


def test_a_cbsa_node_wears_the_gc_design_systems_tokens(page: Page, site: str) -> None:
    page.goto(site + "/en/wait-times")
    link = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--link')")
    assert link.strip() == "#284162"  # --gcds-link-default, from the vendored tokens
