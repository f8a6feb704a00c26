"""Record hourly waits and read each port's current and coming ones.

Waits per port and lane type are public information (the feed needs no token) and hold
nothing personal, so nothing here is audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from smartborder.domain import LaneType
from smartborder.domain.clock import utc_now
from smartborder.domain.waits import LaneWait
from smartborder.errors import NotFound
from smartborder.operations.feed import PortWaits
from smartborder.repositories.unit import PortRepository, Unit, WaitTimeRepository


class WaitsUnit(Unit, Protocol):
    """The repositories this context reads and writes, and no other: the store's
    ``UnitOfWork`` is one, and mypy holds the service to these."""

    ports: PortRepository
    wait_times: WaitTimeRepository


def record_waits(uow: WaitsUnit, waits: Sequence[LaneWait]) -> int:
    """Store ``waits`` in one transaction (a figure for the same port, lane, source and
    hour replaces the one stored before); how many were given."""
    with uow:
        uow.wait_times.put_many(list(waits), utc_now())
        uow.commit()
    return len(waits)


def port_zone(uow: WaitsUnit, port_code: str) -> ZoneInfo:
    """The time zone a registered port keeps its hours in."""
    with uow.for_reading():
        port = uow.ports.get(port_code)
    if port is None:
        raise NotFound(f"port {port_code!r} is not registered on this node")
    return ZoneInfo(port.timezone)


def current_and_forecast(
    uow: WaitsUnit, at: datetime, forecast_hours: int, port: str | None = None
) -> list[PortWaits]:
    """Each port's newest wait and coming forecast per lane type, as of ``at``."""
    with uow.for_reading():
        ports = [p for p in uow.ports.list() if port is None or p.code == port]
        found = []
        for known in ports:
            forecast: dict[LaneType, list[LaneWait]] = defaultdict(list)
            for wait in uow.wait_times.forecast(
                known.code, at, at + timedelta(hours=forecast_hours)
            ):
                forecast[wait.lane].append(wait)
            found.append(
                PortWaits(
                    port=known,
                    current=uow.wait_times.latest(known.code, at),
                    forecast=dict(forecast),
                    maximum_lanes=uow.wait_times.most_lanes_open(known.code),
                )
            )
    return found
