"""What an hour's traffic would have waited with one booth more or one less.

A port's stored hours give the wait and the lanes open, not the arrivals. Under Erlang C
(``erlang``: M/M/c, booths alike, the lane's default service time) the mean wait grows
strictly with the arrival rate, so the arrivals that make the recorded wait with the
recorded booths are found by bisection, and the same arrivals are then put through one
booth more and one less. The model's assumptions (exponential service, no balking,
drivers not changing lanes) make it a supervisor's first estimate, not a simulation: the
port model (``simulation``) is the one to trust for a staffing plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from smartborder.domain import LaneType
from smartborder.operations.defaults import SERVICE
from smartborder.operations.erlang import mean_wait_seconds

#: Bisection stops once the arrivals are known to this share of the booths' capacity.
#: A page bisects every hour of every lane (the what-if and the staffing plan), and each
#: step is an Erlang C evaluation: 40 steps instead of a float's 53 or more keep a port's
#: day in milliseconds, and near capacity (the wait's most sensitive point, 30 minutes at
#: 12 booths) the wait given back is still within a millionth of the recorded one.
_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Minutes of mean wait with one booth less (None: none left; inf: cannot keep up)
    and one more."""

    one_less: float | None
    one_more: float


def service_rate(lane: LaneType) -> float:
    """Vehicles per second one booth of ``lane`` serves (its default service time)."""
    times = SERVICE.get(lane) or SERVICE[LaneType.GENERAL]
    return 1.0 / next(iter(times.values())).mean_seconds


def implied_arrivals(wait_seconds: float, mu: float, booths: int) -> float:
    """The arrival rate (per second) at which ``booths`` booths give ``wait_seconds``."""
    if wait_seconds <= 0:
        return 0.0
    low, high = 0.0, booths * mu  # the wait is infinite at c * mu
    while high - low > _TOLERANCE * booths * mu:
        middle = (low + high) / 2
        if mean_wait_seconds(middle, mu, booths) < wait_seconds:
            low = middle
        else:
            high = middle
    return low


def one_booth_more_or_less(wait_minutes: float, booths: int, lane: LaneType) -> WhatIf | None:
    """The hour's wait with one booth more and one less; None without a booth open."""
    if booths < 1 or not math.isfinite(wait_minutes):
        return None
    mu = service_rate(lane)
    lam = implied_arrivals(wait_minutes * 60, mu, booths)
    less = None if booths == 1 else mean_wait_seconds(lam, mu, booths - 1) / 60
    return WhatIf(less, mean_wait_seconds(lam, mu, booths + 1) / 60)
