"""Kill a real ``smartborder`` process with SIGKILL at a chosen point of its work with
the store, as a power cut or the OOM killer would.

A point is one SQL statement about to be sent, or one commit about to be issued (counted
by SQLAlchemy's engine events, registered in the child process before the CLI starts).
Killing *before* statement k leaves whatever the k-1 statements before it committed; a
point at a commit kills the process with its transaction written but not committed. A
count run (``at=0``) kills nothing and reports how many points the work passed, so that
the test can choose its points within that work.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

_CHILD = """
import atexit, os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

at = int(os.environ["SMARTBORDER_TEST_KILL_AT"])
passed = 0

def point(*_args, **_kwargs):
    global passed
    passed += 1
    if passed == at:
        os.kill(os.getpid(), signal.SIGKILL)

event.listen(Engine, "before_cursor_execute", point)
event.listen(Engine, "commit", point)
atexit.register(lambda: sys.stderr.write(f"\\nfault-points {passed}\\n"))
from smartborder.cli.main import run
sys.argv[0] = "smartborder"
run()
"""


def run_until(
    env: dict[str, str], at: int, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``smartborder ARGS`` in a child process killed at point ``at`` (0: never)."""
    return subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        env={**os.environ, **env, "SMARTBORDER_TEST_KILL_AT": str(at)},
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
    )


def points_passed(done: subprocess.CompletedProcess[str]) -> int:
    """How many points a run that was not killed passed."""
    assert done.returncode == 0, done.stderr
    return int(done.stderr.rsplit("fault-points ", 1)[1].split()[0])


def kill_points(total: int, how_many: int) -> list[int]:
    """``how_many`` points of ``total``, ascending, and the last one (the final commit).
    Seeded by SMARTBORDER_FAULT_SEED (default 2026) so that a failure can be replayed."""
    rng = random.Random(int(os.environ.get("SMARTBORDER_FAULT_SEED", "2026")))
    chosen = rng.sample(range(1, total), min(how_many, total - 1))
    return sorted({*chosen, total})


def killed(done: subprocess.CompletedProcess[str]) -> bool:
    """True when the run was killed; a run that got past its last point must succeed."""
    if done.returncode == -9:
        return True
    assert done.returncode == 0, done.stderr
    return False
