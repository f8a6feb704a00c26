"""The rules pages in a real browser, in both languages: a draft with mistakes shown at
their lines, saved once corrected, backtested (table and chart), made live; each page
without a WCAG 2.1 A or AA violation."""

from collections.abc import Iterator

import httpx2
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from smartborder.domain import Role
from tests.e2e.conftest import shot
from tests.e2e.test_console import sign_in_by_keyboard
from tests.e2e.test_public_pages import WCAG_AA
from tests.integration.web.test_console_rules import DRAFT, TWO_MISTAKES
from tests.serving import served_app
from tests.web_console import person, plant_hits, with_lookouts


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    node = with_lookouts(bootstrap_memory(), tmp_path_factory.mktemp("lists"))
    with served_app(create_app(node)) as base, httpx2.Client(base_url=base) as client:
        plant_hits(node, client)
        person(node, "sam", Role.SUPERVISOR)
        yield base


@pytest.mark.parametrize(
    ("lang", "rules", "mistakes", "saved", "live"),
    [
        ("en", "/en/console/rules", "2 mistakes in the draft", "Run the backtest", "is live"),
        ("fr", "/fr/console/regles", "2 erreurs dans l’ébauche", "Lancer l’essai", "en service"),
    ],
)
def test_a_draft_is_corrected_saved_backtested_and_made_live(
    page: Page, site: str, lang: str, rules: str, mistakes: str, saved: str, live: str
) -> None:
    axe = Axe()

    def check(what: str) -> None:
        found = axe.run(page, options=WCAG_AA)
        assert found.violations_count == 0, f"{lang} {what}: {found.generate_report()}"

    sign_in_by_keyboard(page, site, lang, "sam")
    page.goto(site + rules)
    check("rules")
    page.locator("#source").fill(TWO_MISTAKES)
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").click()
    assert page.locator("#problems-title").inner_text() == mistakes
    assert page.locator("ol.source li.problem").count() == 2
    check("a draft with mistakes")
    shot(page, f"rules-mistakes-{lang}")
    page.locator("#source").fill(DRAFT.replace("from-lbn", f"from-lbn-{lang}"))
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").click()
    assert page.locator("#backtest ~ form button").inner_text() == saved
    check("a saved draft")
    page.locator("#since").fill("2020-01-01")
    page.locator("#until").fill("")  # through tomorrow's flight too
    with page.expect_navigation():
        page.locator("#backtest ~ form button").click()
    assert page.locator("figure.backtest svg rect").count() == 1
    assert page.locator("table.backtest-figures tbody td").first.inner_text() == "1", page.locator(
        "main"
    ).inner_text()
    check("a backtest")
    shot(page, f"backtest-{lang}")
    with page.expect_navigation():
        page.locator("form[action$=activate] button, form[action$=activer] button").click()
    assert live in page.get_by_role("status").inner_text()
    check("a version made live")
