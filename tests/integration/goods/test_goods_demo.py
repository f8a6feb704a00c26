"""The demo's goods section: the synthetic day's trucks through intake, selection and exams."""

from __future__ import annotations

from datetime import date

import pytest

from smartborder.bootstrap import bootstrap
from smartborder.demo.run import DemoOptions, run_demo
from tests.conftest import make_settings
from tests.factories import no_progress


@pytest.mark.slow
def test_the_day_goes_through_the_goods_flow(sqlite_url: str) -> None:
    node = bootstrap(make_settings(sqlite_url), upgrade=True)
    try:
        report = run_demo(
            node,
            DemoOptions(seed=3, travellers=200, shipments=300, day=date(2026, 7, 3), port="813"),
            no_progress,
        )
    finally:
        node.close()
    figures = report.figures
    assert figures["manifests"] == figures["trucks"]
    assert figures["manifests_accepted"] == figures["manifests"]
    assert 0 < figures["fast_granted"] <= figures["fast_claimed"]
    assert sum(figures["lanes"].values()) == figures["shipments"]
    exams = figures["exams"]
    assert exams.get("random", 0) >= 1
    assert figures["model_version"] and figures["model_retrained"]
    assert any(s.title.startswith("Goods:") for s in report.sections)
