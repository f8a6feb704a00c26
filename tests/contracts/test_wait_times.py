"""Waits per port, lane, source and hour: replaced per hour, read newest, in windows."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait, WaitSource
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 15, tzinfo=UTC)


def _wait(
    hours: int,
    minutes: float,
    source: WaitSource = WaitSource.OBSERVED,
    lane: LaneType = LaneType.GENERAL,
    lanes_open: int | None = 4,
    port: str = "813",
) -> LaneWait:
    return LaneWait(port, lane, T0 + timedelta(hours=hours), minutes, source, lanes_open)


def _put(store: Container, waits: list[LaneWait]) -> None:
    with store.units() as uow:
        uow.wait_times.put_many(waits, T0)
        uow.commit()


def test_between_gives_a_sources_waits_in_a_half_open_window_by_lane_then_hour(
    store: Container,
) -> None:
    at_pacific = LaneWait(
        "813", LaneType.NEXUS, datetime(2026, 7, 3, 9, tzinfo=PACIFIC), 12.25, WaitSource.SIMULATED
    )
    _put(
        store,
        [
            _wait(2, 30.5, WaitSource.SIMULATED),
            _wait(0, 10, WaitSource.SIMULATED, lanes_open=None),
            at_pacific,  # 16:00 UTC
            _wait(3, 40, WaitSource.SIMULATED),  # at ``end``: left out
            _wait(-1, 50, WaitSource.SIMULATED),  # before ``first``
            _wait(1, 60, WaitSource.OBSERVED),
            _wait(1, 70, WaitSource.SIMULATED, port="3004"),
        ],
    )
    with store.units() as uow:
        found = uow.wait_times.between("813", WaitSource.SIMULATED, T0, T0 + timedelta(hours=3))
    assert found == [
        _wait(0, 10, WaitSource.SIMULATED, lanes_open=None),
        _wait(2, 30.5, WaitSource.SIMULATED),
        at_pacific,
    ]
    assert found[2].hour == T0 + timedelta(hours=1) and found[2].hour.utcoffset() == timedelta(0)


def test_writing_an_hour_again_replaces_it_and_the_last_of_a_batch_wins(
    store: Container,
) -> None:
    _put(store, [_wait(0, 10), _wait(1, 11)])
    _put(store, [_wait(0, 20, lanes_open=6), _wait(0, 25, lanes_open=7)])
    with store.units() as uow:
        found = uow.wait_times.between("813", WaitSource.OBSERVED, T0, T0 + timedelta(hours=2))
    assert [(w.hour, w.delay_minutes, w.lanes_open) for w in found] == [
        (T0, 25.0, 7),
        (T0 + timedelta(hours=1), 11.0, 4),
    ]


def test_latest_is_per_lane_the_newest_current_wait_an_observation_first(
    store: Container,
) -> None:
    _put(
        store,
        [
            _wait(-2, 5, WaitSource.OBSERVED),
            _wait(-1, 7, WaitSource.SIMULATED),
            _wait(-1, 9, WaitSource.OBSERVED),  # the same hour: the observation wins
            _wait(1, 99, WaitSource.OBSERVED),  # after the moment asked about
            _wait(0, 3, WaitSource.SIMULATED, LaneType.NEXUS, 2),  # at the moment: in
            _wait(-3, 1, WaitSource.OBSERVED, LaneType.NEXUS, 2),
            _wait(0, 44, WaitSource.FORECAST, LaneType.READY),  # a forecast is not current
            _wait(0, 55, WaitSource.OBSERVED, LaneType.FAST, port="3004"),
        ],
    )
    with store.units() as uow:
        latest = uow.wait_times.latest("813", T0)
        assert latest == {
            LaneType.GENERAL: _wait(-1, 9, WaitSource.OBSERVED),
            LaneType.NEXUS: _wait(0, 3, WaitSource.SIMULATED, LaneType.NEXUS, 2),
        }
        assert uow.wait_times.latest("813", T0 - timedelta(hours=10)) == {}
        assert uow.wait_times.latest("999", T0) == {}


def test_forecast_is_the_forecasts_after_a_moment_until_another_by_lane_then_hour(
    store: Container,
) -> None:
    _put(
        store,
        [
            _wait(0, 1, WaitSource.FORECAST),  # at ``after``: left out
            _wait(2, 3, WaitSource.FORECAST),
            _wait(1, 2, WaitSource.FORECAST),
            _wait(24, 4, WaitSource.FORECAST),  # at ``until``: in
            _wait(25, 5, WaitSource.FORECAST),
            _wait(1, 6, WaitSource.FORECAST, LaneType.COMMERCIAL),
            _wait(1, 7, WaitSource.SIMULATED),
            _wait(1, 8, WaitSource.FORECAST, port="3004"),
        ],
    )
    with store.units() as uow:
        found = uow.wait_times.forecast("813", T0, T0 + timedelta(hours=24))
    assert [(w.lane, w.delay_minutes) for w in found] == [
        (LaneType.COMMERCIAL, 6),
        (LaneType.GENERAL, 2),
        (LaneType.GENERAL, 3),
        (LaneType.GENERAL, 4),
    ]


def test_most_lanes_open_is_per_lane_the_most_ever_recorded(store: Container) -> None:
    _put(
        store,
        [
            _wait(0, 1, WaitSource.OBSERVED, lanes_open=4),
            _wait(1, 1, WaitSource.FORECAST, lanes_open=9),  # any source counts
            _wait(2, 1, WaitSource.SIMULATED, lanes_open=None),
            _wait(0, 1, WaitSource.OBSERVED, LaneType.NEXUS, lanes_open=None),
            _wait(0, 1, WaitSource.OBSERVED, LaneType.FAST, lanes_open=12, port="3004"),
        ],
    )
    with store.units() as uow:
        assert uow.wait_times.most_lanes_open("813") == {LaneType.GENERAL: 9, LaneType.NEXUS: 0}
        assert uow.wait_times.most_lanes_open("999") == {}


def test_waits_recorded_at_a_naive_time_are_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.wait_times.put_many([_wait(0, 10)], datetime(2026, 7, 3, 15, 5))
