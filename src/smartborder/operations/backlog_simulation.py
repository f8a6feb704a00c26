"""The interview backlog simulated: the same centre day by day, with chance in it.

The rules of ``interview_backlog.forecast`` with chance instead of averages: each day's
arrivals are Poisson (our own sampler: the engines do not use numpy), each booked slot
is a no-show with probability ``no_show_rate``, first come first served. The benchmark
checks the forecast against it (``bench/programmes_backlog.py``).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date
from itertools import islice

from smartborder.operations.interview_backlog import (
    Centre,
    InvalidBacklogInput,
    calendar,
    check_horizon,
    check_queue,
)


@dataclass(frozen=True)
class SimulatedBacklog:
    """Monte-Carlo runs of one centre: one applicant joining on day 0 in each run."""

    #: Days that applicant waited, one per run (``inf``: not interviewed within the days).
    waits: tuple[float, ...]
    #: The day each run's backlog cleared (None: not within the days simulated).
    clear_days: tuple[int | None, ...]


def simulate(
    centre: Centre,
    waiting: int,
    arrivals_per_day: float,
    *,
    on: date,
    days: int,
    seed: int,
    runs: int = 200,
) -> SimulatedBacklog:
    """Run the centre ``days`` days ``runs`` times, with Poisson arrivals and no-shows
    drawn slot by slot, and record when the applicant joining on day 0 is interviewed.

    The same rules as :func:`forecast`, with chance instead of averages: each day's
    arrivals are Poisson, each booked slot is a no-show with probability
    ``no_show_rate``. Deterministic for a given ``seed``.
    """
    check_queue(centre, waiting, arrivals_per_day)
    check_horizon(days)
    if runs < 1:
        raise InvalidBacklogInput(f"runs must be at least 1 (got {runs})")
    rng = random.Random(seed)
    slots = [held for _, held in islice(calendar(centre, on), days)]
    results = [
        _one_run(slots, waiting, arrivals_per_day, centre.no_show_rate, rng) for _ in range(runs)
    ]
    return SimulatedBacklog(
        waits=tuple(wait for wait, _ in results),
        clear_days=tuple(cleared for _, cleared in results),
    )


def _one_run(
    slots: list[int], waiting: int, arrivals_per_day: float, no_show: float, rng: random.Random
) -> tuple[float, int | None]:
    """One simulated run: (the day-0 applicant's wait, the day the backlog cleared)."""
    ahead, behind = waiting, 0
    wait = math.inf
    cleared: int | None = None
    for day, free in enumerate(slots):
        # The applicant followed is a marker, not part of the backlog that clears.
        if cleared is None and ahead + behind <= free:
            cleared = day
        given = min(free, ahead)
        ahead -= _attended(given, no_show, rng)
        free -= given
        if wait == math.inf and free > 0:
            wait, free = float(day), free - 1
        if wait != math.inf:
            behind -= _attended(min(free, behind), no_show, rng)
        behind += _poisson(arrivals_per_day, rng)
        if wait != math.inf and cleared is not None:
            break
    return wait, cleared


def _attended(booked: int, no_show: float, rng: random.Random) -> int:
    """How many of ``booked`` slots were used: one Bernoulli draw per slot."""
    if no_show == 0:
        return booked
    return sum(1 for _ in range(booked) if rng.random() >= no_show)


# Chunks keep exp(-mean) far from underflow (it reaches 0.0 near a mean of 745); a sum of
# independent Poisson counts is Poisson with the summed mean.
_POISSON_CHUNK = 500.0


def _poisson(mean: float, rng: random.Random) -> int:
    """A Poisson count by inversion: one uniform, then walk up the cumulative sum."""
    count = 0
    while mean > 0:
        part = min(mean, _POISSON_CHUNK)
        mean -= part
        u = rng.random()
        k, term = 0, math.exp(-part)
        cumulative = term
        while u > cumulative and term > 0:
            k += 1
            term *= part / k
            cumulative += term
        count += k
    return count
