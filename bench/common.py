"""What every benchmark shares: the machine it ran on and the median of repeated runs."""

from __future__ import annotations

import math
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SMARTBORDER = ROOT / ".venv" / "bin" / "smartborder"
# The real list files beside the project (../shared/data/lists), read there, never copied.
LISTS_DATA = Path(
    os.environ.get("SMARTBORDER_LISTS_DATA", ROOT.parent / "shared" / "data" / "lists")
)


def machine() -> str:
    """One line naming the machine, so that a figure is never read without it."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"load average {load:.2f} at start, reference loop {reference_loop_ms():.0f} ms"
    )


def reference_loop_ms() -> float:
    """The median time of a fixed pure-Python loop (dict and string work, as the engine
    does), in ms: machines sold under one model name ("AMD EPYC") differ by 3x, and this
    figure lets two runs' speeds be compared. Lower is faster."""

    def loop() -> None:
        seen: dict[str, int] = {}
        for i in range(300_000):
            key = f"k{i % 5000}"
            seen[key] = seen.get(key, 0) + len(key)

    return median_seconds(loop, runs=5) * 1000


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def median_seconds(fn: Callable[[], object], runs: int = 5) -> float:
    """The median wall time of ``runs`` calls of ``fn`` (after one warm-up call)."""
    fn()
    return statistics.median(timed(fn)[0] for _ in range(runs))


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; values need not be sorted."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of the rate ``hits / total``: how far a rate
    measured on a sample of ``total`` can be from the true one (12 false alarms in
    10,000 are anywhere from 0.07% to 0.21%)."""
    if total <= 0:
        return 0.0, 1.0
    p = hits / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def children_cpu() -> float:
    """CPU seconds (user and system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
