"""The trusted-traveller pages: the programme officers' queue with both agencies' vetting,
an application, a centre's calendar, the supervisors' reviews (decided there), and the
applicants' public status page, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import Container, bootstrap
from smartborder.domain import Agency, Lookout, PersonName, Role, SubjectKind, User, utc_now
from smartborder.domain.applications import EnrolmentCentre
from smartborder.programmes import applications, interviews, recourse, revetting
from smartborder.screening import ScreeningEngine
from tests.conftest import make_settings
from tests.integration.web.test_console import _csrf, sign_in, state_purpose
from tests.unit.programmes.test_applications import applicant
from tests.web_console import person

CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)
PARTNER = User(name="node", role=Role.PARTNER, agency=Agency.CBP)
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


def vetted(container: Container, **changes: object) -> str:
    """An application approved by CBSA here and by CBP's node, booked at Blaine."""
    made = applications.apply(
        container.units(),
        ScreeningEngine([]),
        CLERK,
        replace(applicant(), **changes),
        now=utc_now(),
    )
    from smartborder.domain.applications import Vetting, VettingDecision

    applications.record_vetting(
        container.units(),
        PARTNER,
        made.id,
        Vetting(Agency.CBP, VettingDecision.APPROVE),
        now=utc_now(),
    )
    interviews.book(container.units(), CLERK, made.id, "BLA", now=utc_now())
    return made.id


def test_the_queue_shows_both_agencies_vetting_after_the_purpose(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = vetted(container)
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
        vetted(container, surname=f"APPLICANT{n}", documents=())
    sign_in(client, "pat")
    page = client.get("/en/console/nexus/centres/BLA").text
    rows = re.findall(
        r"<tr(?: class=\"closed\")?>\s*<th scope=\"row\">[^<]+</th>\s*(.*?)</tr>", page, re.S
    )
    booked = [r.strip() for r in rows if "closed" not in r and "<td>0</td><td>2</td>" not in r]
    # Two a day, from tomorrow: the first open day is full, the next holds the third.
    assert booked[:2] == ["<td>2</td><td>0</td>", "<td>1</td><td>1</td>"]
    assert client.get("/en/console/nexus/centres/XYZ").status_code == 404


def test_a_supervisor_decides_a_review_on_the_reviews_page(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = vetted(container)
    applications.interview(container.units(), CLERK, application_id, passed=True, now=utc_now())
    listed = Lookout(
        "lookouts",
        "9",
        SubjectKind.PERSON,
        (PersonName("TREMBLAY", ("MARIE", "CLAIRE")),),
        birth_dates=("1984-03-09",),
    )
    chief = User(name="chief", role=Role.SUPERVISOR, agency=Agency.CBSA)
    revetting.revet(container.units(), ScreeningEngine([listed]), chief, now=utc_now())
    with container.units() as uow:
        notice = uow.applications.get(application_id).notices[-1]  # type: ignore[union-attr]
    recourse.request_recourse(
        container.units(), CLERK, application_id, notice.id, "Ce n'est pas moi.", now=utc_now()
    )
    csrf = sign_in(client, "sam")
    state_purpose(client, csrf)
    page = client.get("/en/console/nexus/reviews").text
    assert "est pas moi." in page and "lookouts:9" in page
    done = client.post(
        "/en/console/nexus/reviews",
        data={
            "csrf": _csrf(page),
            "application": application_id,
            "notice": notice.id,
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
            "notice": notice.id,
            "outcome": "upheld",
        },
    )
    assert again.status_code == 409


def test_the_applicant_reads_their_own_status_by_number_and_birth_date(
    node: tuple[TestClient, Container],
) -> None:
    client, container = node
    application_id = vetted(container)
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
