"""The goods API over real HTTP: a `smartborder serve` process on loopback, on SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest

from smartborder.bootstrap import bootstrap
from smartborder.clearance.ports import register_ports
from smartborder.config import load_settings
from smartborder.world.catalogue import ports
from tests.conftest import TEST_SECRET
from tests.factories import manifest_doc
from tests.serving import served_node

SMARTBORDER = str(Path(sys.executable).with_name("smartborder"))


@dataclass
class Node:
    url: str
    tokens: dict[str, str]

    def client(self, who: str) -> httpx2.Client:
        return httpx2.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {self.tokens[who]}", "X-Purpose": "test"},
            timeout=30,
        )


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Node]:
    tmp_path = tmp_path_factory.mktemp("goods-api")
    env = os.environ | {
        "SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}",
        "SMARTBORDER_ENVIRONMENT": "test",
        "SMARTBORDER_SECRET_KEY": TEST_SECRET,
        "SMARTBORDER_AGENCY": "CBSA",
    }
    tokens = {}
    for name, role, agency in (
        ("sup", "supervisor", "CBSA"),
        ("officer", "officer", "CBSA"),
        ("registrar", "programme", "CBSA"),
        ("us", "supervisor", "CBP"),
    ):
        done = subprocess.run(
            [SMARTBORDER, "users", "create", "--name", name, "--role", role, "--agency", agency],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        tokens[name] = done.stdout.strip().splitlines()[-1]
    setup = bootstrap(
        load_settings(
            environment="test", secret_key=TEST_SECRET, database_url=env["SMARTBORDER_DATABASE_URL"]
        )
    )
    register_ports(setup.units(), ports())
    setup.close()
    with served_node(env, log=tmp_path / "serve.log") as url:
        yield Node(url, tokens)


def test_manifest_to_exam_outcome_over_http(node: Node) -> None:
    arrival = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    doc = manifest_doc(estimated_arrival=arrival.isoformat())
    with node.client("officer") as officer, node.client("sup") as sup, node.client("us") as us:
        accepted = officer.post("/v1/manifests", json=doc)
        assert accepted.status_code == 201, accepted.text
        ack = accepted.json()
        assert ack["status"] == "accepted" and ack["late"] is False
        assert officer.get(f"/v1/manifests/{ack['submission_id']}").json() == ack
        assert ack["warnings"] == []
        # The trip number re-used with other content (a corrected value): cleared on it,
        # 201, with the warning in the acknowledgement.
        corrected = manifest_doc(estimated_arrival=arrival.isoformat())
        corrected["shipments"][0]["lines"][0]["value"] = "15000"
        reused = officer.post("/v1/manifests", json=corrected)
        assert reused.status_code == 201, reused.text
        second = reused.json()
        (warning,) = second["warnings"]
        assert (warning["code"], warning["where"]) == ("reference-reused", "trip_number")
        assert warning["text"].startswith("reference re-used with different content")
        assert officer.get(f"/v1/manifests/{second['submission_id']}").json() == second
        # Rejected with each reason, as 422 with the acknowledgement as the body.
        bad = manifest_doc(carrier_code="??", port_of_entry="9")
        rejected = officer.post("/v1/manifests", json=bad)
        assert rejected.status_code == 422
        assert {r["where"] for r in rejected.json()["reasons"]} >= {"carrier_code", "port_of_entry"}
        huge = officer.post(
            "/v1/manifests",
            content=b" " * (6 * 1024 * 1024),
            headers={"Content-Type": "application/json"},
        )
        assert huge.status_code == 413  # refused before it is read: api.limits
        broken = officer.post(
            "/v1/manifests", content=b'{"schema": ', headers={"Content-Type": "application/json"}
        )
        assert broken.status_code == 422
        assert broken.json()["reasons"][0]["where"].startswith("line 1, column")
        # The other agency sees nothing of ours.
        assert us.get(f"/v1/manifests/{ack['submission_id']}").status_code == 404

        queue = sup.post(
            "/v1/exam-queues",
            json={
                "port_code": "813",
                "day": arrival.date().isoformat(),
                "capacity": 1,
                "random_share": 1.0,
            },
        )
        assert queue.status_code == 201, queue.text
        (exam,) = queue.json()["examinations"]
        assert exam["selected_by"] == "random"
        shipment = officer.get(
            f"/v1/shipments/{exam['shipment_id']}", headers={"X-Purpose": "exam"}
        )
        assert shipment.status_code == 200
        assert shipment.json()["lane"] in ("green", "yellow", "blue", "red")
        recorded = officer.post(
            f"/v1/shipments/{exam['shipment_id']}/outcome",
            json={"outcome": "illicit", "revenue": 120.5, "findings": "undervalued invoice"},
        )
        assert recorded.status_code == 200 and recorded.json()["outcome"] == "illicit"
        again = officer.post(
            f"/v1/shipments/{exam['shipment_id']}/outcome", json={"outcome": "compliant"}
        )
        assert again.status_code == 409
        too_few = sup.post("/v1/cargo-models")
        assert too_few.status_code == 422


def test_trader_registry_over_http(node: Node) -> None:
    with node.client("registrar") as registrar, node.client("officer") as officer:
        created = registrar.post(
            "/v1/traders",
            json={
                "programme": "fast",
                "kind": "driver",
                "identifier": "FAST0001",
                "name": "Dana Driver",
            },
        )
        assert created.status_code == 201, created.text
        member = created.json()
        assert officer.post("/v1/traders", json={}).status_code in (403, 422)
        changed = registrar.post(
            f"/v1/traders/{member['id']}/status", json={"status": "suspended", "reason": "review"}
        )
        assert changed.json()["status"] == "suspended"
        listed = officer.get("/v1/traders", params={"programme": "fast"}).json()
        assert [m["identifier"] for m in listed] == ["FAST0001"]
        assert (
            officer.post(
                f"/v1/traders/{member['id']}/status", json={"status": "active", "reason": "x"}
            ).status_code
            == 403
        )


def test_roles_are_enforced(node: Node) -> None:
    with node.client("officer") as officer:
        assert (
            officer.post(
                "/v1/exam-queues", json={"port_code": "813", "day": "2026-07-03", "capacity": 1}
            ).status_code
            == 403
        )
        assert officer.post("/v1/cargo-models").status_code == 403
    assert httpx2.get(f"{node.url}/v1/traders").status_code == 401
