"""The trusted-traveller pages: the programme officers' queue with both agencies' vetting,
an application, a centre's calendar, the supervisors' reviews (decided there), and the
applicants' public status page, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import Container, bootstrap
from smartborder.domain import Role
from smartborder.domain.applications import EnrolmentCentre
from tests.conftest import make_settings
from tests.integration.web.test_console import _csrf, sign_in, state_purpose
from tests.web_console import person
from tests.web_programmes import booked, suspended_asking_review

BLAINE = EnrolmentCentre("BLA", "Blaine WA", 2)


@pytest.fixture
def node(database_url: str) -> Iterator[tuple[TestClient, Container]]:
    container = bootstrap(make_settings(database_url), upgrade=True)
    person(container, "pat", Role.PROGRAMME)
    person(container, "sam", Role.SUPERVISOR)
    person(container, "oli", Role.OFFICER)
    with container.units() as uow:
        uow.centres.put_many([BLAINE])
        uow.commit()
    with TestClient(create_app(container), base_url="https://testserver") as client:
        yield client, container
    container.close()


def test_the_queue_shows_both_agencies_vetting_after_the_purpose(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = booked(container)
    csrf = sign_in(client, "pat")
    asked = client.get("/en/console/nexus", follow_redirects=False)
    assert asked.headers["location"] == "/en/console/purpose?next=/en/console/nexus"
    state_purpose(client, csrf)
    page = client.get("/en/console/nexus").text
    assert "TREMBLAY, MARIE CLAIRE" in page and "interview booked" in page
    assert page.count("<td>approved</td>") == 2  # CBSA and CBP
    assert "Blaine WA" in page  # the centres' wait
    french = client.get("/fr/console/nexus").text
    assert "entrevue réservée" in french and 'lang="fr"' in french
    with container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert last.action == "read" and last.detail["ids"] == [application_id]
    one = client.get(f"/en/console/nexus/applications/{application_id}").text
    assert "vetting, on its own node" in one and "BLA, " in one
    assert client.get("/en/console/nexus/applications/nope").status_code == 404


def test_an_officer_of_another_role_is_refused(node: tuple[TestClient, Container]) -> None:
    client, _ = node
    sign_in(client, "oli")
    assert client.get("/en/console/nexus/centres/BLA").status_code == 403


def test_the_calendar_counts_bookings_against_capacity(node: tuple[TestClient, Container]) -> None:
    client, container = node
    for n in range(3):
        booked(container, surname=f"APPLICANT{n}", documents=())
    sign_in(client, "pat")
    page = client.get("/en/console/nexus/centres/BLA").text
    rows = re.findall(
        r"<tr(?: class=\"closed\")?>\s*<th scope=\"row\">[^<]+</th>\s*(.*?)</tr>", page, re.S
    )
    taken = [r.strip() for r in rows if "closed" not in r and "<td>0</td><td>2</td>" not in r]
    # Two a day, from tomorrow: the first open day is full, the next holds the third.
    assert taken[:2] == ["<td>2</td><td>0</td>", "<td>1</td><td>1</td>"]
    assert client.get("/en/console/nexus/centres/XYZ").status_code == 404


def test_a_supervisor_decides_a_review_on_the_reviews_page(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = booked(container)
    notice_id = suspended_asking_review(container, application_id)
    csrf = sign_in(client, "sam")
    state_purpose(client, csrf)
    page = client.get("/en/console/nexus/reviews").text
    assert "est pas moi." in page and "lookouts:9" in page
    done = client.post(
        "/en/console/nexus/reviews",
        data={
            "csrf": _csrf(page),
            "application": application_id,
            "notice": notice_id,
            "outcome": "reinstated",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Reinstated; a notice was sent." in client.get(done.headers["location"]).text
    with container.units() as uow:
        assert uow.applications.get(application_id).status == "approved"  # type: ignore[union-attr]
    again = client.post(
        "/en/console/nexus/reviews",
        data={
            "csrf": _csrf(page),
            "application": application_id,
            "notice": notice_id,
            "outcome": "upheld",
        },
    )
    assert again.status_code == 409


def test_the_applicant_reads_their_own_status_by_number_and_birth_date(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = booked(container)
    form = client.get("/fr/nexus/etat")
    assert form.status_code == 200 and "Numéro de demande" in form.text
    found = client.post(
        "/en/nexus/status", data={"application": application_id, "birth_date": "1984-03-09"}
    )
    assert found.status_code == 200 and found.headers["cache-control"] == "no-store"
    assert "NEXUS: interview booked" in found.text and "Blaine WA" in found.text
    wrong = client.post(
        "/en/nexus/status", data={"application": application_id, "birth_date": "1984-03-10"}
    )
    assert wrong.status_code == 404 and "TREMBLAY" not in wrong.text
    with container.units() as uow:
        reads = [e.event for e in uow.audit.entries() if e.event.actor == "public/applicant"]
    assert [r.record_id for r in reads] == [application_id]
    # Guessing birth dates is stopped after a few tries from one address.
    for n in range(10):
        day = (date(1984, 1, 1) + timedelta(days=n)).isoformat()
        last = client.post(
            "/en/nexus/status", data={"application": application_id, "birth_date": day}
        )
    assert last.status_code == 429
