"""A full disk during a list load leaves the previous version live, and says so in one
line; the next load, with room again, goes through and leaves nothing behind.

The disk is filled the way a process can be denied room without root: a file-size limit
(RLIMIT_FSIZE) on the loading process, with SIGXFSZ ignored, so that a write past it
fails as a write to a full disk does. SQLite only: a PostgreSQL server writes its own
files, and what a node sees of its failures is a lost connection
(``test_store_restart``).
"""

from __future__ import annotations

import resource
import signal
import subprocess
from pathlib import Path

import pytest

from tests.serving import CLI, cli

from .nodes import count, listed, lookouts_file, set_up_node

pytestmark = pytest.mark.slow


def _no_room_past(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_during_a_list_load_leaves_the_previous_version_live(tmp_path: Path) -> None:
    database = tmp_path / "node.db"
    url = f"sqlite:///{database}"
    env = {"SMARTBORDER_DATABASE_URL": url}
    set_up_node(env, tmp_path, lookouts=10)
    newer = lookouts_file(tmp_path / "lookouts-v2.csv", listed(20_000))
    args = ("lists", "load", str(newer), "--format", "csv", "--list-id", "cbsa-lookouts")
    room = database.stat().st_size + 1_000_000  # a few thousand lookouts' worth

    full = subprocess.run(
        [CLI, *args],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=lambda: _no_room_past(room),
    )

    assert full.returncode == 1, full.stderr
    (line,) = full.stderr.strip().splitlines()
    assert line.startswith("error: the database could not be reached or could not write")
    assert count(url, "SELECT entry_count FROM watch_lists") == 10
    live = (
        "SELECT count(*) FROM lookouts l JOIN watch_lists w "
        "ON l.list_id = w.list_id AND l.version = w.version"
    )
    assert count(url, live) == 10
    screened = tmp_path / "people.csv"
    screened.write_text("id,name\n1,HADDAD Samir\n", encoding="utf-8")
    hits = tmp_path / "hits.csv"
    done = cli(env, "screen", str(screened), "--out", str(hits), "--purpose", "test")
    assert done.returncode == 0 and "cbsa-lookouts,T-1," in hits.read_text(), done.stderr

    again = cli(env, *args)
    assert again.returncode == 0, again.stderr
    assert count(url, "SELECT entry_count FROM watch_lists") == 20_000
    assert count(url, "SELECT count(*) FROM lookouts") == 20_000  # no staged leftovers
