"""A node holding a day of waits at two crossings, for the public pages' tests."""

from __future__ import annotations

from datetime import timedelta

from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import LaneType
from smartborder.domain.clock import utc_now
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.waits import record_waits
from tests.factories import BLAINE, DOUGLAS


def with_waits(container: Container) -> Container:
    """Douglas (813): 25 minutes now in the standard lanes, closed NEXUS lanes, and a
    forecast; Blaine (3004): nothing recent (pending)."""
    register_ports(container.units(), [DOUGLAS, BLAINE])
    hour = utc_now().replace(minute=0, second=0, microsecond=0)
    waits = [
        LaneWait("813", LaneType.GENERAL, hour, 25, WaitSource.OBSERVED, lanes_open=4),
        LaneWait("813", LaneType.NEXUS, hour, 0, WaitSource.SIMULATED, lanes_open=0),
    ] + [
        LaneWait(
            "813", LaneType.GENERAL, hour + timedelta(hours=h), 10 + 5 * h, WaitSource.FORECAST
        )
        for h in range(1, 7)
    ]
    record_waits(container.units(), waits)
    return container
