"""The HTTP face of the exchange, served by uvicorn on loopback: /v1/exits for analysts,
node-to-node endpoints authenticated by signature."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import pytest

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container, bootstrap_memory
from smartborder.config import load_settings
from smartborder.domain import Agency, AuditAction, Role
from smartborder.exchange.envelope import MAX_MESSAGE_BYTES
from tests.conftest import TEST_SECRET
from tests.serving import served_app
from tests.unit.exchange.support import Side, wire


@contextmanager
def served(container: Container) -> Iterator[httpx2.Client]:
    """The node's API on a loopback port, in a thread, and a client for it."""
    with served_app(create_app(container)) as base:
        with httpx2.Client(base_url=base, timeout=10) as client:
            yield client


@pytest.fixture
def pair() -> tuple[Side, Side]:
    cbsa = bootstrap_memory(
        load_settings(environment="test", secret_key=TEST_SECRET, agency="CBSA")
    )
    cbp = bootstrap_memory(load_settings(environment="test", secret_key=TEST_SECRET, agency="CBP"))
    return wire(cbsa, cbp)


@pytest.fixture
def cbp_api(pair: tuple[Side, Side]) -> Iterator[httpx2.Client]:
    with served(pair[1].container) as client:
        yield client


def token(side: Side, role: Role, name: str) -> dict[str, str]:
    created = create_user(
        side.container.units(),
        name=name,
        role=role,
        agency=side.node.agency,
        secret=side.container.secret,
    )
    return {"Authorization": f"Bearer {created.token}", "X-Purpose": "exit verification"}


def test_analysts_list_exit_records_oldest_first_with_partner_ids_and_the_read_is_audited(
    pair: tuple[Side, Side], cbp_api: httpx2.Client
) -> None:
    cbsa, cbp = pair
    ids = cbsa.record(5)
    cbsa.relay.drain()
    analyst = token(cbp, Role.ANALYST, "ana")
    response = cbp_api.get("/v1/exits", params={"limit": 3}, headers=analyst)
    assert response.status_code == 200
    page = response.json()
    assert [r["partner_id"] for r in page] == ids[:3]
    assert all(r["direction"] == "exit" and r["lane"] is None for r in page)
    later = cbp_api.get(
        "/v1/exits", params={"since": page[-1]["crossed_at"], "limit": 10}, headers=analyst
    ).json()
    assert [r["partner_id"] for r in later] == ids[2:]
    with cbp.container.units() as uow:
        reads = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]
    assert [r.detail["count"] for r in reads] == ["3", "3"]
    assert reads[0].purpose == "exit verification" and reads[0].record_type == "exit-record"


def test_exits_are_not_for_officers_nor_the_anonymous(
    pair: tuple[Side, Side], cbp_api: httpx2.Client
) -> None:
    _, cbp = pair
    assert cbp_api.get("/v1/exits").status_code == 401
    officer = token(cbp, Role.OFFICER, "olga")
    assert cbp_api.get("/v1/exits", headers=officer).status_code == 403
    analyst = token(cbp, Role.ANALYST, "ana")
    assert (
        cbp_api.get("/v1/exits", params={"since": "2026-07-03"}, headers=analyst).status_code == 422
    )


def test_posting_a_crossing_queues_it_for_the_partner(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    body = {
        "surname": "LEBLANC",
        "given_names": "MARIE",
        "birth_date": "1984-02-29",
        "nationality": "CAN",
        "sex": "F",
        "document": {"type": "P", "number": "GA123456", "issuing_country": "CAN"},
        "port_code": "813",
        "lane": "nexus",
        "crossed_at": "2026-07-03T16:00:00+00:00",
    }
    with served(cbsa.container) as client:
        response = client.post(
            "/v1/crossings", json=body, headers=token(cbsa, Role.OFFICER, "olga")
        )
    assert response.status_code == 201
    cbsa.relay.drain()
    (exit_record,) = cbp.exits()
    assert exit_record.partner_id == response.json()["id"]


def test_node_endpoints_take_signatures_not_tokens(
    pair: tuple[Side, Side], cbp_api: httpx2.Client
) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(cbsa.node.envelope("records", {"records": []}))
    unsigned = cbp_api.post("/v1/exchange/messages", content=sealed.body)
    assert unsigned.status_code == 401 and unsigned.json()["reason"] == "unknown-sender"
    with cbp.container.units() as uow:
        refused = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.REJECT]
    # Nothing says who sent it: logged with the caller's address, not as the partner node.
    assert refused[-1].actor == "unverified" and refused[-1].detail["client"] == "127.0.0.1"
    signed = cbp_api.post("/v1/exchange/messages", content=sealed.body, headers=sealed.headers)
    assert signed.status_code == 422  # authenticated; an empty batch is refused, signed
    answer = cbsa.node.open(signed.content, dict(signed.headers))
    assert answer.kind == "refusal" and "1 to 1000" in answer.body["problem"]


def test_an_oversized_message_is_refused_before_it_is_read(cbp_api: httpx2.Client) -> None:
    response = cbp_api.post(
        "/v1/exchange/messages",
        content=b"x" * (MAX_MESSAGE_BYTES + 1),
        headers={"X-Smartborder-Key-Id": "k", "X-Smartborder-Signature": "s"},
    )
    assert response.status_code == 413


def test_a_node_without_an_agreement_has_no_partner_endpoints(
    memory_container: Container,
) -> None:
    with served(memory_container) as client:
        response = client.post(
            "/v1/exchange/messages",
            content=b"{}",
            headers={"X-Smartborder-Key-Id": "k", "X-Smartborder-Signature": "s"},
        )
    assert response.status_code == 404


def test_the_openapi_documents_the_node_to_node_endpoints(cbp_api: httpx2.Client) -> None:
    spec = cbp_api.get("/openapi.json").json()
    for path in ("/v1/exchange/messages", "/v1/exchange/manifests"):
        post = spec["paths"][path]["post"]
        assert "security" not in post  # no bearer token: the signature authenticates
        headers = {p["name"] for p in post["parameters"] if p["in"] == "header"}
        assert headers == {"X-Smartborder-Key-Id", "X-Smartborder-Signature"}
        schema = post["requestBody"]["content"]["application/json"]["schema"]
        assert {"from", "to", "sent_at", "agreement", "body"} <= set(schema["properties"])
        assert {"401", "409", "422"} <= set(post["responses"])
    assert "/v1/exits" in spec["paths"]
    assert json.dumps(spec)  # serialisable as served
    assert (
        Agency.CBP.value
        in spec["paths"]["/v1/exchange/messages"]["post"]["requestBody"]["content"][
            "application/json"
        ]["schema"]["properties"]["from"]["enum"]
    )
