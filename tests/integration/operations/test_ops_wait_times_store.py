"""The wait_times repository on SQLite and PostgreSQL: replace, newest, forecast window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smartborder.bootstrap import Container, bootstrap_memory
from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait, WaitSource

T0 = datetime(2026, 7, 3, 15, tzinfo=UTC)


def _wait(
    hours: int,
    minutes: float,
    source: WaitSource,
    lane: LaneType = LaneType.GENERAL,
    lanes_open: int | None = 4,
) -> LaneWait:
    return LaneWait("813", lane, T0 + timedelta(hours=hours), minutes, source, lanes_open)


def test_writing_an_hour_again_replaces_it(container: Container) -> None:
    with container.units() as uow:
        uow.wait_times.put_many([_wait(0, 10, WaitSource.SIMULATED)], T0)
        uow.commit()
    with container.units() as uow:
        uow.wait_times.put_many([_wait(0, 12, WaitSource.SIMULATED, lanes_open=6)], T0)
        uow.commit()
    with container.units() as uow:
        rows = uow.wait_times.between("813", WaitSource.SIMULATED, T0, T0 + timedelta(hours=1))
        assert [(w.delay_minutes, w.lanes_open) for w in rows] == [(12.0, 6)]
        assert rows[0].hour == T0


def test_newest_wait_per_lane_prefers_an_observation(container: Container) -> None:
    with container.units() as uow:
        uow.wait_times.put_many(
            [
                _wait(-2, 5, WaitSource.SIMULATED),
                _wait(-1, 7, WaitSource.SIMULATED),
                _wait(-1, 9, WaitSource.OBSERVED),
                _wait(3, 99, WaitSource.OBSERVED),  # after the moment asked about
                _wait(-1, 1, WaitSource.SIMULATED, LaneType.NEXUS, 2),
                _wait(1, 20, WaitSource.FORECAST),
                _wait(2, 25, WaitSource.FORECAST),
                _wait(30, 30, WaitSource.FORECAST),
            ],
            T0,
        )
        uow.commit()
    with container.units() as uow:
        latest = uow.wait_times.latest("813", T0)
        assert latest[LaneType.GENERAL].delay_minutes == 9
        assert latest[LaneType.GENERAL].source is WaitSource.OBSERVED
        assert latest[LaneType.NEXUS].delay_minutes == 1
        coming = uow.wait_times.forecast("813", T0, T0 + timedelta(hours=24))
        assert [w.delay_minutes for w in coming] == [20, 25]
        assert uow.wait_times.most_lanes_open("813")[LaneType.NEXUS] == 2
        assert uow.wait_times.latest("999", T0) == {}


def test_uncommitted_waits_are_not_kept(container: Container) -> None:
    with container.units() as uow:
        uow.wait_times.put_many([_wait(0, 10, WaitSource.OBSERVED)], T0)
    with container.units() as uow:
        assert uow.wait_times.latest("813", T0 + timedelta(hours=1)) == {}


def test_the_in_memory_fake_keeps_the_same_promises(memory_container: Container) -> None:
    test_writing_an_hour_again_replaces_it(memory_container)
    fresh = bootstrap_memory(memory_container.settings)
    test_newest_wait_per_lane_prefers_an_observation(fresh)
    test_uncommitted_waits_are_not_kept(bootstrap_memory(memory_container.settings))
