"""Benchmark: one 24-hour day of a 12-booth land port with 20,000 vehicles.

Runs examples/operations/port-12-booths.yaml through the engine (arrivals drawn, every
vehicle simulated through primary and secondary, results aggregated by hour and lane) on
one core, and prints the median of several runs beside the 2-second target. Then runs
the same file once through `smartborder ops simulate`, start-up included.

    .venv/bin/python bench/simulation.py
"""

from __future__ import annotations

import os

# One core: no library may spread the work over threads behind our back.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from common import machine, median_seconds  # noqa: E402
from smartborder.operations.arrivals import generate  # noqa: E402
from smartborder.operations.config import parse_config  # noqa: E402
from smartborder.operations.results import SimulationResult, summarise  # noqa: E402
from smartborder.operations.simulation import simulate  # noqa: E402

CONFIG = Path(__file__).parents[1] / "examples" / "operations" / "port-12-booths.yaml"
RUNS = 7
TARGET_SECONDS = 2.0


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    parsed = parse_config(CONFIG.read_text(encoding="utf-8"), source=str(CONFIG))
    booths = sum(lane.booths[0] for lane in parsed.port.lanes)
    results: list[SimulationResult] = []

    def one_day() -> None:
        seed = len(results) + 1
        stream = generate(parsed.demand, np.random.default_rng(seed))
        trace = simulate(parsed.port, stream, seed=seed)
        results.append(summarise(trace, seed))

    median = median_seconds(one_day, runs=RUNS)
    last = results[-1]
    print(machine())
    print(f"port: {booths} primary booths, {parsed.demand.total():,.0f} vehicles expected in 24 h")
    print(
        f"vehicles simulated per run: {min(r.vehicles for r in results):,} to "
        f"{max(r.vehicles for r in results):,} (Poisson draws), {last.referred} to secondary"
    )
    print(
        f"median of {RUNS} runs (one core): {median:.3f} s per simulated day "
        f"(target <= {TARGET_SECONDS:.0f} s: {'met' if median <= TARGET_SECONDS else 'MISSED'})"
    )
    print(f"mean wait {last.overall.mean:.1f} min, 90th percentile {last.overall.p90:.1f} min")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "smartborder.cli.main",
                "ops",
                "simulate",
                str(CONFIG),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"`smartborder ops simulate` end to end, start-up included: "
            f"{time.perf_counter() - started:.2f} s"
        )


if __name__ == "__main__":
    main()
