"""A port's day and its staffing plan in one call, on the in-memory store."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from smartborder.bootstrap import bootstrap_memory
from smartborder.clearance.ports import register_ports
from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.errors import NotFound
from smartborder.waits import record_waits
from smartborder.waits.service import port_day_with_plan
from tests.factories import DOUGLAS

FRIDAY = date(2026, 7, 3)  # 20 minutes: CBSA's standard from Friday to Sunday
THURSDAY = date(2026, 7, 2)  # 10 minutes


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(DOUGLAS.timezone))


def test_the_plan_covers_the_hours_with_a_wait_and_booths_open_for_the_days_standard() -> None:
    node = bootstrap_memory()
    register_ports(node.units(), [DOUGLAS])
    record_waits(
        node.units(),
        [
            LaneWait("813", LaneType.GENERAL, at(FRIDAY, 9), 25, WaitSource.OBSERVED, lanes_open=4),
            LaneWait("813", LaneType.GENERAL, at(FRIDAY, 9), 20, WaitSource.FORECAST),
            # Estimated by the port model only: planned from the estimate.
            LaneWait("813", LaneType.NEXUS, at(FRIDAY, 10), 3, WaitSource.SIMULATED, lanes_open=2),
            LaneWait("813", LaneType.READY, at(THURSDAY, 9), 25, WaitSource.OBSERVED, lanes_open=4),
        ],
    )
    found = port_day_with_plan(node.units(), "813", FRIDAY)
    assert found.day.port == DOUGLAS and found.plan.target_minutes == 20.0
    assert set(found.day.lanes) == set(found.plan.lanes) == {LaneType.GENERAL, LaneType.NEXUS}
    general = found.plan.lanes[LaneType.GENERAL]
    assert len(general) == len(found.day.lanes[LaneType.GENERAL]) == 24
    nine = general[9]
    assert nine is not None and nine.booths == 5 and nine.wait_minutes <= 20
    assert [h for i, h in enumerate(general) if i != 9] == [None] * 23  # the forecast: no
    nexus = found.plan.lanes[LaneType.NEXUS][10]
    assert nexus is not None and nexus.booths <= 2
    assert port_day_with_plan(node.units(), "813", THURSDAY).plan.target_minutes == 10.0
    with pytest.raises(NotFound):
        port_day_with_plan(node.units(), "NOPE", FRIDAY)
