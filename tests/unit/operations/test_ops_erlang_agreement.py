"""Done-when: the simulation of an M/M/c port agrees with Erlang C within 5% over a long run."""

from __future__ import annotations

import numpy as np
import pytest

from smartborder.operations import erlang
from smartborder.operations.arrivals import Demand, generate
from smartborder.operations.model import Credential
from smartborder.operations.simulation import simulate
from tests.unit.operations.ops_ports import CAR, single_lane

WARM_UP_HOURS = 24


def _run(
    booths: int, utilisation: float, mean: float, hours: int, seed: int
) -> tuple[float, float, float, float]:
    lam = utilisation * booths / mean
    port = single_lane((booths,) * hours, mean=mean)
    demand = Demand({(CAR, Credential.NONE): (lam * 3600.0,) * hours})
    trace = simulate(port, generate(demand, np.random.default_rng(seed)), seed=seed)
    steady = trace.arrival > WARM_UP_HOURS * 3600.0
    waits = trace.wait[steady]
    return (
        float(waits.mean()),
        erlang.mean_wait_seconds(lam, 1 / mean, booths),
        float((waits > 0).mean()),
        erlang.probability_of_waiting(lam, 1 / mean, booths),
    )


@pytest.mark.slow  # seconds: ~1.4 million simulated vehicles
def test_mean_wait_agrees_with_erlang_c_within_five_percent() -> None:
    # 4 booths at 80% utilisation, one-minute mean service: ~1.4 million vehicles.
    simulated, theory, waited, p_wait = _run(4, 0.8, 60.0, 6000, seed=11)
    assert abs(simulated / theory - 1) < 0.05, (simulated, theory)
    assert abs(waited / p_wait - 1) < 0.05, (waited, p_wait)


@pytest.mark.slow
def test_agreement_holds_for_a_larger_port_and_a_lighter_load() -> None:
    simulated, theory, waited, p_wait = _run(10, 0.7, 34.0, 3000, seed=12)
    assert abs(simulated / theory - 1) < 0.05, (simulated, theory)
    assert abs(waited / p_wait - 1) < 0.05, (waited, p_wait)
