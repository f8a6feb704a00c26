"""PNG charts for the reports: waits by hour and lane, booths scheduled, forecast vs actual.

matplotlib with the Agg backend (no display needed). Each function writes the one file it
is given and nothing else; it is the only I/O in the operations engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from smartborder.operations.results import SimulationResult  # noqa: E402

COLOURS = {
    "general": "#1f77b4",
    "nexus": "#2ca02c",
    "ready": "#ff7f0e",
    "commercial": "#8c564b",
    "fast": "#9467bd",
}


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    figure.savefig(partial, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    partial.replace(path)
    return path


def waits_by_hour(
    result: SimulationResult,
    path: Path,
    *,
    title: str = "",
    targets_minutes: Sequence[float] | None = None,
) -> Path:
    """Mean and 90th-percentile wait per hour for each lane, with the booths open below."""
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1.3]}
    )
    hours = np.arange(result.hours)
    lanes = list(result.lanes)
    width = 0.8 / max(len(lanes), 1)
    for i, lane in enumerate(lanes):
        rows = [result.row(h, lane) for h in range(result.hours)]
        colour = COLOURS.get(lane)
        top.plot(hours, [r.wait.mean for r in rows], label=f"{lane} mean", color=colour)
        top.plot(hours, [r.wait.p90 for r in rows], linestyle=":", color=colour)
        bottom.bar(
            hours + (i - (len(lanes) - 1) / 2) * width,
            [r.booths for r in rows],
            width,
            color=colour,
            label=lane,
        )
    if targets_minutes is not None:
        top.step(hours, targets_minutes, where="mid", color="red", linewidth=1, label="target")
    top.set_ylabel("wait (minutes); dotted: 90th percentile")
    top.set_title(title or f"Port {result.port}: wait by hour and lane")
    top.legend(fontsize=8, ncol=2)
    top.grid(alpha=0.3)
    bottom.set_ylabel("booths open")
    bottom.set_xlabel("hour of day (local)")
    bottom.set_xticks(hours)
    bottom.grid(alpha=0.3, axis="y")
    return _save(figure, path)


def booths_scheduled(
    planned: Mapping[str, Sequence[int]],
    flat: Mapping[str, Sequence[int]],
    demand: Mapping[str, Sequence[float]],
    path: Path,
    *,
    title: str = "Booths scheduled",
) -> Path:
    """Booths per hour of the planned and the flat schedule, over the vehicles expected."""
    figure, axis = plt.subplots(figsize=(9, 4.5))
    hours = np.arange(len(next(iter(planned.values()))))
    total_planned = np.sum([np.asarray(b) for b in planned.values()], axis=0)
    total_flat = np.sum([np.asarray(b) for b in flat.values()], axis=0)
    axis.step(hours, total_planned, where="mid", label="planned (all lanes)", color="black")
    axis.step(
        hours,
        total_flat,
        where="mid",
        label="flat, same officer-hours",
        color="grey",
        linestyle="--",
    )
    bottom = np.zeros(len(hours))
    for lane, booths in planned.items():
        axis.bar(hours, booths, bottom=bottom, alpha=0.5, color=COLOURS.get(lane), label=lane)
        bottom += np.asarray(booths)
    twin = axis.twinx()
    twin.plot(
        hours,
        np.sum([np.asarray(v) for v in demand.values()], axis=0),
        color="red",
        linewidth=1,
        label="vehicles per hour",
    )
    twin.set_ylabel("vehicles per hour", color="red")
    axis.set_xlabel("hour")
    axis.set_ylabel("booths open")
    axis.set_title(title)
    axis.legend(fontsize=8, loc="upper left")
    axis.grid(alpha=0.3)
    return _save(figure, path)


def forecast_vs_actual(
    start: datetime,
    forecast: npt.NDArray[np.float64],
    path: Path,
    *,
    naive: npt.NDArray[np.float64] | None = None,
    actual: npt.NDArray[np.float64] | None = None,
    title: str = "Hourly delay: forecast and actual",
) -> Path:
    """The forecast (and the seasonal naive one, and what happened) hour by hour."""
    figure, axis = plt.subplots(figsize=(11, 4))
    times = np.array(
        [start + timedelta(hours=i) for i in range(len(forecast))], dtype="datetime64[m]"
    )
    if actual is not None:
        axis.plot(times, actual, color="black", linewidth=1, label="actual")
    if naive is not None:
        axis.plot(
            times,
            naive,
            color="grey",
            linewidth=1,
            linestyle=":",
            label="seasonal naive (same hour last week)",
        )
    axis.plot(times, forecast, color="#1f77b4", linewidth=1.4, label="our forecast")
    axis.set_ylabel("delay (minutes)")
    axis.set_title(title)
    axis.legend(fontsize=8)
    axis.grid(alpha=0.3)
    figure.autofmt_xdate()
    return _save(figure, path)


def backtest_weeks(
    origins: Sequence[datetime],
    ours: Sequence[float],
    naive: Sequence[float],
    path: Path,
    *,
    title: str = "Backtest: RMSE per week",
) -> Path:
    """RMSE of each forecast origin, ours beside the seasonal naive one."""
    figure, axis = plt.subplots(figsize=(10, 4))
    x = np.arange(len(origins))
    axis.bar(x - 0.2, naive, 0.4, color="grey", label="seasonal naive")
    axis.bar(x + 0.2, ours, 0.4, color="#1f77b4", label="ours")
    axis.set_xticks(x)
    axis.set_xticklabels([f"{o:%m-%d}" for o in origins], rotation=90, fontsize=7)
    axis.set_ylabel("RMSE (minutes)")
    axis.set_title(title)
    axis.legend(fontsize=8)
    axis.grid(alpha=0.3, axis="y")
    return _save(figure, path)
