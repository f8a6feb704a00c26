"""The port simulation: exactness against SimPy, schedules, lane choice, secondary."""

from __future__ import annotations

import numpy as np
import pytest
import simpy

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.errors import ValidationFailed
from smartborder.operations.arrivals import ArrivalStream, Demand, generate
from smartborder.operations.model import Credential, Lane, PortModel
from smartborder.operations.results import summarise
from smartborder.operations.service_times import Distribution, ServiceTime
from smartborder.operations.simulation import simulate
from tests.unit.operations.ops_ports import CAR, single_lane, three_lanes


def _cars(times: list[float], credential: Credential = Credential.NONE) -> ArrivalStream:
    return ArrivalStream.of([(t, CAR, credential) for t in times])


def _simpy_waits(arrivals: np.ndarray, services: np.ndarray, booths: int) -> np.ndarray:
    """The same FCFS queue written the textbook way, as SimPy processes."""
    env = simpy.Environment()
    station = simpy.Resource(env, capacity=booths)
    waits = np.zeros(len(arrivals))

    def vehicle(i: int):  # type: ignore[no-untyped-def]
        yield env.timeout(float(arrivals[i]) - env.now)
        with station.request() as turn:
            yield turn
            waits[i] = env.now - arrivals[i]
            yield env.timeout(float(services[i]))

    def source():  # type: ignore[no-untyped-def]
        for i in range(len(arrivals)):
            yield env.timeout(float(arrivals[i]) - env.now)
            env.process(vehicle(i))

    env.process(source())
    env.run()
    return waits


def test_waits_equal_those_of_a_simpy_model_of_the_same_queue() -> None:
    port = single_lane((3,) * 4, mean=60.0)
    stream = generate(Demand({(CAR, Credential.NONE): (170.0,) * 4}), np.random.default_rng(4))
    trace = simulate(port, stream, seed=4)
    reference = _simpy_waits(trace.arrival, trace.service, 3)
    assert len(trace.arrival) > 500
    assert np.abs(trace.wait.max()) > 60  # the queue did form
    np.testing.assert_allclose(trace.wait, reference, atol=1e-6)


def test_fixed_times_give_the_waits_worked_by_hand() -> None:
    port = single_lane((1,), mean=10.0, dist=Distribution.FIXED)
    trace = simulate(port, _cars([0.0, 1.0, 2.0, 30.0]))
    assert trace.wait.tolist() == [0.0, 9.0, 18.0, 0.0]
    assert trace.queue_ahead.tolist() == [0, 0, 1, 0]


def test_no_vehicle_starts_at_a_closed_booth() -> None:
    # Hour 0: no booth; hour 1: one booth. Everyone arriving in hour 0 waits for 3600 s.
    port = single_lane((0, 1, 1), mean=5.0, dist=Distribution.FIXED)
    trace = simulate(port, _cars([10.0, 20.0, 4000.0]))
    assert trace.start.tolist() == [3600.0, 3605.0, 4000.0]


def test_a_closing_booth_finishes_the_vehicle_in_hand() -> None:
    port = single_lane((2, 1), mean=100.0, dist=Distribution.FIXED)
    trace = simulate(port, _cars([3550.0, 3560.0, 3570.0]))
    # Both booths start a car before 3600; the second booth then closes, so the third
    # car waits for the first booth (free at 3650).
    assert trace.start.tolist() == [3550.0, 3560.0, 3650.0]


def test_the_same_seed_gives_the_same_day() -> None:
    port = three_lanes(referral=0.05)
    demand = Demand.from_shares({CAR: (300.0,) * 24}, {CAR: {Credential.NEXUS: 0.2}})
    first = summarise(simulate(port, generate(demand, np.random.default_rng(9)), seed=9), 9)
    again = summarise(simulate(port, generate(demand, np.random.default_rng(9)), seed=9), 9)
    other = summarise(simulate(port, generate(demand, np.random.default_rng(10)), seed=10), 10)
    assert first == again
    assert first != other


def test_nexus_members_use_another_lane_when_theirs_is_closed() -> None:
    service = {CAR: ServiceTime(30.0, Distribution.FIXED, 0.0)}
    port = PortModel(
        code="T",
        lanes=(
            Lane(LaneType.GENERAL, (1, 1), service),
            Lane(LaneType.NEXUS, (0, 1), service),
        ),
    )
    trace = simulate(port, _cars([100.0, 3700.0], Credential.NEXUS))
    names = [port.lanes[i].type for i in trace.lane.tolist()]
    assert names == [LaneType.GENERAL, LaneType.NEXUS]


def test_eligible_travellers_leave_a_long_queue_for_a_short_one() -> None:
    service = {CAR: ServiceTime(60.0, Distribution.FIXED, 0.0)}
    port = PortModel(
        code="T",
        lanes=(Lane(LaneType.GENERAL, (1,), service), Lane(LaneType.READY, (1,), service)),
    )
    # Ten Ready cars at once: they split between the Ready and the general lane.
    trace = simulate(port, _cars([float(i) for i in range(10)], Credential.READY))
    assert set(trace.lane.tolist()) == {0, 1}
    # General-only cars never take the Ready lane.
    plain = simulate(port, _cars([float(i) for i in range(10)]))
    assert set(plain.lane.tolist()) == {0}


def test_referred_vehicles_queue_again_at_secondary() -> None:
    port = three_lanes(referral=0.1)
    demand = Demand({(CAR, Credential.NONE): (200.0,) * 24})
    trace = simulate(port, generate(demand, np.random.default_rng(2)), seed=2)
    referred = trace.referred
    assert 0.07 < referred.mean() < 0.13
    assert np.isnan(trace.secondary_start[~referred]).all()
    leave = (trace.start + trace.service)[referred]
    assert (trace.secondary_start[referred] >= leave - 1e-9).all()


def test_a_port_without_a_lane_for_trucks_refuses_them() -> None:
    stream = ArrivalStream.of([(0.0, ConveyanceKind.TRUCK, Credential.NONE)])
    with pytest.raises(ValidationFailed, match="no open lane takes a truck"):
        simulate(three_lanes(), stream)


def test_a_bus_cannot_hold_a_fast_card() -> None:
    with pytest.raises(ValidationFailed):
        ArrivalStream.of([(0.0, ConveyanceKind.BUS, Credential.FAST)])


def test_results_count_every_vehicle_once_and_keep_utilisation_within_one() -> None:
    port = three_lanes(referral=0.03)
    demand = Demand.from_shares({CAR: (400.0,) * 24}, {CAR: {Credential.READY: 0.3}})
    trace = simulate(port, generate(demand, np.random.default_rng(5)), seed=5)
    result = summarise(trace, 5)
    assert sum(r.arrivals for r in result.by_hour) == result.vehicles == len(trace.arrival)
    assert all(0.0 <= r.utilisation <= 1.0 + 1e-9 for r in result.by_hour)
    assert result.referred == int(trace.referred.sum())
    busy = result.row(12, "general")
    assert busy.utilisation > 0.5 and busy.queue_mean >= 0
