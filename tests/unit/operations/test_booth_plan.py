"""The booths each hour needed to hold a wait target, for the traffic its wait implies."""

from datetime import UTC, datetime

import pytest

from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.operations.booth_plan import plan_booths
from smartborder.operations.erlang import mean_wait_seconds
from smartborder.operations.what_if import service_rate

NINE = datetime(2026, 7, 3, 16, tzinfo=UTC)


def wait(minutes: float, booths: int | None, lane: LaneType = LaneType.GENERAL) -> LaneWait:
    return LaneWait("813", lane, NINE, minutes, WaitSource.OBSERVED, lanes_open=booths)


def test_each_hour_gets_the_fewest_booths_that_hold_the_target() -> None:
    plan = plan_booths({LaneType.GENERAL: [wait(25, 4), wait(2, 6)]}, 10.0)
    busy, quiet = plan.lanes[LaneType.GENERAL]
    assert busy is not None and quiet is not None
    # 25 minutes at 4 booths: more than 4 are needed for 10; 2 minutes at 6: 6 are plenty.
    assert busy.booths > 4 and quiet.booths <= 6
    mu = service_rate(LaneType.GENERAL)
    for hour in (busy, quiet):
        lam = hour.vehicles / 3600
        assert hour.wait_minutes <= 10.0
        assert hour.wait_minutes == pytest.approx(mean_wait_seconds(lam, mu, hour.booths) / 60)
        if hour.booths > 1:  # one booth fewer would miss the target
            assert mean_wait_seconds(lam, mu, hour.booths - 1) / 60 > 10.0
    assert plan.officer_hours == busy.booths + quiet.booths
    assert plan.planned_lanes == [LaneType.GENERAL]


def test_an_hour_whose_traffic_cannot_be_told_has_no_plan() -> None:
    # Closed, no wait at all (any light traffic waits nothing), unknown booths, no figure.
    nexus = LaneType.NEXUS
    hours = [wait(0, 0, nexus), wait(0, 3, nexus), wait(5, None, nexus), None]
    plan = plan_booths({nexus: hours}, 20.0)
    assert plan.lanes[LaneType.NEXUS] == [None, None, None, None]
    assert plan.planned_lanes == [] and plan.officer_hours == 0


def test_a_longer_standard_needs_no_more_booths() -> None:
    hours = {LaneType.GENERAL: [wait(40, 8)]}
    weekday = plan_booths(hours, 10.0).lanes[LaneType.GENERAL][0]
    weekend = plan_booths(hours, 20.0).lanes[LaneType.GENERAL][0]
    assert weekday is not None and weekend is not None
    assert weekend.booths <= weekday.booths
    assert weekday.vehicles == pytest.approx(weekend.vehicles)
