"""A clearance, a list load and a manifest ingest killed (-9) at random points of their
work leave no partial message, and running them again decides as a clean run does; the
audit chain verifies afterwards. On SQLite and on PostgreSQL.

Each test first runs the work cleanly on a scratch SQLite node set up the same way: that
run is the reference answer, and it counts the points (SQL statements and commits) the
work passes. The node under test is then killed at points chosen among those
(``killing.kill_points``, seeded), and checked after each kill.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from smartborder.domain import utc_now
from smartborder.formats.manifest.csv_bulk import COLUMNS
from tests.factories import passenger, paxlst
from tests.serving import cli

from .killing import kill_points, killed, points_passed, run_until
from .nodes import audit_intact, count, listed, lookouts_file, set_up_node

pytestmark = pytest.mark.slow

KILLS = 6  # points per test, besides the final commit
HADDAD = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877")


def _killed_everywhere(
    env: dict[str, str],
    reference: dict[str, str],
    args: tuple[str, ...],
    check: Callable[[], None],
) -> tuple[str, int]:
    """Kill ``args`` at points of the reference run's work, ``check`` after each kill;
    then run it to the end. The final output, and how many runs were killed."""
    total = points_passed(run_until(reference, 0, *args))
    kills = 0
    for point in kill_points(total, KILLS):
        done = run_until(env, point, *args)
        kills += killed(done)
        check()
    finished = run_until(env, 0, *args)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout, kills


def _nodes(database_url: str, tmp_path: Path, lookouts: int = 1) -> tuple[dict[str, str], ...]:
    """The node under test (on ``database_url``) and a reference node on scratch SQLite,
    set up alike; their CLI environments."""
    made = []
    for name, url in (("node", database_url), ("reference", "")):
        work = tmp_path / name
        work.mkdir()
        env = {"SMARTBORDER_DATABASE_URL": url or f"sqlite:///{work / 'node.db'}"}
        set_up_node(env, work, lookouts)
        made.append(env)
    return tuple(made)


def test_a_clearance_killed_anywhere_stores_all_of_a_message_or_none(
    database_url: str, tmp_path: Path
) -> None:
    env, reference = _nodes(database_url, tmp_path)
    born = date(1980, 1, 1)
    travellers = [HADDAD] + [
        passenger(f"TRAVELLER{i:03d}", "ALEX", born + timedelta(days=i), "CAN", f"P{i:07d}")
        for i in range(40)
    ]
    message = tmp_path / "AC855.edi"
    message.write_text(paxlst(travellers), encoding="utf-8")
    stored: list[tuple[int, int]] = []

    def all_or_nothing() -> None:
        messages = count(database_url, "SELECT count(*) FROM messages")
        decisions = count(database_url, "SELECT count(*) FROM decisions")
        hits = count(database_url, "SELECT count(*) FROM hits")
        assert (messages, decisions, hits) in ((0, 0, 0), (1, len(travellers), 1))
        stored.append((messages, decisions))

    out, kills = _killed_everywhere(
        env, reference, ("clear", "paxlst", str(message)), all_or_nothing
    )
    clean = run_until(reference, 0, "clear", "paxlst", str(message)).stdout
    assert out == clean  # the reference node sends its stored answers: the same lines
    assert kills >= KILLS // 2 and (0, 0) in stored  # the kills did land before the commit
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["decision"] for line in lines].count("no_board") == 1
    assert count(database_url, "SELECT count(*) FROM messages") == 1
    audit_intact(env)


def test_a_list_load_killed_anywhere_leaves_the_previous_version_live(
    database_url: str, tmp_path: Path
) -> None:
    env, reference = _nodes(database_url, tmp_path, lookouts=10)
    # The next version: 5,000 lookouts, staged in three transactions before it goes live.
    rows = listed(5000)
    newer = lookouts_file(tmp_path / "lookouts-v2.csv", rows)
    seen: set[int] = set()

    def one_whole_version() -> None:
        live = count(database_url, "SELECT entry_count FROM watch_lists")
        assert live in (10, 5000)
        seen.add(live)
        # What screening reads: the live version's lookouts, all of them.
        in_live = count(
            database_url,
            "SELECT count(*) FROM lookouts l JOIN watch_lists w "
            "ON l.list_id = w.list_id AND l.version = w.version",
        )
        assert in_live == live

    args = ("lists", "load", str(newer), "--format", "csv", "--list-id", "cbsa-lookouts")
    _, kills = _killed_everywhere(env, reference, args, one_whole_version)
    assert kills >= KILLS // 2 and 10 in seen
    assert count(database_url, "SELECT entry_count FROM watch_lists") == 5000
    # Staged rows of the killed attempts are gone once a load succeeds.
    assert count(database_url, "SELECT count(*) FROM lookouts") == 5000
    shown = cli(env, "lists", "show")
    assert "5,000" in shown.stdout or "5000" in shown.stdout, shown.stdout
    audit_intact(env)


def _trip_rows(trips: int) -> list[dict[str, str]]:
    arrival = (utc_now() + timedelta(hours=3)).replace(microsecond=0).isoformat()
    rows = []
    for t in range(trips):
        for s in range(3):
            rows.append(
                {
                    "trip_number": f"CXTR{t:08d}",
                    "mode": "highway",
                    "carrier_code": "CXTR",
                    "conveyance_id": f"C{t}",
                    "conveyance_jurisdiction": "WA",
                    "driver_name": "Dana Driver",
                    "port_of_entry": "813",
                    "estimated_arrival": arrival,
                    "cargo_control_number": f"CXTR{t:04d}{s:04d}",
                    "shipper_name": "Skagit Orchards",
                    "consignee_name": "Cascadia Fresh Foods",
                    "importer_name": "Cascadia Fresh Foods",
                    "importer_id": "IMP-1",
                    "hs_code": "080810",
                    "description": "Fresh apples",
                    "quantity": "400",
                    "weight_kg": "9000",
                    "value": "14400",
                    "origin": "USA",
                }
            )
    return rows


def test_a_manifest_ingest_killed_anywhere_stores_whole_trips(
    database_url: str, tmp_path: Path
) -> None:
    env, reference = _nodes(database_url, tmp_path)
    bulk = tmp_path / "trips.csv"
    with bulk.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(_trip_rows(12))

    def whole_trips() -> None:
        trips = count(database_url, "SELECT count(*) FROM manifest_submissions")
        shipments = count(database_url, "SELECT count(*) FROM shipments")
        assert shipments == 3 * trips, (trips, shipments)

    out, kills = _killed_everywhere(env, reference, ("manifest", "submit", str(bulk)), whole_trips)
    clean = run_until(reference, 0, "manifest", "submit", str(bulk)).stdout

    def decided(acks: str) -> list[tuple[str, str]]:
        return [(a["trip_number"], a["status"]) for a in json.loads(acks)]

    assert kills >= KILLS // 2
    assert decided(out) == decided(clean) and len(decided(out)) == 12
    assert count(database_url, "SELECT count(*) FROM shipments") == 36
    audit_intact(env)
