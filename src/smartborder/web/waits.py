"""What the wait-times pages show of a crossing: per lane type, the wait now, how it was
measured and when, and the coming hours' forecast."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait
from smartborder.operations.feed import PortWaits, stale

#: The lane types in the order the pages list them (as CBP's feed does).
ORDER = (LaneType.GENERAL, LaneType.NEXUS, LaneType.READY, LaneType.COMMERCIAL, LaneType.FAST)


@dataclass(frozen=True, slots=True)
class LaneView:
    lane: str  # a LaneType value: the templates name it in the page's language
    state: str  # "open", "closed" (no lane open) or "pending" (no recent figure)
    minutes: int | None
    lanes_open: int | None
    source: str | None  # "observed" or "simulated"
    measured_at: datetime | None
    forecast: tuple[tuple[datetime, int], ...]


@dataclass(frozen=True, slots=True)
class CrossingView:
    code: str
    name: str
    timezone: str
    lanes: tuple[LaneView, ...]

    @property
    def updated(self) -> datetime | None:
        times = [lane.measured_at for lane in self.lanes if lane.measured_at is not None]
        return max(times) if times else None


def _lane(
    lane: LaneType, current: LaneWait | None, forecast: Iterable[LaneWait], now: datetime
) -> LaneView:
    coming = tuple((w.hour, round(w.delay_minutes)) for w in forecast)
    if current is None or stale(current, now):
        return LaneView(str(lane), "pending", None, None, None, None, coming)
    state = "closed" if current.lanes_open == 0 else "open"
    return LaneView(
        str(lane),
        state,
        round(current.delay_minutes) if state == "open" else None,
        current.lanes_open,
        str(current.source),
        current.hour,
        coming,
    )


def crossing_views(ports: Iterable[PortWaits], now: datetime) -> list[CrossingView]:
    return [
        CrossingView(
            code=p.port.code,
            name=p.port.name,
            timezone=p.port.timezone,
            lanes=tuple(
                _lane(lane, p.current.get(lane), p.forecast.get(lane, ()), now)
                for lane in ORDER
                if lane in p.port.lanes
            ),
        )
        for p in ports
    ]
