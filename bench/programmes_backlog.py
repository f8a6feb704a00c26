"""Benchmark: the NEXUS interview-backlog forecast against a simulation of the same centres.

For a few enrolment centres (made-up but plausible figures, on the scale of 2022, when
about 300,000 conditionally approved applicants waited 12 to 18 months for an
interview), forecast the wait of an applicant joining today and the day the backlog
clears (``smartborder.operations.interview_backlog.forecast``), then run the same centre
200 times day by day with Poisson arrivals and no-shows drawn slot by slot
(``simulate``), and print the two side by side with the relative error.

    .venv/bin/python bench/programmes_backlog.py

``check_backlog`` returns the lines rather than printing them, so that
``bench/programmes.py`` can include them in its own report.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, percentile  # noqa: E402
from smartborder.operations.backlog_simulation import SimulatedBacklog, simulate  # noqa: E402
from smartborder.operations.interview_backlog import (  # noqa: E402
    BacklogForecast,
    Centre,
    forecast,
)

# A Wednesday in the 2022 backlog.
ON = date(2022, 6, 1)
HORIZON_DAYS = 730
RUNS = 200
# The forecast passes when its mean and 90th-percentile wait, and its clearing day, are
# within this of the simulation's.
TOLERANCE = 0.05


@dataclass(frozen=True)
class Setting:
    """One centre and its queue on ``ON``."""

    centre: Centre
    waiting: int
    arrivals_per_day: float


SETTINGS = (
    # Arrivals above capacity: the backlog grows.
    Setting(Centre("BLA", "Blaine WA", 120, no_show_rate=0.08), 36_000, 85),
    # A small centre whose backlog clears in under two years.
    Setting(Centre("LAN", "Lansdowne ON", 60, no_show_rate=0.10), 9_000, 25),
    # Open six days a week; clears in about 19 months.
    Setting(
        Centre("YVR", "Vancouver airport", 200, frozenset(range(6)), no_show_rate=0.05),
        25_000,
        120,
    ),
    # Arrivals a hair under capacity: it shrinks, but too slowly to clear in two years.
    Setting(Centre("CHA", "Champlain NY", 80, no_show_rate=0.07), 12_000, 53),
)


def check_backlog(seed: int = 20261203) -> list[str]:
    """The forecast beside the simulation for each centre, one block of lines each."""
    lines = [
        f"interview backlog on {ON:%Y-%m-%d}: forecast (fluid model, normal approximation "
        f"for the 90th percentile) against {RUNS} simulated runs, tolerance {TOLERANCE:.0%}"
    ]
    failures = 0
    for setting in SETTINGS:
        block, passed = _check(setting, seed)
        lines += block
        failures += not passed
    lines.append(
        f"all {len(SETTINGS)} centres within {TOLERANCE:.0%}"
        if failures == 0
        else f"{failures} of {len(SETTINGS)} centres OUTSIDE {TOLERANCE:.0%}"
    )
    return lines


def _check(setting: Setting, seed: int) -> tuple[list[str], bool]:
    centre = setting.centre
    predicted = forecast(centre, setting.waiting, setting.arrivals_per_day, on=ON)
    # Long enough to see every applicant followed interviewed, and the horizon out.
    days = max(HORIZON_DAYS, math.ceil(predicted.percentile_wait_days * 1.2))
    started = time.perf_counter()
    runs = simulate(
        centre, setting.waiting, setting.arrivals_per_day, on=ON, days=days, seed=seed, runs=RUNS
    )
    seconds = time.perf_counter() - started
    mean_wait = statistics.mean(runs.waits)
    wait_90th = percentile(list(runs.waits), 90)
    mean_error = _relative(predicted.expected_wait_days, mean_wait)
    error_90th = _relative(predicted.percentile_wait_days, wait_90th)
    clearing, clears_agree = _clearing(predicted, runs)
    passed = clears_agree and max(abs(mean_error), abs(error_90th)) <= TOLERANCE
    state = "grows" if predicted.growing else "shrinks"
    return [
        f"{centre.name} ({centre.code}): {centre.interviews_per_day:g} a day "
        f"({len(centre.open_weekdays)} days a week), {centre.no_show_rate:.0%} no-shows, "
        f"{setting.waiting:,} waiting, {setting.arrivals_per_day:g} arriving a day against "
        f"{predicted.capacity_per_day:.1f} interviewed a day: {state}",
        f"  wait, mean:  forecast {predicted.expected_wait_days:6.1f} d, simulated "
        f"{mean_wait:6.1f} d, error {mean_error:+.2%}",
        f"  wait, 90th:  forecast {predicted.percentile_wait_days:6d} d, simulated "
        f"{wait_90th:6.0f} d, error {error_90th:+.2%}",
        f"  clears:      {clearing}",
        f"  {RUNS} runs of {days} days in {seconds:.1f} s: {'ok' if passed else 'OUTSIDE'}",
    ], passed


def _clearing(predicted: BacklogForecast, runs: SimulatedBacklog) -> tuple[str, bool]:
    """The clearing day, forecast beside simulated, and whether they agree."""
    # Within the forecast's horizon only, though the runs may be longer.
    cleared = [day for day in runs.clear_days if day is not None and day < HORIZON_DAYS]
    share = f"{len(cleared)} of {len(runs.clear_days)} runs cleared within {HORIZON_DAYS} d"
    if predicted.clears_on is None:
        # Agreement: hardly any run clears where the forecast says the backlog will not.
        return f"forecast: not within {HORIZON_DAYS} d; {share}", len(cleared) <= TOLERANCE * len(
            runs.clear_days
        )
    forecast_day = (predicted.clears_on - ON).days
    if len(cleared) < len(runs.clear_days):
        return f"forecast day {forecast_day}; only {share}", False
    mean_day = statistics.mean(cleared)
    error = _relative(forecast_day, mean_day)
    return (
        f"forecast day {forecast_day} ({predicted.clears_on:%Y-%m-%d}), simulated mean "
        f"day {mean_day:.1f} ({share}), error {error:+.2%}"
    ), abs(error) <= TOLERANCE


def _relative(predicted: float, observed: float) -> float:
    return (predicted - observed) / observed if observed else math.inf


def main() -> None:
    print(machine())
    for line in check_backlog():
        print(line)


if __name__ == "__main__":
    main()
