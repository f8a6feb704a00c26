"""How the parsers' CPU time grows with their input: the ratio for 8x the input.

The linearity test (tests/unit/formats/test_formats_linear.py) counts the Python lines
the parsers execute, which is exact; work done in C (``str.split``, regular expressions)
is invisible to it, so this benchmark measures CPU time (the minimum of 7 runs, garbage
collection off) for each of the test's inputs and the same input eight times over.
Linear growth gives about 8, quadratic about 64. A figure, not an assertion: timing
belongs here, not in the test suite.

    .venv/bin/python bench/formats_growth.py
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from common import machine  # noqa: E402
from smartborder.errors import FormatError  # noqa: E402

# The test's own inputs, so that the figure and the test speak of the same cases.
from tests.unit.formats.test_formats_linear import CASES, bound  # noqa: E402

QUADRATIC_FROM = 24  # a ratio above this is growth no noisy machine explains


def cpu_seconds(parse: Callable[[], object], runs: int = 7) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            started = time.process_time()
            try:
                parse()
            except FormatError:
                pass
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def main() -> None:
    print(f"machine: {machine()}")
    print("CPU time for n and 8n (minimum of 7 runs); linear is about x8, quadratic x64")
    worst = 0.0
    for name, make, parse in CASES:
        small = cpu_seconds(bound(make, parse, 40))
        large = cpu_seconds(bound(make, parse, 320))
        ratio = large / max(small, 1e-6)
        worst = max(worst, ratio)
        print(f"  {name:32} {small * 1000:8.2f} ms  {large * 1000:9.2f} ms  x{ratio:.1f}")
    verdict = "linear" if worst < QUADRATIC_FROM else "NOT linear"
    print(f"worst ratio x{worst:.1f}: {verdict}")


if __name__ == "__main__":
    main()
