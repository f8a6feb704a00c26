"""A port's day of goods for the console's tests: two trips at Douglas (813), one of them
driven by a listed person, and the day's examination queue built under a capacity of 1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx2

from smartborder.accounts.service import create_user
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from tests.factories import manifest_doc


@dataclass(frozen=True)
class PlantedGoods:
    """The day the trips arrive (today), the shipments queued (both of the listed driver's trip,
    required: one past the capacity) and the cargo control number of one not queued."""

    day: date
    queued: tuple[str, ...]
    not_queued: str


def trip_doc(number: str, arrival: datetime, driver: str | None = None) -> dict[str, Any]:
    """A trip's eManifest with its own cargo control numbers, driven by ``driver``."""
    doc = manifest_doc(trip_number=number, estimated_arrival=arrival.isoformat())
    for i, shipment in enumerate(doc["shipments"]):
        shipment["cargo_control_number"] = f"CXTR{number[-3:]}{i:04d}"
    if driver:
        doc["crew"] = [{"name": driver, "role": "driver", "citizenship": "LBN"}]
    return doc


def plant_goods(container: Container, client: httpx2.Client) -> PlantedGoods:
    """Submit the trips and build the queue through the API (a test client, or one of a
    served node); the lookouts of ``tests.web_console.with_lookouts`` must be loaded."""
    tokens = {
        role: create_user(
            container.units(),
            name=f"goods-{role}",
            role=role,
            agency=Agency.CBSA,
            secret=container.secret,
        ).token
        for role in (Role.OFFICER, Role.ANALYST)
    }

    def headers(role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}", "X-Purpose": "test"}

    # Today (UTC), the day a console page shows unless asked another: in three hours, or
    # just before midnight, sent late then (its clean shipments yellow, not green).
    now = datetime.now(UTC).replace(microsecond=0)
    arrival = min(now + timedelta(hours=3), datetime.combine(now.date(), time(23, 59), UTC))
    for doc in (
        trip_doc("CXTR261202001", arrival),
        trip_doc("CXTR261202002", arrival, "Samir Haddad"),
    ):
        answer = client.post("/v1/manifests", json=doc, headers=headers(Role.OFFICER))
        assert answer.status_code == 201, answer.text
    day = arrival.date()
    built = client.post(
        "/v1/exam-queues",
        json={"port_code": "813", "day": day.isoformat(), "capacity": 1, "random_share": 0},
        headers=headers(Role.ANALYST),
    )
    assert built.status_code == 201, built.text
    queue = built.json()
    assert queue["over_capacity"] == 1, queue
    queued = tuple(e["shipment_id"] for e in queue["examinations"])
    assert {e["selected_by"] for e in queue["examinations"]} == {"required"}
    return PlantedGoods(day=day, queued=queued, not_queued="CXTR0010000")
