"""Staffing: Erlang C's start, confirmed by simulation, beside the flat schedule."""

from __future__ import annotations

import pytest

from smartborder.domain import LaneType
from smartborder.errors import FormatError, ValidationFailed
from smartborder.operations import erlang
from smartborder.operations.model import Credential
from smartborder.operations.profile import demand_of, parse_profile, port_for
from smartborder.operations.staffing import flat_schedule, lane_loads, plan_staffing

# A short day with a sharp peak, in the profile format of `ops staff`.
PROFILE = "hour,lane,vehicles\n" + "".join(
    f"{h},general,{v}\n{h},nexus,{v // 4}\n"
    for h, v in enumerate([30, 30, 200, 420, 480, 300, 120, 40])
)


def test_flat_schedule_keeps_the_officer_hours() -> None:
    assert flat_schedule([1, 1, 5, 9]) == [4, 4, 4, 4]
    flat = flat_schedule([1, 2, 6, 1, 1])
    assert sum(flat) == 11 and max(flat) - min(flat) <= 1


def test_erlang_loads_follow_the_profile() -> None:
    lanes = parse_profile(PROFILE)
    port = port_for(lanes)
    loads = {load.lane: load for load in lane_loads(port, demand_of(lanes))}
    assert loads[LaneType.GENERAL].vehicles[4] == 480
    assert loads[LaneType.NEXUS].vehicles[4] == 120


def test_the_plan_holds_the_target_and_beats_the_flat_schedule() -> None:
    lanes = parse_profile(PROFILE)
    port = port_for(lanes)
    demand = demand_of(lanes)
    targets = [2.0] * port.hours
    plan = plan_staffing(port, demand, targets, seeds=(1, 2))
    assert plan.planned.hours_over_target == 0
    general = plan.planned.port.lane(LaneType.GENERAL)
    assert general is not None
    # More booths at the peak than at night, never fewer than Erlang C asked for.
    assert general.booths[4] > general.booths[0]
    assert all(b >= e for b, e in zip(general.booths, plan.erlang["general"], strict=True))
    # Erlang C's own figure for its schedule holds the target in every hour.
    load = next(x for x in plan.loads if x.lane is LaneType.GENERAL)
    for h, c in enumerate(plan.erlang["general"]):
        lam, mu = load.vehicles[h] / 3600, 1 / load.mean_service_seconds[h]
        assert erlang.mean_wait_seconds(lam, mu, c) <= targets[h] * 60
    assert plan.flat.port.officer_hours == plan.planned.port.officer_hours
    assert plan.flat.overall.mean > plan.planned.overall.mean
    assert plan.flat.hours_over_target > 0


def test_moving_travellers_into_nexus_needs_fewer_officer_hours() -> None:
    lanes = parse_profile(PROFILE)
    port = port_for(lanes)
    demand = demand_of(lanes)
    targets = [2.0] * port.hours
    before = plan_staffing(port, demand, targets, seeds=(1,))
    after = plan_staffing(port, demand.shifted(0.5, Credential.NEXUS), targets, seeds=(1,))
    assert after.planned.port.officer_hours < before.planned.port.officer_hours


def test_targets_must_be_positive_and_cover_every_hour() -> None:
    lanes = parse_profile(PROFILE)
    port = port_for(lanes)
    with pytest.raises(ValidationFailed):
        plan_staffing(port, demand_of(lanes), [2.0])
    with pytest.raises(ValidationFailed):
        plan_staffing(port, demand_of(lanes), [0.0] * port.hours)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hour,lane\n", "header"),
        ("hour,lane,vehicles\nnoon,general,3\n", "line 2.*whole number"),
        ("hour,lane,vehicles\n1,tunnel,3\n", "tunnel"),
        ("hour,lane,vehicles\n1,general,-3\n", "outside"),
        ("hour,lane,vehicles\n1,general,3\n1,general,4\n", "line 3.*twice"),
    ],
)
def test_profile_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_profile(text)


def test_a_share_within_target_holds_that_quantile() -> None:
    lanes = parse_profile(PROFILE)
    port = port_for(lanes)
    by_mean = plan_staffing(port, demand_of(lanes), [1.0] * port.hours, seeds=(1,))
    by_p95 = plan_staffing(
        port, demand_of(lanes), [1.0] * port.hours, seeds=(1,), share_within=0.95
    )
    assert by_p95.planned.hours_over_target == 0
    assert by_p95.planned.port.officer_hours >= by_mean.planned.port.officer_hours
    assert max(max(v) for v in by_p95.planned.mean_wait_by_hour.values()) <= 1.0
