"""The booths each hour of a port's day needed to hold the service standard, from the
waits recorded there.

The store keeps an hour's wait and the booths that were open, not its traffic. As in
``what_if``, the arrivals that make that wait with those booths are found under Erlang C
(M/M/c, the lane's usual booth time), and ``staffing.erlang_schedule`` gives the fewest
booths that hold the target for the same arrivals, with Erlang C's mean wait at them.
An hour without a booth open, or with no wait at all, tells nothing of its traffic (any
light traffic waits nothing), so it has no plan: a plan there would be a guess.

Why not ``staffing.plan_staffing`` (Erlang C confirmed by simulation, as ``ops staff``
does): it simulates every vehicle of the day in Python, over three seeds, for the plan
and again for the flat schedule, and once more per round that adds a booth. A day of
about 10,000 vehicles takes 0.4 s with no round needed (measured on this project's
2-core machine) and seconds when rounds are, which a page cannot spend; and the traffic
here is itself inferred under Erlang C, so the simulation (lognormal booth times, lane
choice) would be checking a model against another. ``ops staff`` remains the plan to
roster with, from counted arrivals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait
from smartborder.operations.erlang import mean_wait_seconds
from smartborder.operations.staffing import LaneLoad, erlang_schedule
from smartborder.operations.what_if import implied_arrivals, service_rate


@dataclass(frozen=True, slots=True)
class PlannedHour:
    """One lane's hour: the booths that hold the target and the wait expected at them."""

    booths: int
    wait_minutes: float  # Erlang C's mean wait with ``booths`` open
    vehicles: float  # the hour's traffic, as its recorded wait and booths imply


@dataclass(frozen=True, slots=True)
class BoothPlan:
    target_minutes: float
    # each lane's hours, in order; None for an hour whose traffic cannot be told
    lanes: dict[LaneType, list[PlannedHour | None]]

    @property
    def planned_lanes(self) -> list[LaneType]:
        """The lanes with at least one hour planned."""
        return [lane for lane, hours in self.lanes.items() if any(hours)]

    @property
    def officer_hours(self) -> int:
        """Booth-hours the plan opens over the hours it covers."""
        return sum(h.booths for hours in self.lanes.values() for h in hours if h is not None)


def _traffic(wait: LaneWait | None, mu: float) -> float | None:
    """Vehicles per second the hour's wait and booths imply; None when they cannot tell."""
    if wait is None or not wait.lanes_open or wait.delay_minutes <= 0:
        return None
    return implied_arrivals(wait.delay_minutes * 60, mu, wait.lanes_open)


def plan_booths(
    lanes: Mapping[LaneType, Sequence[LaneWait | None]], target_minutes: float
) -> BoothPlan:
    """For each lane's hours (the wait recorded in each, or None), the fewest booths that
    keep the mean wait within ``target_minutes`` for the same traffic."""
    planned: dict[LaneType, list[PlannedHour | None]] = {}
    for lane, hours in lanes.items():
        mu = service_rate(lane)
        rates = [_traffic(wait, mu) for wait in hours]
        load = LaneLoad(lane, tuple((r or 0.0) * 3600 for r in rates), (1 / mu,) * len(rates))
        booths = erlang_schedule(load, [target_minutes] * len(rates), minimum=1)
        planned[lane] = [
            None if lam is None else PlannedHour(c, mean_wait_seconds(lam, mu, c) / 60, lam * 3600)
            for lam, c in zip(rates, booths, strict=True)
        ]
    return BoothPlan(target_minutes, planned)
