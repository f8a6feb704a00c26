"""Two real nodes on loopback: two ``smartborder serve`` processes, two databases.

Records crossed at one node reach the other exactly once, with only the agreed fields,
while the partner is killed and restarted, and while the network loses the partner's
answers after it applied the messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smartborder.accounts.service import create_user
from smartborder.clearance.crossings import record_entries
from smartborder.domain import Agency, Role
from tests.conftest import TEST_SECRET
from tests.unit.exchange.support import entry

from .nodes import CuttingProxy, Node, cli, connect, wait_for

pytestmark = pytest.mark.slow

AGREED_DOCUMENT = {"type", "number", "issuing_country"}


def crossing(n: int) -> dict[str, Any]:
    """A body of POST /v1/crossings with everything an officer records, agreed or not."""
    return {
        "surname": f"LEBLANC{n}",
        "given_names": "MARIE CLAIRE",
        "birth_date": "1984-02-29",
        "nationality": "CAN",
        "sex": "F",
        "document": {
            "type": "P",
            "number": f"GA{n:06d}",
            "issuing_country": "CAN",
            "expiry_date": "2031-05-01",
        },
        "port_code": "813",
        "lane": "nexus",
        "crossed_at": (datetime(2026, 7, 3, 16, tzinfo=UTC) + timedelta(seconds=n)).isoformat(),
    }


class Officer:
    def __init__(self, node: Node) -> None:
        self.node = node
        self.token = node.user("officer", "officer")

    def record(self, numbers: range) -> list[str]:
        ids = []
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx2.Client(base_url=self.node.url, headers=headers) as client:
            for n in numbers:
                response = client.post("/v1/crossings", json=crossing(n))
                assert response.status_code == 201, response.text
                ids.append(response.json()["id"])
        return ids


class Analyst:
    def __init__(self, node: Node) -> None:
        self.node = node
        self.token = node.user("analyst", "analyst")

    def exits(self) -> list[dict[str, Any]]:
        try:
            with httpx2.Client(timeout=5) as client:
                response = client.get(
                    f"{self.node.url}/v1/exits",
                    params={"limit": 1000, "since": "2026-07-01T00:00:00+00:00"},
                    headers={"Authorization": f"Bearer {self.token}", "X-Purpose": "test"},
                )
        except httpx2.HTTPError:
            return []
        assert response.status_code == 200, response.text
        value: list[dict[str, Any]] = response.json()
        return value


@pytest.fixture
def nodes(node_urls: tuple[str, str], tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    cbsa = Node("CBSA", node_urls[0], tmp_path / "cbsa")
    cbp = Node("CBP", node_urls[1], tmp_path / "cbp")
    for node in (cbsa, cbp):
        node.prepare()
    yield cbsa, cbp
    for node in (cbsa, cbp):
        node.stop()


def assert_delivered_once(
    exits: list[dict[str, Any]],
    ids: list[str],
    *,
    surname: str = "LEBLANC",
    birth_date: str | None = "1984-02-29",
) -> None:
    partner_ids = [e["partner_id"] for e in exits]
    assert len(partner_ids) == len(set(partner_ids)), "a record was applied twice"
    assert sorted(partner_ids) == sorted(ids)
    for record in exits:
        assert record["direction"] == "exit" and record["port_code"] == "813"
        assert record["lane"] is None, "the lane is not in the agreement"
        assert record["document"]["expiry_date"] is None, "nor is the document's expiry"
        assert record["surname"].startswith(surname)
        if birth_date is not None:
            assert record["birth_date"] == birth_date
    # Oldest first, as the API promises.
    times = [e["crossed_at"] for e in exits]
    assert times == sorted(times)


def audit_lines(node: Node) -> list[dict[str, Any]]:
    result = cli(node.env(), "audit", "export")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_partner_killed_and_restarted_misses_nothing_and_applies_nothing_twice(
    nodes: tuple[Node, Node],
) -> None:
    cbsa, cbp = nodes
    connect(cbsa, cbp)
    cbsa.start()
    cbp.start()
    officer, analyst = Officer(cbsa), Analyst(cbp)

    ids = officer.record(range(0, 15))
    wait_for(lambda: len(analyst.exits()) == 15, "the first 15 exit records at CBP")

    cbp.kill()
    ids += officer.record(range(15, 40))  # recorded while the partner is down
    wait_for(lambda: cbsa.pending() == 25, "25 records pending at CBSA")
    status = cbsa.status()
    assert status["oldest_pending_age_seconds"] is not None and status["last_error"]

    cbp.start()
    ids += officer.record(range(40, 50))
    wait_for(lambda: len(analyst.exits()) == 50, "all 50 exit records at CBP")
    assert_delivered_once(analyst.exits(), ids)
    final = cbsa.status()
    assert (final["pending"], final["delivered"], final["failed"]) == (0, 50, 0)

    reconciled = cli(cbsa.env(), "exchange", "reconcile", "--json")
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr
    report = json.loads(reconciled.stdout)
    assert report["equal"] and report["anchor_ok"]
    assert report["days"][0]["partner"]["count"] == 50
    for node in (cbsa, cbp):
        verified = cli(node.env(), "audit", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
    disclosed = [e for e in audit_lines(cbsa) if e["action"] == "disclose"]
    assert sorted(e["record_id"] for e in disclosed) == sorted(ids)


def test_answers_lost_after_the_partner_applied_the_message_cost_no_duplicate(
    nodes: tuple[Node, Node],
) -> None:
    cbsa, cbp = nodes
    proxy = CuttingProxy(cbp.port)
    try:
        connect(cbsa, cbp, a_reaches_b_at=proxy.url)
        cbsa.start()
        cbp.start()
        officer, analyst = Officer(cbsa), Analyst(cbp)

        proxy.drop_answers = 1
        ids = officer.record(range(0, 10))
        wait_for(lambda: proxy.dropped == 1, "the proxy to lose an answer")
        wait_for(lambda: cbsa.delivered() == 10, "CBSA to learn all 10 arrived")

        proxy.drop_answers = 3
        ids += officer.record(range(10, 40))
        wait_for(lambda: proxy.dropped == 4, "the proxy to lose three more answers")
        wait_for(lambda: cbsa.delivered() == 40, "CBSA to learn all 40 arrived")
    finally:
        proxy.close()
    exits = analyst.exits()
    assert_delivered_once(exits, ids)
    assert proxy.requests_seen > 4  # each lost answer was followed by a retry
    retries = [
        e
        for e in audit_lines(cbp)
        if e["action"] == "receive" and e["record_type"] == "exchange-message"
    ]
    assert len(retries) >= 1 and all(int(e["detail"]["duplicates"]) > 0 for e in retries)
    assert sum(int(e["detail"]["duplicates"]) for e in retries) >= 4


def test_the_relay_runs_as_its_own_process_too(nodes: tuple[Node, Node]) -> None:
    cbsa, cbp = nodes
    connect(cbsa, cbp)
    cbp.start()  # CBSA does not serve: its entries leave through `exchange relay`
    with cbsa.container(configured=True) as container:
        officer = create_user(
            container.units(),
            name="olga",
            role=Role.OFFICER,
            agency=Agency.CBSA,
            secret=TEST_SECRET,
        ).user
        records = [
            replace(entry(Agency.CBSA, n), crossed_at=datetime(2026, 7, 3, 9, n, tzinfo=UTC))
            for n in range(12)
        ]
        record_entries(container.units(), officer, records, outbox=container.entry_outbox)
    assert cbsa.pending() == 12
    relayed = cli(cbsa.env(), "exchange", "relay", "--once")
    assert relayed.returncode == 0, relayed.stderr
    assert "delivered 12 record(s)" in relayed.stderr
    assert cbsa.pending() == 0
    assert_delivered_once(
        Analyst(cbp).exits(), [r.id for r in records], surname="TRAVELLER", birth_date=None
    )
