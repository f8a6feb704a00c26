"""Record hourly waits and read each port's current and coming ones.

Waits per port and lane type are public information (the feed needs no token) and hold
nothing personal, so nothing here is audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from smartborder.domain import LaneType, PortOfEntry
from smartborder.domain.clock import utc_now
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.errors import NotFound
from smartborder.operations.booth_plan import BoothPlan, plan_booths
from smartborder.operations.calendar import service_standard_minutes
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


@dataclass(frozen=True, slots=True)
class HourOfDay:
    """One hour of one lane type at a port: what was measured, forecast and simulated."""

    hour: datetime  # its start, UTC
    observed: LaneWait | None = None
    forecast: LaneWait | None = None
    simulated: LaneWait | None = None


@dataclass(frozen=True, slots=True)
class PortDay:
    port: PortOfEntry
    day: date  # in the port's time
    lanes: dict[LaneType, list[HourOfDay]]  # each lane type's 24 (or 23, 25) hours


def port_day(uow: WaitsUnit, port_code: str, day: date) -> PortDay:
    """A port's waits by hour and lane type over one of its days (its own time zone):
    measured against forecast, and the port model's estimate."""
    with uow.for_reading():
        port = uow.ports.get(port_code)
        if port is None:
            raise NotFound(f"port {port_code!r} is not registered on this node")
        zone = ZoneInfo(port.timezone)
        first = datetime.combine(day, time(0), zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
        found = {
            source: uow.wait_times.between(port.code, source, first, end) for source in WaitSource
        }
    hours = int((end - first).total_seconds() // 3600)  # 23 or 25 on a change of clocks
    lanes: dict[LaneType, list[HourOfDay]] = {}
    for lane in sorted({w.lane for waits in found.values() for w in waits}, key=str):
        by_hour = {
            source: {w.hour: w for w in waits if w.lane is lane} for source, waits in found.items()
        }
        lanes[lane] = [
            HourOfDay(
                at,
                by_hour[WaitSource.OBSERVED].get(at),
                by_hour[WaitSource.FORECAST].get(at),
                by_hour[WaitSource.SIMULATED].get(at),
            )
            for at in (first + timedelta(hours=h) for h in range(hours))
        ]
    return PortDay(port, day, lanes)


@dataclass(frozen=True, slots=True)
class PlannedPortDay:
    """A port's day (``port_day``) and the booths that would have held the service
    standard through it, for the traffic its waits imply (``operations.booth_plan``)."""

    day: PortDay
    plan: BoothPlan


def recorded_wait(hour: HourOfDay) -> LaneWait | None:
    """The wait an hour had: as measured, else as the port model estimated it."""
    return hour.observed or hour.simulated


def port_day_with_plan(uow: WaitsUnit, port_code: str, day: date) -> PlannedPortDay:
    """``port_day`` and its staffing plan, for the day's service standard (CBSA's: 10
    minutes Monday to Thursday, 20 on Friday to Sunday and holidays)."""
    found = port_day(uow, port_code, day)
    waits = {lane: [recorded_wait(h) for h in hours] for lane, hours in found.lanes.items()}
    return PlannedPortDay(found, plan_booths(waits, service_standard_minutes(day)))
