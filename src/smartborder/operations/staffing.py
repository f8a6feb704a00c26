"""Booth staffing: the fewest booths each hour that hold a wait target.

Erlang C gives the start: each lane's hour is treated as a stationary M/M/c queue fed by
the vehicles whose dedicated lane it is. The simulation then runs that schedule (several
seeds pooled) and adds a booth wherever an hour still misses the target, because a queue
left over from a busy hour spills into the next and lane choice moves traffic between
lanes, neither of which Erlang C sees. The same officer-hours laid out flat (as many
booths every hour) is simulated beside it, which is how a schedule's worth is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from smartborder.domain import LaneType
from smartborder.errors import ValidationFailed
from smartborder.operations import erlang
from smartborder.operations.arrivals import Demand, generate
from smartborder.operations.model import PortModel, eligible_lanes
from smartborder.operations.results import WaitSummary
from smartborder.operations.simulation import simulate

MAX_ROUNDS = 40


@dataclass(frozen=True, slots=True)
class LaneLoad:
    """Expected vehicles per hour in a lane, and their mean service time there."""

    lane: LaneType
    vehicles: tuple[float, ...]
    mean_service_seconds: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A schedule and how the simulation says it does."""

    port: PortModel
    # lane -> simulated mean wait (min) per hour, or the target quantile with share_within
    mean_wait_by_hour: dict[str, list[float]]
    overall: WaitSummary
    hours_over_target: int  # lane-hours whose simulated mean wait misses the target
    worst_hour_minutes: float


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    """Erlang C's schedule, the schedule the simulation confirmed, and the flat one."""

    loads: tuple[LaneLoad, ...]
    targets_minutes: tuple[float, ...]
    erlang: dict[str, list[int]]  # lane -> booths per hour from Erlang C alone
    erlang_wait: dict[str, list[float]]  # lane -> Erlang C mean wait (min) at those booths
    planned: Outcome
    flat: Outcome
    rounds: int  # simulation rounds needed to confirm


def lane_loads(port: PortModel, demand: Demand) -> tuple[LaneLoad, ...]:
    """Each lane's traffic if every vehicle used its dedicated lane (the Erlang view)."""
    hours = port.hours
    present = {lane.type for lane in port.lanes}
    volume = {lane.type: np.zeros(hours) for lane in port.lanes}
    work = {lane.type: np.zeros(hours) for lane in port.lanes}
    for (kind, credential), rates in demand.per_hour.items():
        target = next((t for t in eligible_lanes(kind, credential) if t in present), None)
        if target is None:
            raise ValidationFailed(f"port {port.code} has no lane for a {kind} ({credential})")
        lane = port.lane(target)
        assert lane is not None
        if kind not in lane.service:
            raise ValidationFailed(f"lane {target} has no service time for a {kind}")
        r = np.zeros(hours)
        r[: min(hours, len(rates))] = rates[:hours]
        volume[target] += r
        work[target] += r * lane.service[kind].mean_seconds
    loads = []
    for lane in port.lanes:
        v = volume[lane.type]
        fallback = min(s.mean_seconds for s in lane.service.values())
        mean = np.where(v > 0, work[lane.type] / np.maximum(v, 1e-12), fallback)
        loads.append(LaneLoad(lane.type, tuple(v.tolist()), tuple(mean.tolist())))
    return tuple(loads)


def erlang_schedule(
    load: LaneLoad,
    targets_minutes: Sequence[float],
    *,
    share_within: float | None = None,
    minimum: int = 0,
) -> list[int]:
    """Erlang C's fewest booths for each hour of one lane."""
    booths = []
    for h, vehicles in enumerate(load.vehicles):
        lam = vehicles / 3600.0
        mu = 1.0 / load.mean_service_seconds[h]
        c = erlang.fewest_booths(lam, mu, targets_minutes[h] * 60.0, share_within=share_within)
        booths.append(max(c, minimum))
    return booths


def _with_booths(port: PortModel, booths: dict[str, list[int]]) -> PortModel:
    lanes = tuple(replace(lane, booths=tuple(booths[str(lane.type)])) for lane in port.lanes)
    return replace(port, lanes=lanes)


def evaluate(
    port: PortModel,
    demand: Demand,
    targets_minutes: Sequence[float],
    seeds: Sequence[int],
    *,
    share_within: float | None = None,
) -> Outcome:
    """Simulate ``port`` over ``seeds`` and measure it against the hourly targets.

    The runs are pooled: each lane-hour's figure is the mean wait of every vehicle that
    arrived in it over all runs, or with ``share_within`` that quantile of their waits.
    """
    traces = [
        simulate(port, generate(demand, np.random.default_rng(seed)), seed=seed) for seed in seeds
    ]
    waits = np.concatenate([t.wait for t in traces]) / 60.0 if traces else np.zeros(0)
    lanes = np.concatenate([t.lane for t in traces]) if traces else np.zeros(0, np.int16)
    hours = (
        np.clip(
            (np.concatenate([t.arrival for t in traces]) // 3600).astype(np.int64),
            0,
            port.hours - 1,
        )
        if traces
        else np.zeros(0, np.int64)
    )
    by_hour: dict[str, list[float]] = {}
    over = 0
    worst = 0.0
    for i, lane in enumerate(port.lanes):
        in_lane = lanes == i
        lane_waits, lane_hours = waits[in_lane], hours[in_lane]
        figures = []
        for h in range(port.hours):
            hour_waits = lane_waits[lane_hours == h]
            if hour_waits.size == 0:
                value = 0.0
            elif share_within is None:
                value = float(hour_waits.mean())
            else:
                value = float(np.quantile(hour_waits, share_within))
            figures.append(round(value, 3))
            if value > targets_minutes[h] + 1e-9:
                over += 1
            worst = max(worst, value)
        by_hour[str(lane.type)] = figures
    return Outcome(port, by_hour, WaitSummary.of(waits * 60.0), over, round(worst, 3))


def flat_schedule(booths: Sequence[int]) -> list[int]:
    """The same booth-hours spread evenly: as many booths every hour, the rest spaced out."""
    hours = len(booths)
    total = sum(booths)
    base, extra = divmod(total, hours)
    flat = [base] * hours
    for k in range(extra):
        flat[(k * hours) // extra] += 1
    return flat


def plan_staffing(
    port: PortModel,
    demand: Demand,
    targets_minutes: Sequence[float],
    *,
    seeds: Sequence[int] = (1, 2, 3),
    share_within: float | None = None,
    minimum_booths: int = 1,
) -> StaffingPlan:
    """Erlang C's fewest booths per lane and hour, raised until the simulation holds them."""
    hours = port.hours
    if len(targets_minutes) != hours:
        raise ValidationFailed(f"{len(targets_minutes)} targets given for {hours} hours")
    if any(t <= 0 for t in targets_minutes):
        raise ValidationFailed("wait targets must be > 0 minutes")
    loads = lane_loads(port, demand)
    booths: dict[str, list[int]] = {}
    erlang_wait: dict[str, list[float]] = {}
    for load in loads:
        lane_booths = erlang_schedule(
            load, targets_minutes, share_within=share_within, minimum=minimum_booths
        )
        booths[str(load.lane)] = lane_booths
        erlang_wait[str(load.lane)] = [
            round(
                erlang.mean_wait_seconds(v / 3600.0, 1.0 / s, c) / 60.0,
                3,
            )
            for v, s, c in zip(load.vehicles, load.mean_service_seconds, lane_booths, strict=True)
        ]
    first = {lane: list(b) for lane, b in booths.items()}
    rounds = 0
    outcome = evaluate(
        _with_booths(port, booths), demand, targets_minutes, seeds, share_within=share_within
    )
    while outcome.hours_over_target and rounds < MAX_ROUNDS:
        rounds += 1
        for lane, means in outcome.mean_wait_by_hour.items():
            for h, value in enumerate(means):
                if value > targets_minutes[h]:
                    booths[lane][h] += 1
        outcome = evaluate(
            _with_booths(port, booths), demand, targets_minutes, seeds, share_within=share_within
        )
    flat = {lane: flat_schedule(b) for lane, b in booths.items()}
    flat_outcome = evaluate(
        _with_booths(port, flat), demand, targets_minutes, seeds, share_within=share_within
    )
    return StaffingPlan(
        loads=loads,
        targets_minutes=tuple(targets_minutes),
        erlang=first,
        erlang_wait=erlang_wait,
        planned=outcome,
        flat=flat_outcome,
        rounds=rounds,
    )
