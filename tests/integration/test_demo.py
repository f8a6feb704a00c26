"""The demo is the main job: a small day runs end to end and its report adds up."""

import json
from pathlib import Path

from tests.serving import cli


def test_a_small_demo_day_reports_measured_figures(tmp_path: Path) -> None:
    env = {"SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    result = cli(env, "demo", "--travellers", "400", "--shipments", "30", "--seed", "3", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    figures = report["figures"]
    assert figures["travellers"] == 400 and figures["shipments"] == 30
    assert figures["crossings_written"] == figures["travellers"] + figures["trucks"]
    assert sum(figures["by_agency"].values()) == 400
    assert figures["audit_intact"] is True


def test_the_same_seed_gives_the_same_day(tmp_path: Path) -> None:
    runs = []
    for n in range(2):
        env = {"SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / f'demo{n}.db'}"}
        result = cli(env, "demo", "--travellers", "200", "--shipments", "10", "--json")
        figures = json.loads(result.stdout)["figures"]
        runs.append({k: figures[k] for k in ("by_agency", "by_lane", "declared_value")})
    assert runs[0] == runs[1]
