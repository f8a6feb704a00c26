"""What the booth benchmarks send: an officer's token and the day's land booth reads.

Shared by bench/clearance.py and bench/booth_latency.py (imported inside their setup,
so that a load-generator process never imports the node's code)."""

from __future__ import annotations

from typing import Any

from smartborder.accounts.service import create_user
from smartborder.bootstrap import Container
from smartborder.demo.messages import mrz_of
from smartborder.domain import Agency, LaneType, Role
from smartborder.world.plants import PlantedDay


def officer_token(container: Container) -> str:
    """A CBSA officer's bearer token on ``container``'s node."""
    return user_token(container, "bench-booth", Role.OFFICER)


def user_token(container: Container, name: str, role: Role) -> str:
    """The bearer token of a new CBSA user ``name`` with ``role`` on ``container``'s node."""
    return create_user(
        container.units(), name=name, role=role, agency=Agency.CBSA, secret=container.secret
    ).token


def booth_reads(planted: PlantedDay, count: int) -> list[dict[str, Any]]:
    """``count`` bodies of `POST /v1/primary`: the day's CBSA general-lane travellers'
    documents as swiped at Douglas, repeated when there are fewer (a traveller crossing
    twice is still a booth read)."""
    reads: list[dict[str, Any]] = [
        {"mrz": list(mrz_of(a.traveller)), "port_code": "813", "lane": "general", "plate": "BENCH1"}
        for a in planted.land
        if a.agency is Agency.CBSA and a.lane is LaneType.GENERAL
    ]
    while reads and len(reads) < count:
        reads += reads[: count - len(reads)]
    return reads[:count]
