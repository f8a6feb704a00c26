"""What a simulation run tells: waits by hour and lane, queue lengths, utilisation.

Hours are those of arrival: a vehicle arriving at 16:59 counts in the 16:00 hour even if it
reaches the booth at 17:20, which is how a traveller (and CBP's feed) reads a wait.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from smartborder.operations.simulation import HOUR, Trace

PERCENTILES = (50, 90, 95)


@dataclass(frozen=True, slots=True)
class WaitSummary:
    """Waits in minutes: mean, median, 90th and 95th percentiles, maximum."""

    vehicles: int
    mean: float
    p50: float
    p90: float
    p95: float
    max: float

    @classmethod
    def of(cls, seconds: npt.NDArray[np.float64]) -> WaitSummary:
        if seconds.size == 0:
            return cls(0, 0.0, 0.0, 0.0, 0.0, 0.0)
        minutes = seconds / 60.0
        p50, p90, p95 = np.percentile(minutes, PERCENTILES).tolist()
        return cls(
            vehicles=int(minutes.size),
            mean=round(float(minutes.mean()), 3),
            p50=round(p50, 3),
            p90=round(p90, 3),
            p95=round(p95, 3),
            max=round(float(minutes.max()), 3),
        )


@dataclass(frozen=True, slots=True)
class LaneHour:
    """One lane in one hour of the horizon."""

    hour: int
    lane: str
    booths: int
    arrivals: int
    wait: WaitSummary
    queue_mean: float  # time-averaged vehicles waiting in the hour
    queue_max: int  # the longest queue an arriving vehicle found
    utilisation: float  # busy booth-seconds / open booth-seconds (0 when none open)


@dataclass(frozen=True, slots=True)
class SimulationResult:
    port: str
    seed: int
    hours: int
    vehicles: int
    officer_hours: int
    overall: WaitSummary
    lanes: dict[str, WaitSummary]
    by_hour: list[LaneHour]
    secondary: WaitSummary
    referred: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def row(self, hour: int, lane: str) -> LaneHour:
        """The figures of one lane in one hour."""
        for row in self.by_hour:
            if row.hour == hour and row.lane == lane:
                return row
        raise KeyError((hour, lane))


def _overlap(
    begin: npt.NDArray[np.float64], end: npt.NDArray[np.float64], hours: int
) -> npt.NDArray[np.float64]:
    """Seconds of each interval [begin, end) that fall in each hour, summed per hour."""
    total = np.zeros(hours)
    if begin.size == 0:
        return total
    first = np.clip((begin // HOUR).astype(np.int64), 0, hours - 1)
    last = np.clip(((end - 1e-9) // HOUR).astype(np.int64), 0, hours - 1)
    span = int((last - first).max()) if begin.size else 0
    for k in range(span + 1):
        h = first + k
        inside = h <= last
        if not inside.any():
            break
        hh = h[inside]
        lo = np.maximum(begin[inside], hh * HOUR)
        hi = np.minimum(end[inside], (hh + 1) * HOUR)
        np.add.at(total, hh, np.clip(hi - lo, 0.0, None))
    return total


def summarise(trace: Trace, seed: int) -> SimulationResult:
    """Aggregate a trace into the figures people read."""
    port = trace.port
    hours = port.hours
    wait = trace.wait
    arrival_hour = np.clip((trace.arrival // HOUR).astype(np.int64), 0, hours - 1)
    by_hour: list[LaneHour] = []
    lanes: dict[str, WaitSummary] = {}
    for i, lane in enumerate(port.lanes):
        in_lane = trace.lane == i
        lanes[str(lane.type)] = WaitSummary.of(wait[in_lane])
        queued = _overlap(trace.arrival[in_lane], trace.start[in_lane], hours)
        busy = _overlap(trace.start[in_lane], trace.start[in_lane] + trace.service[in_lane], hours)
        lane_hours = arrival_hour[in_lane]
        lane_wait = wait[in_lane]
        lane_ahead = trace.queue_ahead[in_lane]
        order = np.argsort(lane_hours, kind="stable")
        bounds = np.searchsorted(lane_hours[order], np.arange(hours + 1))
        for h in range(hours):
            idx = order[bounds[h] : bounds[h + 1]]
            open_booths = lane.open_at(h)
            by_hour.append(
                LaneHour(
                    hour=h,
                    lane=str(lane.type),
                    booths=open_booths,
                    arrivals=int(idx.size),
                    wait=WaitSummary.of(lane_wait[idx]),
                    queue_mean=round(float(queued[h] / HOUR), 3),
                    queue_max=int(lane_ahead[idx].max()) if idx.size else 0,
                    utilisation=round(float(busy[h] / (open_booths * HOUR)), 4)
                    if open_booths
                    else 0.0,
                )
            )
    referred = trace.referred
    return SimulationResult(
        port=port.code,
        seed=seed,
        hours=hours,
        vehicles=int(wait.size),
        officer_hours=port.officer_hours,
        overall=WaitSummary.of(wait),
        lanes=lanes,
        by_hour=by_hour,
        secondary=WaitSummary.of(trace.secondary_wait[referred]),
        referred=int(referred.sum()),
    )
