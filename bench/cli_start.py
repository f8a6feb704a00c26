"""How fast the command line starts: the median of 10 starts of each command's help.

Each run is a new process, as an officer's shell or a cron job starts one; `python -c
pass` is printed beside them as the floor no command can go under.

    .venv/bin/python bench/cli_start.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SMARTBORDER = ROOT / ".venv" / "bin" / "smartborder"
PYTHON = ROOT / ".venv" / "bin" / "python"
RUNS = 10
TARGET_S = 0.3  # issue 13: `smartborder --help` and `smartborder version`


def median_start(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def commands() -> list[str]:
    from smartborder.cli.main import Commands

    return list(Commands.lazy)


def main() -> None:
    print(f"machine: {machine()}")
    print(f"median of {RUNS} starts, wall seconds")
    floor = median_start([str(PYTHON), "-c", "pass"])
    print(f"  {'python -c pass':32} {floor:6.3f}")
    for args, target in (
        (["--help"], True),
        (["version"], True),
        *(([name, "--help"], False) for name in commands()),
    ):
        took = median_start([str(SMARTBORDER), *args])
        mark = ("met" if took <= TARGET_S else "NOT met") if target else ""
        print(f"  {'smartborder ' + ' '.join(args):32} {took:6.3f}  {mark}")


if __name__ == "__main__":
    main()
