"""The trusted-traveller pages in a real browser: accessible (axe-core, WCAG 2.1 A and
AA) in both languages, and the applicants' status page used with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from smartborder.domain import Role
from smartborder.domain.applications import EnrolmentCentre
from tests.e2e.conftest import shot
from tests.e2e.test_console import sign_in_by_keyboard, state_purpose_by_keyboard
from tests.e2e.test_public_pages import WCAG_AA
from tests.serving import served_app
from tests.web_console import person
from tests.web_programmes import booked, suspended_asking_review


@pytest.fixture(scope="module")
def programmes() -> Iterator[tuple[str, str, str]]:
    """A node with a member suspended and asking for a review, and an applicant booked:
    the site, the member's application and the booked applicant's."""
    node = bootstrap_memory()
    with node.units() as uow:
        uow.centres.put_many([EnrolmentCentre("BLA", "Blaine WA", 120)])
        uow.commit()
    member, waiting = (booked(node, surname=name) for name in ("TREMBLAY", "GAGNON"))
    suspended_asking_review(node, member)
    person(node, "sam", Role.SUPERVISOR)
    with served_app(create_app(node)) as base:
        yield base, member, waiting


def test_the_trusted_traveller_pages_have_no_wcag_violation_in_either_language(
    page: Page, programmes: tuple[str, str, str]
) -> None:
    site, member, waiting = programmes
    axe = Axe()

    def check(what: str) -> None:
        found = axe.run(page, options=WCAG_AA)
        assert found.violations_count == 0, f"{what}: {found.generate_report()}"

    for lang, nexus, reviews, folder in (
        ("en", "/en/console/nexus", "/en/console/nexus/reviews", "applications"),
        ("fr", "/fr/console/nexus", "/fr/console/nexus/revisions", "demandes"),
    ):
        page.context.clear_cookies()
        sign_in_by_keyboard(page, site, lang, "sam")
        page.goto(site + nexus)
        state_purpose_by_keyboard(page)
        assert page.url.endswith(nexus)
        check(f"{lang} applications")
        shot(page, f"nexus-queue-{lang}")
        page.goto(f"{site}{nexus}/{folder}/{member}")
        check(f"{lang} an application")
        page.goto(f"{site}{nexus}/centres/BLA")
        check(f"{lang} a centre's calendar")
        page.goto(site + reviews)
        assert page.locator("section.review").count() == 1
        check(f"{lang} reviews")
        shot(page, f"nexus-reviews-{lang}")
        status = "/en/nexus/status" if lang == "en" else "/fr/nexus/etat"
        page.goto(site + status)
        check(f"{lang} status form")
        page.fill("#application", waiting)
        page.fill("#birth_date", "1984-03-10")
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()
        assert page.locator("#problem").is_visible()
        check(f"{lang} status not found")


def test_an_applicant_reads_their_status_with_the_keyboard_alone(
    page: Page, programmes: tuple[str, str, str]
) -> None:
    site, member, _ = programmes
    page.goto(site + "/fr/nexus/etat")
    page.locator("#application").focus()
    page.keyboard.type(member)
    page.keyboard.press("Tab")
    page.keyboard.type("1984-03-09")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    text = page.locator("main").inner_text()
    assert "NEXUS : suspendue" in text and "lookouts:9" in text
    assert "en attente de la décision" in text and "Votre entrevue" not in text
    assert page.locator("section.notice-text[lang=fr]").count() >= 1
    found = Axe().run(page, options=WCAG_AA)
    assert found.violations_count == 0, found.generate_report()
    shot(page, "nexus-status-fr")
