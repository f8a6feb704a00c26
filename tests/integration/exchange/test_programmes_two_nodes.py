"""NEXUS vetted by both agencies, each on its own node: two ``smartborder serve``
processes under every agreement in ``examples/agreements/``.

An applicant listed only at CBP is denied with CBP's reason; a clean one is approved by
both, interviewed at CBSA and a member at both; CBSA's node cannot forge CBP's decision;
a list loaded at CBP suspends the member at both within seconds, and CBSA's booth refers
them; the notice states the entry in the member's language with a deadline; CBP's
supervisor reinstates on review, and the member passes the lane again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smartborder.domain import Agency, Sex
from smartborder.exchange.envelope import seal
from smartborder.exchange.keys import load_node_identity
from smartborder.exchange.node import load_node
from smartborder.formats.mrz import MrzData, MrzFormat, generate_mrz

from .nodes import AGREEMENTS, Node, cli, connect, wait_for

pytestmark = pytest.mark.slow

APPLICATION = Path(__file__).parents[3] / "examples" / "programmes" / "nexus-application.json"
LOOKOUTS_HEADER = "id,name,birth_date\n"
CENTRES = Path(__file__).parents[3] / "examples" / "programmes" / "centres.csv"


@pytest.fixture
def nodes(node_urls: tuple[str, str], tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    cbsa = Node("CBSA", node_urls[0], tmp_path / "cbsa", agreement=AGREEMENTS)
    cbp = Node("CBP", node_urls[1], tmp_path / "cbp", agreement=AGREEMENTS)
    for node in (cbsa, cbp):
        node.prepare()
    connect(cbsa, cbp)
    yield cbsa, cbp
    for node in (cbsa, cbp):
        node.stop()


class Client:
    """A user of one node's API."""

    def __init__(self, node: Node, role: str) -> None:
        self.node = node
        self.token = node.user(f"{role}-user", role)

    def call(self, method: str, path: str, body: object = None) -> httpx2.Response:
        headers = {"Authorization": f"Bearer {self.token}", "X-Purpose": "nexus test"}
        with httpx2.Client(base_url=self.node.url, headers=headers, timeout=30) as client:
            return client.request(method, path, json=body)

    def application(self, application_id: str) -> dict[str, Any]:
        response = self.call("GET", f"/v1/nexus/applications/{application_id}")
        assert response.status_code == 200, response.text
        value: dict[str, Any] = response.json()
        return value


def load_lookouts(node: Node, rows: list[str], tmp: Path) -> None:
    path = tmp / f"{node.agency}-lookouts.csv"
    path.write_text(LOOKOUTS_HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    result = cli(node.env(), "lists", "load", str(path), "--format", "csv", "--list-id", "lookouts")
    assert result.returncode == 0, result.stderr


def form(**changes: object) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(APPLICATION.read_text(encoding="utf-8"))
    value.update(changes)
    return value


def card_mrz(passid: str) -> list[str]:
    """The member's NEXUS card as the booth reads it: a TD1 with the PASSID."""
    data = MrzData(
        format=MrzFormat.TD1,
        issuing_state="CAN",
        surname="TREMBLAY",
        given_names=("MARIE", "CLAIRE"),
        document_number=passid,
        nationality="CAN",
        birth_date=date(1984, 3, 9),
        sex=Sex.FEMALE,
        expiry_date=date(2031, 1, 1),
        document_code="ID",
    )
    return list(generate_mrz(data))


def booth(officer: Client, passid: str) -> dict[str, Any]:
    response = officer.call(
        "POST",
        "/v1/primary",
        {"mrz": card_mrz(passid), "port_code": "813", "lane": "nexus"},
    )
    assert response.status_code == 200, response.text
    value: dict[str, Any] = response.json()
    return value


def test_nexus_from_application_to_reinstatement_across_two_nodes(
    nodes: tuple[Node, Node], tmp_path: Path
) -> None:
    cbsa, cbp = nodes
    # CBP holds a lookout CBSA does not; CBSA holds one that matches no applicant.
    load_lookouts(cbp, ['cbp-77,"DUBOIS, Jean",1970-01-01'], tmp_path)
    load_lookouts(cbsa, ['cbsa-1,"OKAFOR, Ada",1975-11-11'], tmp_path)
    loaded = cli(cbsa.env(), "nexus", "centres", "--load", str(CENTRES))
    assert loaded.returncode == 0, loaded.stderr
    cbsa.start()
    cbp.start()
    clerk, officer = Client(cbsa, "programme"), Client(cbsa, "officer")
    cbp_clerk, cbp_chief = Client(cbp, "programme"), Client(cbp, "supervisor")

    # 1. Listed only at CBP: CBSA approves, CBP denies, and CBSA's node says why.
    listed = form(
        surname="Dubois",
        given_names="Jean",
        birth_date="1970-01-01",
        language="en",
        documents=[
            {
                "type": "passport",
                "number": "ZX998877",
                "issuing_country": "CAN",
                "expiry_date": "2031-01-01",
            }
        ],
    )
    made = clerk.call("POST", "/v1/nexus/applications", listed)
    assert made.status_code == 201, made.text
    denied_id = made.json()["id"]
    wait_for(lambda: clerk.application(denied_id)["status"] == "denied", "CBP's denial at CBSA")
    denied = clerk.application(denied_id)
    assert denied["vetting"]["CBSA"]["decision"] == "approve"
    assert denied["vetting"]["CBP"]["decision"] == "deny"
    assert denied["vetting"]["CBP"]["reasons"][0]["ref"] == "lookouts:cbp-77"
    (notice,) = denied["notices"]
    assert notice["agency"] == "CBP" and notice["language"] == "en"
    assert "lookouts:cbp-77" in notice["text"] and notice["recourse_deadline"]

    # 2. Clean: approved by both, interviewed at CBSA, a member at both nodes.
    made = clerk.call("POST", "/v1/nexus/applications", form())
    assert made.status_code == 201, made.text
    member_id = made.json()["id"]
    wait_for(
        lambda: clerk.application(member_id)["status"] == "conditionally_approved",
        "both agencies' approval at CBSA",
    )
    booked = clerk.call("POST", f"/v1/nexus/applications/{member_id}/booking", {"centre": "BLA"})
    assert booked.status_code == 200, booked.text
    day = booked.json()["interview"]["day"]
    wait_for(
        lambda: cbp_clerk.application(member_id)["interview"] == {"centre": "BLA", "day": day},
        "the booking at CBP",
    )
    interviewed = clerk.call(
        "POST", f"/v1/nexus/applications/{member_id}/interview", {"outcome": "pass"}
    )
    assert interviewed.status_code == 200, interviewed.text
    passid = interviewed.json()["passid"]
    assert passid and len(passid) == 9
    wait_for(lambda: cbp_clerk.application(member_id)["passid"] == passid, "the member at CBP")
    assert cbp_clerk.application(member_id)["status"] == "approved"
    assert booth(officer, passid)["decision"] == "release"

    # 3. CBSA's node, signing with its own key, claims a decision of CBP's: refused.
    node = load_node(
        agency=Agency.CBSA,
        node_key=cbsa.key_dir / "node.key",
        partner_key=cbp.key_dir / "node.pub",
        agreement=AGREEMENTS,
        partner_url=cbp.url,
    )
    forged = {
        "application_id": denied_id,
        "agency": "CBP",
        "change": "reinstatement",
        "at": "2026-12-01T00:00:00+00:00",
        "notice_id": notice["id"],
    }
    sealed = seal(
        load_node_identity(cbsa.key_dir / "node.key"),
        node.envelope(
            "records", {"records": [{"key": "forged", "type": "nexus-decision", "fields": forged}]}
        ),
    )
    with httpx2.Client(timeout=10) as client:
        refused = client.post(
            f"{cbp.url}/v1/exchange/messages", content=sealed.body, headers=sealed.headers
        )
    assert refused.status_code == 422
    assert "cannot come from CBSA" in refused.text
    assert cbp_clerk.application(denied_id)["status"] == "denied"

    # 4. CBP lists the member: suspended at both within 5 s, and CBSA's booth refers.
    load_lookouts(
        cbp,
        ['cbp-77,"DUBOIS, Jean",1970-01-01', 'cbp-91,"TREMBLAY, Marie Claire",1984-03-09'],
        tmp_path,
    )
    # Within 5 s of the load: CBP's node sees the new version, re-vets, suspends, and
    # its relay tells CBSA's.
    wait_for(
        lambda: clerk.application(member_id)["status"] == "suspended",
        "the suspension at CBSA within 5 s of the list's load at CBP",
        timeout=5.0,
    )
    refer = booth(officer, passid)
    assert refer["decision"] == "refer"
    assert any("suspended" in r["text"] for r in refer["reasons"])
    suspended = clerk.application(member_id)
    notice = suspended["notices"][-1]
    assert notice["kind"] == "suspension" and notice["agency"] == "CBP"
    assert notice["language"] == "fr" and "lookouts:cbp-91" in notice["text"]
    assert notice["recourse_deadline"]

    # 5. The member asks CBP for a review; CBP's supervisor reinstates; CBSA follows.
    path = f"/v1/nexus/applications/{member_id}/notices/{notice['id']}/recourse"
    asked = cbp_clerk.call("POST", path, {"statement": "Je ne suis pas cette personne."})
    assert asked.status_code == 200, asked.text
    assert clerk.call("POST", f"{path}/decision", {"decision": "reinstated"}).status_code == 403
    decided = cbp_chief.call("POST", f"{path}/decision", {"decision": "reinstated"})
    assert decided.status_code == 200, decided.text
    wait_for(lambda: clerk.application(member_id)["status"] == "approved", "reinstated at CBSA")
    assert clerk.application(member_id)["recourses"][-1]["status"] == "reinstated"
    assert booth(officer, passid)["decision"] == "release"
