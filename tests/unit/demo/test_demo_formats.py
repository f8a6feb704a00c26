"""The demo's formats sections, on a small synthetic day."""

from __future__ import annotations

from datetime import date

from smartborder.demo.formats import formats_sections
from smartborder.demo.report import DemoReport
from smartborder.world import catalogue
from smartborder.world.day import generate_day, partner_pair


def test_formats_sections_measure_and_check_what_they_show() -> None:
    pair = partner_pair(catalogue.ports(), "813")
    day = generate_day(pair, day=date(2026, 7, 3), seed=11, travellers=400, shipments=0)
    report = DemoReport(seed=11, day="2026-07-03", ports=[])
    formats_sections(report, day)
    figures = report.figures
    assert figures["mrz_zones"] == 400
    assert figures["mrz_valid"] == figures["mrz_fields_equal"] == 400
    assert figures["paxlst_messages"] == 3
    assert figures["paxlst_warnings"] == 1  # the CNT disagreement injected on purpose
    assert figures["pnrgov_pnrs"] > 0
    assert figures["pnrgov_cards_leaked"] == 0
    titles = [s.title for s in report.sections]
    assert titles == [
        "Travel documents (ICAO 9303 MRZ)",
        "Advance passenger information (PAXLST)",
        "Reservation data (PNRGOV)",
    ]
