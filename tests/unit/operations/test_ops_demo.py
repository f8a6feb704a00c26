"""The demo's port-operations section, on a small synthetic day and the in-memory store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from smartborder.bootstrap import Container
from smartborder.demo.operations import report_operations
from smartborder.demo.report import DemoReport
from smartborder.domain import LaneType
from smartborder.world import catalogue
from smartborder.world.day import generate_day, partner_pair


def test_the_day_flows_through_the_port_model(memory_container: Container, tmp_path: Path) -> None:
    pair = partner_pair(catalogue.ports(), "813")
    day = generate_day(pair, day=date(2026, 7, 3), seed=3, travellers=3000, shipments=300)
    report = DemoReport(seed=3, day="2026-07-03", ports=[])
    report_operations(report, memory_container, day, referral_rate=0.1, plot_dir=tmp_path)

    figures = report.figures["operations"]
    assert figures["target_minutes"] == 20  # a Friday
    for port in pair:
        port_figures = figures[port.code]
        cars = {
            a.conveyance.identifier for a in day.land if a.port_code == port.code and a.conveyance
        }
        trucks = [t for t in day.trucks if t.arrival.port_code == port.code]
        assert port_figures["vehicles"] == len(cars) + len(trucks)
        assert port_figures["lane_hours_over_target"] == 0
        assert port_figures["officer_hours"] >= port_figures["erlang_officer_hours"]
        assert 0.05 < port_figures["referred"] / port_figures["vehicles"] < 0.15
        assert (tmp_path / f"operations-{port.code}.png").read_bytes()[:4] == b"\x89PNG"
    rows = [label for section in report.sections for label, _ in section.rows]
    assert "813 general: wait" in rows and "3004 nexus: booths" in rows

    with memory_container.units() as uow:
        noon = datetime(2026, 7, 3, 19, 30, tzinfo=UTC)  # 12:30 in Vancouver
        latest = uow.wait_times.latest("813", noon)
        assert latest[LaneType.GENERAL].hour == datetime(2026, 7, 3, 19, tzinfo=UTC)
        assert latest[LaneType.GENERAL].lanes_open >= 1
