"""Benchmark: rolling-origin backtest of hourly delay forecasts at Peace Arch, 2019.

Every week from January to July 2019 (origins at midnight on 1 January and each 7 days
after, while the 168-hour horizon fits before the data ends on 30 July), forecast the
next 7 days from the history before the origin alone, through the public CLI
`smartborder ops backtest`. Prints our RMSE and MAE beside the seasonal naive forecast's.

The seasonal naive forecast is the standard one for hourly data with a weekly season
(m = 168): y_hat[T + h] = y[T + h - 168], last week's same hour, stepping back a further
week where that hour is a gap (Hyndman & Athanasopoulos, FPP3 section 5.2).

The data are read in place from ../shared/data (never copied into the repository):

    .venv/bin/python bench/forecast.py [PATH-TO-peace-arch-hourly.csv]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import numpy as np

from common import machine
from smartborder.operations.history import parse_history

# ../shared/data beside the project's checkout.
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wait-times"
HISTORY = DEFAULT_DATA / "peace-arch-hourly.csv"
TARGET_REDUCTION = 0.15


def describe(path: Path) -> None:
    """What the data look like: span, gaps, level by year, outliers."""
    series = parse_history(path.read_text(encoding="utf-8"), source=str(path))
    values = series.values
    gaps = np.isnan(values)
    runs, current = [], 0
    for missing in gaps.tolist():
        current = current + 1 if missing else 0
        if current == 1:
            runs.append(1)
        elif current > 1:
            runs[-1] = current
    print(
        f"data: {len(values):,} hours from {series.start:%Y-%m-%d} to "
        f"{series.end - timedelta(hours=1):%Y-%m-%d %H:%M}; {int(gaps.sum())} hours missing "
        f"in {len(runs)} gaps (longest {max(runs, default=0)} h)"
    )
    years = {}
    for year in range(series.start.year, series.end.year + 1):
        first = series.index_of(series.start.replace(year=year, month=1, day=1, hour=0))
        last = series.index_of(series.start.replace(year=year + 1, month=1, day=1, hour=0))
        chunk = values[max(first, 0) : max(last, 0)]
        years[year] = float(np.nanmean(chunk)) if np.any(~np.isnan(chunk)) else float("nan")
    print(
        "mean delay by year (level shifts): " + ", ".join(f"{y} {m:.1f}" for y, m in years.items())
    )
    known = values[~gaps]
    print(
        f"delay minutes: median {np.median(known):.1f}, 99th percentile "
        f"{np.percentile(known, 99):.1f}, max {known.max():.1f}; "
        f"{(known == 0).mean():.0%} of hours at zero (nights)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "history", nargs="?", type=Path, default=HISTORY, help="peace-arch-hourly.csv"
    )
    path = parser.parse_args().history
    if not path.exists():
        sys.exit(f"no data at {path}: pass the path of peace-arch-hourly.csv")
    print(machine())
    describe(path)
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartborder.cli.main",
            "ops",
            "backtest",
            str(path),
            "--from",
            "2019-01-01",
            "--to",
            "2019-07-31",
            "--horizon",
            "168",
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    result = json.loads(run.stdout)
    ours, naive = result["ours"], result["seasonal_naive"]
    print(
        f"backtest: {result['origins']} weekly origins (2019-01-01 to "
        f"{result['by_origin'][-1]['origin'][:10]}), horizon 168 h, "
        f"{result['hours_scored']:,} hours scored, retrained at each origin, {seconds:.0f} s"
    )
    print(f"{'forecast':<34}{'MAE':>8}{'RMSE':>8}")
    print(f"{'ours (LightGBM, calendar+holidays)':<34}{ours['mae']:>8.2f}{ours['rmse']:>8.2f}")
    print(f"{'seasonal naive (weekly, m=168)':<34}{naive['mae']:>8.2f}{naive['rmse']:>8.2f}")
    reduction = result["rmse_reduction"]
    print(
        f"RMSE {reduction:.1%} below the seasonal naive forecast (target >= "
        f"{TARGET_REDUCTION:.0%}: {'met' if reduction >= TARGET_REDUCTION else 'MISSED'}); "
        f"ours better in {result['origins_won']} of {result['origins']} weeks"
    )
    gains = [o["naive_rmse"] - o["ours_rmse"] for o in result["by_origin"]]
    print(
        f"weekly RMSE gain over naive: median {np.median(gains):.2f} min, "
        f"range {min(gains):.2f} to {max(gains):.2f} min"
    )


if __name__ == "__main__":
    main()
