"""Border waits as the node records them: one lane type of one port during one hour,
measured, simulated or forecast. The wait-time repository stores them, the feed
publishes them and the port model produces them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from smartborder.domain.clock import as_utc
from smartborder.domain.ports import LaneType
from smartborder.errors import ValidationFailed


class WaitSource(StrEnum):
    OBSERVED = "observed"  # measured at the port (sensors, officers' counts)
    SIMULATED = "simulated"  # the port model's estimate for that hour
    FORECAST = "forecast"  # the forecaster's, made before the hour


@dataclass(frozen=True, slots=True)
class LaneWait:
    """The wait in one lane type of one port during one hour (starting at ``hour``, UTC)."""

    port_code: str
    lane: LaneType
    hour: datetime
    delay_minutes: float
    source: WaitSource
    lanes_open: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "hour", as_utc(self.hour, field="hour"))
        if not 0 <= self.delay_minutes <= 24 * 60:
            raise ValidationFailed(f"delay_minutes must be 0..1440 (got {self.delay_minutes})")
        if self.lanes_open is not None and not 0 <= self.lanes_open <= 200:
            raise ValidationFailed(f"lanes_open must be 0..200 (got {self.lanes_open})")


#: The sources that describe a lane now (a forecast never does).
CURRENT_SOURCES = (WaitSource.OBSERVED, WaitSource.SIMULATED)
#: What a newer figure replaces: the same port, lane type, source and hour.
Slot = tuple[str, LaneType, WaitSource, datetime]


def slot(wait: LaneWait) -> Slot:
    return (wait.port_code, wait.lane, wait.source, wait.hour)


def newest_by_lane(waits: list[LaneWait]) -> dict[LaneType, LaneWait]:
    """Per lane, the latest hour; at the same hour an observation beats a simulation."""
    best: dict[LaneType, LaneWait] = {}
    for wait in waits:
        held = best.get(wait.lane)
        rank = (wait.hour, wait.source is WaitSource.OBSERVED)
        if held is None or rank > (held.hour, held.source is WaitSource.OBSERVED):
            best[wait.lane] = wait
    return best
