"""The demo's watch-list section: the planted fictional persons are found, measured on the run."""

from __future__ import annotations

from smartborder.bootstrap import Container
from smartborder.demo.run import DemoOptions, run_demo


def test_demo_finds_the_planted_listed_persons(container: Container) -> None:
    report = run_demo(container, DemoOptions(travellers=400, shipments=5), lambda *_: None)
    figures = report.figures
    assert figures["screening_planted"] == 8
    assert figures["screened"] == figures["travellers"] + 8  # the land travellers and the plants
    assert figures["screening_planted_found"] == figures["screening_planted"]
    assert figures["screening_other_flagged"] <= 2
    section = next(s for s in report.sections if s.title == "Watch-list screening")
    labels = dict(section.rows)
    assert labels["planted listed persons found"] == "8 of 8"
    assert labels["lists"].startswith("demo-lookouts ")
