"""The console's goods pages over HTTP on SQLite and PostgreSQL: a port's day of trips and
lanes, the examination queue past its capacity, and an outcome recorded from a
shipment's page."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, AuditAction, Role
from tests.factories import BLAINE, manifest_doc
from tests.integration.web.test_console import sign_in, sign_out, state_purpose
from tests.web_console import person, with_lookouts
from tests.web_goods import PlantedGoods, plant_goods, trip_doc


@pytest.fixture
def node(container: Container, tmp_path: Path) -> Iterator[tuple[TestClient, PlantedGoods]]:
    with TestClient(
        create_app(with_lookouts(container, tmp_path)), base_url="https://testserver"
    ) as client:
        planted = plant_goods(container, client)
        person(container, "ana", Role.ANALYST)
        person(container, "oli", Role.OFFICER)
        yield client, planted


def _day(planted: PlantedGoods, lang: str = "en") -> str:
    path = "/en/console/goods" if lang == "en" else "/fr/console/marchandises"
    return f"{path}?port=813&date={planted.day.isoformat()}"


def test_the_day_asks_the_purpose_then_shows_trips_lanes_and_the_queue_past_capacity(
    node: tuple[TestClient, PlantedGoods], container: Container
) -> None:
    client, planted = node
    csrf = sign_in(client, "ana")
    asked = client.get(_day(planted), follow_redirects=False)
    assert asked.headers["location"].startswith("/en/console/purpose?next=/en/console/goods")
    state_purpose(client, csrf)
    page = client.get(_day(planted))
    assert page.status_code == 200
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page.text))
    assert facts["Trips arriving"] == "2" and facts["Shipments"] == "4"
    assert (facts["Examinations queued"], facts["Capacity of the day"]) == ("2", "1")
    assert facts["Past the capacity"] == "1"
    assert re.search(r"1 examination is past the day(&#39;|')s capacity", page.text)
    queue = page.text.split('id="queue"')[1].split('id="trips"')[0]
    assert queue.count("Required: a watch-list hit or a biosecurity rule") == 2
    assert all(f"/en/console/goods/{sid}" in queue for sid in planted.queued)
    trips = page.text.split('id="trips"')[1]
    row = re.search(rf"{planted.not_queued}</a></th>(.*?)</tr>", trips, re.S)
    assert row is not None and "Not queued" in row.group(1)
    assert trips.count("Red: examine") == 2  # the listed driver's trip
    with container.units() as uow:
        read = [e.event for e in uow.audit.entries()][-2:]
    assert [(e.action, e.record_type, e.purpose) for e in read] == [
        (AuditAction.READ, "shipment", "targeting YVR"),
        (AuditAction.READ, "examination", "targeting YVR"),
    ]
    assert len(read[0].detail["ids"]) == 4 and len(read[1].detail["ids"]) == 2


def test_an_outcome_needs_its_finding_tied_to_its_field_then_is_shown_in_the_queue(
    node: tuple[TestClient, PlantedGoods],
) -> None:
    client, planted = node
    csrf = sign_in(client, "oli")
    state_purpose(client, csrf)
    path = f"/fr/console/marchandises/{planted.queued[0]}"
    shown = client.get(path)
    assert shown.status_code == 200 and 'id="outcome-illicit"' in shown.text
    empty = client.post(path, data={"csrf": csrf, "revenue": "0", "findings": ""})
    assert empty.status_code == 422
    assert 'id="outcome-error"' in empty.text and 'aria-describedby="outcome-error"' in empty.text
    assert 'lang="fr"' in empty.text and "Le formulaire comporte 1 erreur" in empty.text
    taxed = client.post(path, data={"csrf": csrf, "outcome": "compliant", "revenue": "12"})
    assert taxed.status_code == 422 and 'id="revenue-error"' in taxed.text
    assert 'aria-invalid="true"' in taxed.text
    done = client.post(
        path,
        data={"csrf": csrf, "outcome": "illicit", "revenue": "120,50", "findings": "sous-évalué"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == (
        f"/fr/console/marchandises?port=813&date={planted.day.isoformat()}&done={planted.queued[0]}"
    )
    day = client.get(done.headers["location"]).text
    assert 'role="status"' in day and "Illicite" in day.split('id="queue"')[1]
    assert "L’examen de l’envoi CXTR00200" in day  # by the number the trip declared
    again = client.post(path, data={"csrf": csrf, "outcome": "compliant", "revenue": "0"})
    assert again.status_code == 409  # recorded once: the page shows it, without the form
    assert "Cet examen a déjà été consigné." in again.text and "sous-évalué" in again.text
    assert 'id="outcome-illicit"' not in again.text


def test_an_outcome_without_its_token_is_refused_and_an_analyst_may_not_record_one(
    node: tuple[TestClient, PlantedGoods],
) -> None:
    client, planted = node
    csrf = sign_in(client, "oli")
    state_purpose(client, csrf)
    path = f"/en/console/goods/{planted.queued[1]}"
    refused = client.post(path, data={"outcome": "compliant", "revenue": "0"})
    assert refused.status_code == 403
    sign_out(client)
    state_purpose(client, sign_in(client, "ana"))
    page = client.get(path)
    assert page.status_code == 200 and 'id="outcome-compliant"' not in page.text
    assert client.post(path, data={"outcome": "compliant"}).status_code == 403


def test_another_agencys_port_or_shipment_is_not_found(
    node: tuple[TestClient, PlantedGoods], container: Container
) -> None:
    client, planted = node
    register_ports(container.units(), [BLAINE])
    token = create_user(
        container.units(),
        name="cbp-loader",
        role=Role.OFFICER,
        agency=Agency.CBP,
        secret=container.secret,
    ).token
    arrival = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    theirs = manifest_doc(port_of_entry="3004", estimated_arrival=arrival.isoformat())
    sent = client.post("/v1/manifests", json=theirs, headers={"Authorization": f"Bearer {token}"})
    assert sent.status_code == 201, sent.text
    with container.units() as uow:
        record = uow.shipments.by_ccn(Agency.CBP, "CXTR0000001")
    assert record is not None
    csrf = sign_in(client, "oli")
    state_purpose(client, csrf)
    port = client.get(f"/en/console/goods?port=3004&date={arrival.date().isoformat()}")
    assert port.status_code == 404 and "No port of your agency has that code." in port.text
    missing = client.get(f"/en/console/goods/{record.id}")
    assert missing.status_code == 404
    assert "We could not find that shipment" in missing.text
    assert "CXTR0000001" not in missing.text
    posted = client.post(
        f"/en/console/goods/{record.id}", data={"csrf": csrf, "outcome": "compliant"}
    )
    assert posted.status_code == 404


def test_an_analyst_builds_a_days_queue_under_a_capacity_told_beside_its_field(
    node: tuple[TestClient, PlantedGoods], container: Container
) -> None:
    client, planted = node
    token = create_user(
        container.units(),
        name="next-day",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=container.secret,
    ).token
    day = planted.day + timedelta(days=1)
    trip = trip_doc("CXTR261203003", datetime.combine(day, time(18), UTC))
    sent = client.post("/v1/manifests", json=trip, headers={"Authorization": f"Bearer {token}"})
    assert sent.status_code == 201, sent.text
    csrf = sign_in(client, "oli")
    state_purpose(client, csrf)
    form = {"csrf": csrf, "port": "813", "date": day.isoformat(), "random_share": "0"}
    assert "Build the queue" not in client.get(_day(planted)).text  # not an officer's task
    assert client.post("/en/console/goods", data=form | {"capacity": "1"}).status_code == 403
    sign_out(client)
    csrf = sign_in(client, "ana")
    state_purpose(client, csrf)
    form["csrf"] = csrf
    empty = client.post("/fr/console/marchandises", data=form | {"capacity": ""})
    assert empty.status_code == 422 and 'id="capacity-error"' in empty.text
    assert 'aria-invalid="true" aria-describedby="capacity-error"' in empty.text
    built = client.post("/en/console/goods", data=form | {"capacity": "1"}, follow_redirects=False)
    assert built.status_code == 303
    assert built.headers["location"] == f"/en/console/goods?port=813&date={day}#queue"
    page = client.get(built.headers["location"]).text
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert (facts["Examinations queued"], facts["Capacity of the day"]) == ("1", "1")
    assert facts["Past the capacity"] == "0" and "Targeted: among the day" in page
    assert "Build the queue" not in page  # built once a day
