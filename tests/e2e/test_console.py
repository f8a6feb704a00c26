"""The console in a real browser: accessible (axe-core, WCAG 2.1 A and AA) on every page
in both languages, a hit reviewed with the keyboard alone, and its refusals."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx2
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings
from smartborder.domain import Role, Sex
from smartborder.domain.clock import utc_now
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from tests.e2e.conftest import shot
from tests.e2e.test_public_pages import WCAG_AA
from tests.factories import DOUGLAS, passenger
from tests.list_publisher import UN_XML, published
from tests.serving import served_app
from tests.web_console import PASSWORD, Planted, person, plant_hits, sharing, with_lookouts
from tests.web_goods import plant_goods
from tests.web_pages import with_waits

LISTED = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877", sex=Sex.MALE)


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Planted]]:
    lists = tmp_path_factory.mktemp("lists")
    # UN's list, published on loopback, is the one source an administrator may fetch;
    # the partner is a node in memory that holds a day of this node's entries.
    with published({"consolidated.xml": UN_XML}) as source:
        settings = load_settings(list_sources=f"un={source}", list_dir=lists / "fetched")
        node = bootstrap_memory(settings)
        sharing(node, bootstrap_memory())
        node = with_waits(with_lookouts(node, lists))
        with served_app(create_app(node)) as base, httpx2.Client(base_url=base) as client:
            planted = plant_hits(node, client)
            plant_goods(node, client)
            person(node, "ana", Role.ANALYST)
            person(node, "oli", Role.OFFICER)
            person(node, "sam", Role.SUPERVISOR)
            person(node, "ada", Role.ADMIN)
            yield base, planted


def keyboard_to(page: Page, text: str, limit: int = 60) -> None:
    """Press Tab until the focus is on the control whose text or label is ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent)"
            ".trim(); })()"
        )
        if focused == text:
            return
    raise AssertionError(f"{limit} tabs did not reach {text!r}")


def sign_in_by_keyboard(page: Page, site: str, lang: str = "en", name: str = "ana") -> None:
    page.goto(site + ("/en/console/hits" if lang == "en" else "/fr/console/alertes"))
    keyboard_to(page, "User name" if lang == "en" else "Nom d’utilisateur")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def state_purpose_by_keyboard(page: Page) -> None:
    page.locator("#purpose").focus()
    page.keyboard.type("targeting of today's arrivals")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_every_console_page_has_no_wcag_violation_in_either_language(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, planted = console
    axe = Axe()

    def check(what: str) -> None:
        found = axe.run(page, options=WCAG_AA)
        assert found.violations_count == 0, f"{what}: {found.generate_report()}"

    for lang, hits in (("en", "/en/console/hits"), ("fr", "/fr/console/alertes")):
        page.context.clear_cookies()
        page.goto(site + hits)
        check(f"{lang} sign-in")
        with page.expect_navigation():  # nothing filled in: two errors
            page.locator("button[type=submit]").last.click()
        check(f"{lang} sign-in with errors")
        sign_in_by_keyboard(page, site, lang, "sam")  # a supervisor sees every page
        check(f"{lang} purpose")
        state_purpose_by_keyboard(page)
        check(f"{lang} hit queue")
        shot(page, f"hit-queue-{lang}")
        page.goto(f"{site}{hits}/{planted.tomorrow}")
        check(f"{lang} hit")
        with page.expect_navigation():
            page.locator("#dispose ~ form button[type=submit]").click()
        check(f"{lang} hit with errors")
        shot(page, f"hit-{lang}")
        page.goto(f"{site}{hits}/{planted.partner}")
        check(f"{lang} another agency's hit")
        page.goto(site + ("/en/console" if lang == "en" else "/fr/console"))
        check(f"{lang} console")
        flights = "/en/console/flights" if lang == "en" else "/fr/console/vols"
        page.goto(site + flights)
        check(f"{lang} flights")
        with page.expect_navigation():
            page.locator("table.flights a").first.click()
        check(f"{lang} a flight")
        page.goto(site + ("/en/console/booth" if lang == "en" else "/fr/console/guichet"))
        check(f"{lang} booth")
        page.goto(site + ("/en/console/audit" if lang == "en" else "/fr/console/journal"))
        check(f"{lang} audit log")
        # The port's own day of the fixture's waits: its staffing plan is shown.
        douglas_day = utc_now().astimezone(ZoneInfo(DOUGLAS.timezone)).date()
        page.goto(site + f"/{lang}/console/operations?port=813&date={douglas_day}")
        assert page.locator("table.plan").count() == 1
        check(f"{lang} operations")
        shot(page, f"operations-{lang}")
        page.goto(site + ("/en/console/lists" if lang == "en" else "/fr/console/listes"))
        check(f"{lang} lists")
        page.goto(site + ("/en/console/sharing" if lang == "en" else "/fr/console/echange"))
        check(f"{lang} sharing")
        goods = "/en/console/goods" if lang == "en" else "/fr/console/marchandises"
        page.goto(f"{site}{goods}?port=813")
        check(f"{lang} goods")
        shot(page, f"goods-{lang}")
        with page.expect_navigation():
            page.locator("table.exams a").first.click()
        check(f"{lang} a shipment")
        with page.expect_navigation():  # nothing chosen: the outcome's error
            page.locator("#record ~ form button[type=submit]").click()
        check(f"{lang} a shipment with errors")
        shot(page, f"shipment-{lang}")
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
        page.goto(f"{site}{goods}?port=813&date={tomorrow}")  # no queue yet: build it
        with page.expect_navigation():  # no capacity given: its error
            page.locator("#build ~ form button[type=submit]").click()
        check(f"{lang} a queue to build, with errors")
        page.goto(f"{site}{goods}?port=NOPE")
        check(f"{lang} goods of an unknown port")


def test_a_hit_is_reviewed_and_disposed_of_with_the_keyboard_alone(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, planted = console
    sign_in_by_keyboard(page, site)
    state_purpose_by_keyboard(page)
    assert page.url == site + "/en/console/hits"
    keyboard_to(page, "GRACE OKAFOR")  # the soonest arrival, first in the queue
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site}/en/console/hits/{planted.today}"
    keyboard_to(page, "Confirmed")
    page.keyboard.press("Space")
    keyboard_to(page, "Note")
    page.keyboard.type("Same person: birth date and passport agree.")
    keyboard_to(page, "Record the disposition")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site + "/en/console/hits?done=")
    assert page.get_by_role("status").is_visible()
    page.goto(f"{site}/en/console/hits/{planted.today}")
    assert (
        "Same person: birth date and passport agree." in page.locator("dl.facts").first.inner_text()
    )


def test_the_toggle_keeps_the_console_page_and_a_form_without_its_token_is_refused(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, planted = console
    sign_in_by_keyboard(page, site)
    state_purpose_by_keyboard(page)
    page.goto(f"{site}/en/console/hits/{planted.tomorrow}")
    page.get_by_role("link", name="Français").click()
    assert page.url == f"{site}/fr/console/alertes/{planted.tomorrow}"
    page.evaluate("document.querySelector('#dispose ~ form input[name=csrf]').remove()")
    page.locator("#status-dismissed").check()
    page.locator("#note").fill("not our subject")
    with page.expect_navigation():
        page.locator("#dispose ~ form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Le formulaire n’a pas pu être accepté"
    page.goto(f"{site}/fr/console/alertes/{planted.tomorrow}")
    assert "Ouverte" in page.locator("dl.facts").first.inner_text()  # nothing recorded


def test_another_agencys_hit_by_its_address_is_not_found(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, planted = console
    sign_in_by_keyboard(page, site)
    state_purpose_by_keyboard(page)
    answer = page.goto(f"{site}/en/console/hits/{planted.partner}")
    assert answer is not None and answer.status == 404
    assert page.locator("h1").inner_text() == "We could not find that hit"


def test_the_booth_decides_on_the_readers_last_keystroke(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, _ = console
    page.goto(site + "/en/console/booth")
    page.locator("#name").fill("oli")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#password").press("Enter")
    page.locator("#port").fill("813")
    page.locator("#mrz").focus()
    first, second = generate_mrz(mrz_data_of(LISTED))
    page.keyboard.type(first)  # a keyboard-wedge reader: each line, then Enter
    page.keyboard.press("Enter")
    page.keyboard.type(second)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").inner_text().startswith("refer to secondary: SAMIR HADDAD")
    found = Axe().run(page, options=WCAG_AA)
    assert found.violations_count == 0, found.generate_report()
    shot(page, "booth-en")
    assert page.evaluate("document.activeElement.id") == "mrz"  # ready for the next one


def test_an_administrator_loads_a_new_version_of_a_list_with_the_keyboard_alone(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, _ = console
    axe = Axe()
    for lang, lists, done in (
        ("en", "/en/console/lists", "Loaded"),
        ("fr", "/fr/console/listes", "Inchangée"),  # the same file again: nothing to load
    ):
        page.context.clear_cookies()
        page.goto(site + lists)
        keyboard_to(page, "User name" if lang == "en" else "Nom d’utilisateur")
        page.keyboard.type("ada")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == site + lists
        found = axe.run(page, options=WCAG_AA)
        assert found.violations_count == 0, f"{lang} lists, the form: {found.generate_report()}"
        keyboard_to(
            page, "Fetch and load now" if lang == "en" else "Télécharger et charger maintenant"
        )
        with page.expect_navigation():
            page.keyboard.press("Enter")
        for _ in range(100):  # the fetch runs after the answer: see it end
            if done in page.locator("#sources ~ table").first.inner_text():
                break
            page.wait_for_timeout(100)
            page.reload()
        assert done in page.locator("#sources ~ table").first.inner_text()
        found = axe.run(page, options=WCAG_AA)
        assert found.violations_count == 0, f"{lang} lists, fetched: {found.generate_report()}"
        shot(page, f"lists-{lang}")


def test_an_examination_outcome_is_recorded_with_the_keyboard_alone(
    page: Page, console: tuple[str, Planted]
) -> None:
    site, _ = console
    page.goto(site + "/en/console/goods?port=813")  # sign in, state a purpose, come back
    keyboard_to(page, "User name")
    page.keyboard.type("oli")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    state_purpose_by_keyboard(page)
    assert page.url == site + "/en/console/goods?port=813"
    first = page.locator("table.exams tbody a").first.inner_text()
    keyboard_to(page, first)  # the queue comes before the day's trips
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == f"Shipment {first}"
    keyboard_to(page, "Compliant")
    page.keyboard.press("ArrowDown")  # the next outcome of the group: a finding
    assert page.locator("#outcome-illicit").is_checked()
    keyboard_to(page, "Revenue raised")
    page.keyboard.press("Control+A")
    page.keyboard.type("120.50")
    keyboard_to(page, "Findings")
    page.keyboard.type("Undervalued: a second invoice in the cab.")
    keyboard_to(page, "Record the outcome")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/en/console/goods?port=813&date=" in page.url and "&done=" in page.url
    assert page.get_by_role("status").is_visible()
    recorded = page.locator("table.exams tr", has_text=first).inner_text()
    assert "Illicit: a finding" in recorded and "120.50" in recorded
    found = Axe().run(page, options=WCAG_AA)
    assert found.violations_count == 0, found.generate_report()
