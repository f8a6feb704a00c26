"""The ``ops`` commands as real processes, and the public feed over real HTTP.

Each test runs on SQLite and on PostgreSQL: a command records waits in the node's store,
a ``smartborder serve`` process serves them at ``/v1/wait-times`` to a client without a
token.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import defusedxml.ElementTree as SafeET
import httpx2
import numpy as np
import pytest

from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, LaneType, PortOfEntry
from smartborder.operations.history import format_series
from tests.conftest import TEST_SECRET
from tests.serving import served_node

# The subprocesses' own secret: any value long enough for the test environment.
EXAMPLE = Path(__file__).parents[3] / "examples" / "operations" / "port-12-booths.yaml"
PORT = PortOfEntry(
    code="813",
    name="Pacific Highway and Douglas, British Columbia",
    agency=Agency.CBSA,
    cbsa_office_code="813",
    timezone="America/Vancouver",
    lanes=(LaneType.GENERAL, LaneType.NEXUS, LaneType.READY, LaneType.COMMERCIAL, LaneType.FAST),
)


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTBORDER_")}
    env.update(
        SMARTBORDER_ENVIRONMENT="test",
        SMARTBORDER_SECRET_KEY=TEST_SECRET,
        SMARTBORDER_DATABASE_URL=database_url,
    )
    return env


def _cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartborder.cli.main", *args],
        env=_env(database_url),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def server(container: Container, database_url: str, tmp_path: Path) -> Iterator[str]:
    register_ports(container.units(), [PORT])
    with served_node(_env(database_url), log=tmp_path / "serve.log") as base:
        yield base


def test_simulated_waits_reach_the_public_feed(
    server: str, database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    run = _cli(
        database_url,
        "ops",
        "simulate",
        str(EXAMPLE),
        "--out",
        str(out),
        "--seed",
        "3",
        "--record",
        "--date",
        "2026-07-03",
        "--plot",
        str(tmp_path / "waits.png"),
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(out.read_text())
    assert result["vehicles"] > 19_000 and result["seed"] == 3
    assert (tmp_path / "waits.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    hour15 = next(r for r in result["by_hour"] if r["hour"] == 15 and r["lane"] == "general")

    # 15:30 in Vancouver (PDT) is 22:30 UTC: the feed shows the 15:00 hour's wait.
    at = "2026-07-03T22:30:00Z"
    answer = httpx2.get(f"{server}/v1/wait-times", params={"at": at, "format": "xml"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    root = SafeET.fromstring(answer.content)
    lane = root.find("port/passenger_vehicle_lanes/standard_lanes")
    assert lane is not None
    assert lane.findtext("delay_minutes") == str(round(hour15["wait"]["mean"]))
    assert lane.findtext("lanes_open") == str(hour15["booths"])
    assert lane.findtext("update_time") == "At 3:00 pm PDT"

    french = httpx2.get(f"{server}/v1/wait-times", params={"at": at, "lang": "fr"}).json()
    port = french["border_wait_time"]["port"][0]
    assert port["border"] == "Frontière américaine"
    assert port["passenger_vehicle_lanes"]["standard_lanes"]["update_time"] == "À 15 h 00 PDT"

    bad = httpx2.get(f"{server}/v1/wait-times", params={"at": "2026-07-03T22:30:00"})
    assert bad.status_code == 422


def test_forecast_and_observations_fill_the_feed(
    server: str, database_url: str, tmp_path: Path
) -> None:
    rng = np.random.default_rng(1)
    hours = np.arange(6 * 168)
    values = np.clip(
        10 + 8 * np.sin(hours / 24 * 2 * np.pi) + rng.normal(0, 2, hours.size), 0, None
    )
    history = tmp_path / "history.csv"
    history.write_text(format_series(datetime(2026, 5, 25), values))

    observed = _cli(database_url, "ops", "observe", str(history), "--port", "813")
    assert observed.returncode == 0, observed.stderr
    start = datetime(2026, 5, 25) + timedelta(hours=int(hours.size))
    forecast_csv = tmp_path / "forecast.csv"
    made = _cli(
        database_url,
        "ops",
        "forecast",
        str(history),
        "--start",
        f"{start:%Y-%m-%d %H:%M}",
        "--horizon",
        "24",
        "--out",
        str(forecast_csv),
        "--record-port",
        "813",
    )
    assert made.returncode == 0, made.stderr
    lines = forecast_csv.read_text().splitlines()
    assert lines[0] == "timestamp,delay_minutes" and len(lines) == 25
    assert lines[1].startswith(f"{start:%Y-%m-%d %H:%M}")

    at = (start - timedelta(minutes=30)).replace(tzinfo=None)
    feed = httpx2.get(
        f"{server}/v1/wait-times",
        params={"at": f"{at:%Y-%m-%dT%H:%M}-07:00", "forecast_hours": 6},
    ).json()
    standard = feed["border_wait_time"]["port"][0]["passenger_vehicle_lanes"]["standard_lanes"]
    assert standard["source"] == "observed"
    assert standard["delay_minutes"] == str(round(values[-1]))
    assert len(standard["forecast"]) == 6


def test_staff_writes_a_schedule_that_holds_the_target(sqlite_url: str, tmp_path: Path) -> None:
    profile = tmp_path / "profile.csv"
    profile.write_text(
        "hour,lane,vehicles\n"
        + "".join(
            f"{h},general,{v}\n{h},nexus,{v // 3}\n" for h, v in enumerate([40, 250, 500, 90])
        )
    )
    schedule, summary = tmp_path / "schedule.csv", tmp_path / "summary.json"
    run = _cli(
        sqlite_url,
        "ops",
        "staff",
        str(profile),
        "--target-minutes",
        "5",
        "--out",
        str(schedule),
        "--summary",
        str(summary),
        "--shift-to-nexus",
        "0.3",
    )
    assert run.returncode == 0, run.stderr
    rows = schedule.read_text().splitlines()
    assert rows[0].startswith("hour,lane,vehicles,booths,erlang_booths")
    assert len(rows) == 1 + 8
    report = json.loads(summary.read_text())
    assert report["planned"]["lane_hours_over_target"] == 0
    assert report["flat"]["officer_hours"] == report["planned"]["officer_hours"]
    moved = report["shift_0.3_to_nexus"]["planned"]
    assert moved["officer_hours"] <= report["planned"]["officer_hours"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ops", "simulate", "missing.yaml", "--out", "r.json"], "no such file"),
        (["ops", "staff", "p.csv", "--target-minutes", "0", "--out", "s.csv"], "target"),
        (
            ["ops", "forecast", "h.csv", "--start", "soon", "--horizon", "24", "--out", "f.csv"],
            "YYYY-MM-DD",
        ),
        (
            ["ops", "backtest", "h.csv", "--from", "2019-01-01", "--to", "x", "--horizon", "24"],
            "--to",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], message: str, sqlite_url: str, tmp_path: Path
) -> None:
    (tmp_path / "p.csv").write_text("hour,lane,vehicles\n0,general,10\n")
    (tmp_path / "h.csv").write_text("timestamp,delay_minutes\n2019-01-01 00:00,1\n")
    run = subprocess.run(
        [sys.executable, "-m", "smartborder.cli.main", *args],
        env=_env(sqlite_url),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert message in run.stderr
