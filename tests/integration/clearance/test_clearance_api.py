"""Clearance through the HTTP API on SQLite and PostgreSQL: messages, the booth, the queue."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, PortOfEntry, Role
from smartborder.formats.lists import read_list
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from smartborder.lists.watchlists import load_list
from tests.factories import DOUGLAS, passenger, paxlst

LOOKOUTS = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-1,"HADDAD, Samir",person,,1979-03-14,LBN,M,LB998877,test,Fictional.
"""
RULES = """
rules:
  - id: very-young
    title: Very young traveller
    description: Under 21.
    weight: 0.3
    when: {field: traveller.age, op: lt, value: 21}
"""
HADDAD = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877")
TREMBLAY = passenger("TREMBLAY", "JULIE", date(1984, 2, 29))
YVR = PortOfEntry(
    code="YVR", name="Vancouver International", agency=Agency.CBSA, timezone="America/Vancouver"
)


@pytest.fixture
def client(container: Container, tmp_path: Path) -> Iterator[TestClient]:
    register_ports(container.units(), [DOUGLAS, YVR])
    lookouts = tmp_path / "lookouts.csv"
    lookouts.write_text(LOOKOUTS, encoding="utf-8")
    load_list(container.units, read_list(lookouts, "csv", "cbsa-lookouts"), agency=Agency.CBSA)
    with TestClient(create_app(container)) as test_client:
        yield test_client


def _headers(container: Container, role: Role, agency: Agency = Agency.CBSA) -> dict[str, str]:
    created = create_user(
        container.units(),
        name=f"{role}-{agency}",
        role=role,
        agency=agency,
        secret=container.secret,
    )
    return {"Authorization": f"Bearer {created.token}", "X-Purpose": "test"}


def test_a_message_is_cleared_once_and_a_listed_person_is_not_boarded(
    client: TestClient, container: Container
) -> None:
    analyst = _headers(container, Role.ANALYST)
    body = {"paxlst": paxlst([HADDAD, TREMBLAY])}
    first = client.post("/v1/messages/paxlst", json=body, headers=analyst)
    assert first.status_code == 200, first.text
    (message,) = first.json()
    answers = {d["surname"]: d for d in message["decisions"]}
    assert answers["HADDAD"]["decision"] == "no_board"
    assert answers["HADDAD"]["reasons"][0]["ref"] == "cbsa-lookouts:T-1"
    assert answers["TREMBLAY"]["decision"] == "board" and answers["TREMBLAY"]["reasons"] == []
    again = client.post("/v1/messages/paxlst", json=body, headers=analyst).json()
    assert again[0]["duplicate"] is True
    assert [d["id"] for d in again[0]["decisions"]] == [d["id"] for d in message["decisions"]]
    flight = client.get(
        "/v1/flights/AC855", params={"travel_date": "2026-07-03"}, headers=analyst
    ).json()
    assert (flight["travellers"], flight["no_board"]) == (2, 1)


def test_a_reused_reference_is_cleared_on_its_content_and_a_resend_is_audited(
    client: TestClient, container: Container
) -> None:
    analyst = _headers(container, Role.ANALYST)
    first = client.post(
        "/v1/messages/paxlst", json={"paxlst": paxlst([TREMBLAY])}, headers=analyst
    ).json()
    # The carrier's references rolled over: the same ones, another flight's travellers.
    reused = {"paxlst": paxlst([HADDAD], day=date(2026, 7, 4))}
    (second,) = client.post("/v1/messages/paxlst", json=reused, headers=analyst).json()
    assert second["reference"] == first[0]["reference"] and second["duplicate"] is False
    assert [(d["surname"], d["decision"]) for d in second["decisions"]] == [("HADDAD", "no_board")]
    (warning,) = second["warnings"]
    assert warning["code"] == "reference-reused" and warning["where"] == "1001/PAX1"
    assert warning["message"].startswith("reference re-used with different content")
    (again,) = client.post("/v1/messages/paxlst", json=reused, headers=analyst).json()
    assert again["duplicate"] is True and again["warnings"] == []
    assert [d["id"] for d in again["decisions"]] == [d["id"] for d in second["decisions"]]
    with container.units() as uow:
        receipts = uow.messages.with_reference(Agency.CBSA, "paxlst", "ACAPI", "1001/PAX1")
        events = [e.event for e in uow.audit.entries()]
    assert len(receipts) == 2 and receipts[1].warning == warning["message"]
    about_messages = [(e.action, e.record_id) for e in events if e.record_type == "message"]
    assert about_messages == [("create", receipts[1].id), ("read", receipts[1].id)]


def test_the_booth_answers_and_the_hit_goes_to_the_queue_of_this_agency_only(
    client: TestClient, container: Container
) -> None:
    officer = _headers(container, Role.OFFICER)
    analyst = _headers(container, Role.ANALYST)
    lines = list(generate_mrz(mrz_data_of(HADDAD)))
    answer = client.post(
        "/v1/primary", headers=officer, json={"mrz": lines, "port_code": "813", "lane": "general"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["decision"] == "refer"
    (hit,) = client.get("/v1/hits", headers=analyst).json()
    partner = _headers(container, Role.ANALYST, Agency.CBP)
    assert client.get("/v1/hits", headers=partner).json() == []
    assert client.get(f"/v1/hits/{hit['id']}", headers=partner).status_code == 404
    detail = client.get(f"/v1/hits/{hit['id']}", headers=analyst).json()
    assert "born 1979-03-14" in detail["decision"]["reasons"][0]["text"]
    disposed = client.post(
        f"/v1/hits/{hit['id']}/disposition",
        headers=analyst,
        json={"status": "confirmed", "note": "same person, same passport"},
    )
    assert disposed.json()["status"] == "confirmed"
    outcome = client.post(
        f"/v1/decisions/{hit['decision_id']}/outcome",
        headers=officer,
        json={"outcome": "refused_entry", "note": "listed"},
    )
    assert outcome.status_code == 201
    assert (
        client.post(
            "/v1/primary", headers=analyst, json={"mrz": lines, "port_code": "813"}
        ).status_code
        == 403
    )


def test_a_bad_rule_is_refused_where_and_why_and_a_draft_is_backtested(
    client: TestClient, container: Container
) -> None:
    analyst = _headers(container, Role.ANALYST)
    supervisor = _headers(container, Role.SUPERVISOR)
    bad = client.post(
        "/v1/rules",
        headers=analyst,
        json={"source": RULES.replace("traveller.age", "traveller.agee")},
    )
    assert bad.status_code == 422
    assert "unknown field 'traveller.agee'" in bad.json()["detail"]
    client.post(
        "/v1/messages/paxlst",
        headers=analyst,
        json={"paxlst": paxlst([TREMBLAY, replace(TREMBLAY, birth_date=date(2010, 1, 1))])},
    )
    tested = client.post(
        "/v1/rules/backtest", headers=analyst, json={"source": RULES, "since": "2026-07-01"}
    ).json()
    assert tested["scanned"] == 2 and tested["rules"][0]["hits"] == 1
    draft = client.post("/v1/rules", headers=analyst, json={"source": RULES}).json()
    assert draft["active"] is False
    assert client.post(f"/v1/rules/{draft['version']}/activate", headers=analyst).status_code == 403
    live = client.post(f"/v1/rules/{draft['version']}/activate", headers=supervisor).json()
    assert live["active"] is True
    assert client.get("/v1/rules/live", headers=analyst).json()["version"] == draft["version"]
