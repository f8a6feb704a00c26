"""The demo's watch-list section: the planted fictional persons are found, measured on the run."""

from __future__ import annotations

from smartborder.bootstrap import Container
from smartborder.demo.run import DemoOptions, run_demo


def test_demo_finds_the_planted_listed_persons(container: Container) -> None:
    report = run_demo(container, DemoOptions(travellers=400, shipments=5), lambda *_: None)
    figures = report.figures
    assert figures["planted"] == 8 and figures["screened"] == 408
    assert figures["planted_found"] == figures["planted"]
    assert figures["other_flagged"] <= 2
    section = next(s for s in report.sections if s.title == "Watch-list screening")
    labels = dict(section.rows)
    assert labels["planted listed persons found"] == "8 of 8"
    assert labels["lists"].startswith("demo-lookouts ")
