"""The discrete-event simulation of a land port: primary lanes, lane choice, secondary.

Why not SimPy: every station here is a first-come-first-served queue in front of booths
that open and close by the hour, and for such a queue the time a vehicle reaches a booth
depends only on the vehicles that arrived before it in the same lane. Taking vehicles in
arrival order and giving each the booth that can start it soonest is therefore an exact
event-by-event simulation (the multi-server Lindley recursion) without an event list or
coroutines. Booths that open and close by the hour (awkward in SimPy, whose resources
have a fixed capacity) become a lookup, and a 20,000-vehicle day through one 12-booth
lane runs about twice as fast as the same queue in SimPy (0.31 s against 0.58 s,
measured on the development machine). A test builds that SimPy model and checks that
both give the same waits to the microsecond.

Rules the model follows:

- A booth starts a vehicle only while it is open; an officer whose booth closes at the
  end of the hour finishes the vehicle in hand.
- A vehicle joins, among the lanes its credential allows that have a booth open, the one
  whose expected wait (vehicles queued x mean service / booths open) is shortest; lanes
  other than the dedicated one carry a penalty of ``switch_margin_seconds`` each, because
  drivers do not leave their lane for a few seconds' gain. Once in a lane it stays there.
- A share ``referral_rate`` of vehicles, drawn at random, leave primary for secondary
  inspection, a queue of its own; secondary never blocks primary (the lot is big enough).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from smartborder.domain import LaneType
from smartborder.errors import ValidationFailed
from smartborder.operations.arrivals import CREDENTIALS, ArrivalStream
from smartborder.operations.model import VEHICLE_CLASSES, PortModel, eligible_lanes

HOUR = 3600.0
INF = float("inf")


@dataclass(frozen=True)
class Trace:
    """What happened to each vehicle, in arrival order (seconds from the start)."""

    port: PortModel
    arrival: npt.NDArray[np.float64]
    kind: npt.NDArray[np.int8]
    lane: npt.NDArray[np.int16]  # index into port.lanes
    start: npt.NDArray[np.float64]  # reached a primary booth
    service: npt.NDArray[np.float64]
    queue_ahead: npt.NDArray[np.int32]  # vehicles waiting in the lane when it arrived
    referred: npt.NDArray[np.bool_]
    secondary_start: npt.NDArray[np.float64]  # NaN unless referred
    secondary_service: npt.NDArray[np.float64]

    @property
    def wait(self) -> npt.NDArray[np.float64]:
        return self.start - self.arrival

    @property
    def secondary_wait(self) -> npt.NDArray[np.float64]:
        return self.secondary_start - (self.start + self.service)


class _Booths:
    """The booths of one station, with the hour-by-hour schedule folded into a lookup."""

    def __init__(self, schedule: tuple[int, ...]) -> None:
        self.hours = len(schedule)
        width = max(schedule)
        self.free = [0.0] * width
        # next_open[i][h]: first hour >= h in which booth i is open, or -1 if never again.
        # Past the horizon the last hour's schedule holds, so the last column says it all.
        self.next_open: list[list[int]] = []
        for booth in range(width):
            row = [-1] * self.hours
            following = -1
            for h in range(self.hours - 1, -1, -1):
                if schedule[h] > booth:
                    following = h
                row[h] = following
            self.next_open.append(row)

    def earliest(self, t: float) -> tuple[float, int]:
        """The soonest start at or after ``t`` and the booth that gives it."""
        best, chosen = INF, -1
        last = self.hours - 1
        for booth, free in enumerate(self.free):
            s = free if free > t else t
            h = int(s // HOUR)
            if h > last:
                if self.next_open[booth][last] != last:
                    continue
            else:
                opens = self.next_open[booth][h]
                if opens < 0:
                    continue
                if opens > h:
                    s = opens * HOUR
            if s < best:
                best, chosen = s, booth
        return best, chosen


def simulate(
    port: PortModel,
    stream: ArrivalStream,
    *,
    seed: int = 0,
    switch_margin_seconds: float = 60.0,
) -> Trace:
    """Run ``stream`` through ``port``; the same seed gives the same trace."""
    rng = np.random.default_rng(seed)
    n = len(stream)
    lanes = port.lanes
    index_of = {lane.type: i for i, lane in enumerate(lanes)}

    # The lanes each (class, credential) may use at this port, dedicated lane first.
    options: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for k in np.unique(stream.kinds).tolist() if n else []:
        for c in np.unique(stream.credentials[stream.kinds == k]).tolist():
            kind, credential = VEHICLE_CLASSES[k], CREDENTIALS[c]
            usable = [
                (index_of[t], rank * switch_margin_seconds)
                for rank, t in enumerate(
                    t for t in eligible_lanes(kind, credential) if t in index_of
                )
                if any(lanes[index_of[t]].booths)
            ]
            if not usable:
                raise ValidationFailed(
                    f"port {port.code}: no open lane takes a {kind} with credential {credential}"
                )
            for lane_i, _ in usable:
                if kind not in lanes[lane_i].service:
                    raise ValidationFailed(
                        f"port {port.code}: lane {lanes[lane_i].type} has no service time "
                        f"for a {kind}"
                    )
            options[(k, c)] = usable

    # Service times drawn in bulk: one column per lane, one row per vehicle, so that the
    # draw a vehicle gets does not depend on the lane another vehicle chose.
    services = np.zeros((len(lanes), n))
    means = np.zeros((len(lanes), len(VEHICLE_CLASSES)))
    for i, lane in enumerate(lanes):
        for k, kind in enumerate(VEHICLE_CLASSES):
            chosen = stream.kinds == k
            count = int(chosen.sum())
            if kind in lane.service:
                means[i, k] = lane.service[kind].mean_seconds
                if count:
                    services[i, chosen] = lane.service[kind].draw(rng, count)
    referred = rng.random(n) < port.secondary.referral_rate

    booths = [_Booths(lane.booths) for lane in lanes]
    waiting: list[deque[float]] = [deque() for _ in lanes]
    open_now = [lane.booths for lane in lanes]
    horizon = port.hours
    lane_of = np.zeros(n, dtype=np.int16)
    start = np.zeros(n)
    service = np.zeros(n)
    ahead = np.zeros(n, dtype=np.int32)
    times = stream.times.tolist()
    kinds = stream.kinds.tolist()
    creds = stream.credentials.tolist()
    means_list = means.tolist()

    for v in range(n):
        t = times[v]
        hour = min(int(t // HOUR), horizon - 1)
        choices = options[(kinds[v], creds[v])]
        if len(choices) == 1:
            chosen_lane = choices[0][0]
            queue = waiting[chosen_lane]
            while queue and queue[0] <= t:
                queue.popleft()
        else:
            chosen_lane, best = choices[0][0], INF
            for lane_i, penalty in choices:
                queue = waiting[lane_i]
                while queue and queue[0] <= t:
                    queue.popleft()
                schedule = open_now[lane_i]
                staffed = schedule[min(hour, len(schedule) - 1)]
                if staffed == 0:
                    continue
                expected = len(queue) * means_list[lane_i][kinds[v]] / staffed + penalty
                if expected < best:
                    chosen_lane, best = lane_i, expected
            queue = waiting[chosen_lane]
        s, booth = booths[chosen_lane].earliest(t)
        took = float(services[chosen_lane, v])
        booths[chosen_lane].free[booth] = s + took
        ahead[v] = len(queue)
        queue.append(s)
        lane_of[v], start[v], service[v] = chosen_lane, s, took

    secondary_start, secondary_service = _secondary(port, start + service, referred, rng)
    return Trace(
        port=port,
        arrival=stream.times.copy(),
        kind=stream.kinds.copy(),
        lane=lane_of,
        start=start,
        service=service,
        queue_ahead=ahead,
        referred=referred,
        secondary_start=secondary_start,
        secondary_service=secondary_service,
    )


def _secondary(
    port: PortModel,
    leave_primary: npt.NDArray[np.float64],
    referred: npt.NDArray[np.bool_],
    rng: np.random.Generator,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    n = len(leave_primary)
    starts = np.full(n, np.nan)
    services = np.full(n, np.nan)
    who = np.flatnonzero(referred)
    if who.size == 0:
        return starts, services
    # Referred vehicles reach secondary in the order they leave primary, not of arrival.
    who = who[np.argsort(leave_primary[who], kind="stable")]
    drawn = port.secondary.service.draw(rng, who.size)
    station = _Booths(port.secondary.booths)
    for j, v in enumerate(who.tolist()):
        s, booth = station.earliest(float(leave_primary[v]))
        station.free[booth] = s + float(drawn[j])
        starts[v], services[v] = s, drawn[j]
    return starts, services


def lane_types(trace: Trace) -> list[LaneType]:
    return [lane.type for lane in trace.port.lanes]
