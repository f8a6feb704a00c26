"""The clearance section counts what it found and whom it referred wrongly, as measured."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from smartborder.clearance.batch import BatchResult
from smartborder.demo.clearance_report import report_clearance
from smartborder.demo.report import DemoReport
from smartborder.domain import (
    DecisionKind,
    DocumentType,
    PersonName,
    Reason,
    ReasonKind,
    TravelDocument,
    Traveller,
)
from smartborder.domain.decisions import TravellerDecision
from smartborder.formats.lists import read_list
from smartborder.world.lookalikes import LookAlikes
from smartborder.world.plants import PAPERS, Plant, PlantedDay
from tests.factories import traveller_decision

LOOKOUTS = Path(__file__).parents[3] / "src/smartborder/demo/data/lookouts.csv"
HIT = Reason(ReasonKind.WATCHLIST, "demo-lookouts:DEMO-031", "name match", 0.9)


def _traveller(surname: str, given: str, birth: date | None, number: str) -> Traveller:
    passport = TravelDocument(DocumentType.PASSPORT, number, "GBR", date(2030, 1, 1))
    return Traveller(PersonName(surname, (given,)), birth_date=birth, documents=(passport,))


def _decided(t: Traveller, *reasons: Reason) -> TravellerDecision:
    """The decision clearance took on ``t``, with the facts the report reads."""
    kind = DecisionKind.REFER if reasons else DecisionKind.RELEASE
    d = traveller_decision(surname=t.name.surname, given=t.name.given, kind=kind)
    facts: dict[str, object] = {
        "traveller.surname": t.name.surname,
        "traveller.given_names": t.name.given,
        "traveller.birth_date": t.birth_date.isoformat() if t.birth_date else None,
        "document.number": t.documents[0].number,
    }
    return replace(d, facts=facts, decision=replace(d.decision, reasons=reasons))


def test_a_referred_namesake_is_a_false_alarm_and_a_name_only_miss_is_reported() -> None:
    lookouts = read_list(LOOKOUTS, "csv", "demo-lookouts").lookouts
    listed = _traveller("SMITH", "JAMES", date(1979, 8, 14), "X1000001")
    name_only = _traveller("VARANESKU", "TEODOR", None, "X1000002")
    namesake = _traveller("SMITH", "JAMES", date(1951, 2, 3), "X1000003")
    quiet_namesake = _traveller("SMITH", "JAMES", date(1990, 5, 6), "X1000004")
    same_surname = _traveller("SMITH", "EMMA", date(1979, 8, 14), "X1000005")
    stranger = _traveller("ROSSI", "LUCIA", date(1980, 1, 1), "X1000006")
    planted = PlantedDay(
        flights=[],
        land=[],
        plants=[
            Plant("listed", "demo-lookouts:DEMO-031", listed, "DEMO-031 by land", PAPERS[0]),
            Plant("listed", "demo-lookouts:DEMO-001", name_only, "DEMO-001 by air", PAPERS[1]),
        ],
        suspended_cards=set(),
        missing_cards=set(),
        lookouts=tuple(lookouts),
        namesakes=[namesake],
    )
    cleared = BatchResult(
        decisions=[
            _decided(listed, HIT),
            _decided(name_only),  # missed: nothing names DEMO-001
            _decided(namesake, HIT),  # an officer would have to look: a false alarm
            _decided(quiet_namesake),
            _decided(same_surname),
            _decided(stranger),
        ],
        land_travellers=6,
    )
    report = DemoReport(seed=1, day="2026-07-03", ports=[])
    report_clearance(report, planted, cleared)
    figures = report.figures
    assert figures["planted_found"] == {"listed": 1}
    assert figures["planted_missed"] == ["DEMO-001 by air"]
    assert figures["listed_by_papers"][PAPERS[1]] == {"planted": 1, "found": 0}
    assert figures["look_alikes"]["namesake"] == {"travellers": 2, "referred": 1}
    assert figures["look_alikes"]["same surname"] == {"travellers": 1, "referred": 0}
    assert figures["look_alikes"]["other"] == {"travellers": 1, "referred": 0}
    assert figures["clearance_false_alarms"] == 1
    rows = dict(report.sections[0].rows)
    assert rows["namesakes referred on a hit"].startswith("1 of 2 ")
    assert rows["missed"] == "DEMO-001 by air"


def test_look_alikes_are_told_by_name_and_birth_date() -> None:
    alike = LookAlikes(read_list(LOOKOUTS, "csv", "demo-lookouts").lookouts)
    assert alike.kind(("SMITH", "JAMES ROBERT", "1962-03-02", "")) == "namesake"
    assert alike.kind(("SMITH", "JAMES", "1979-08-14", "")) == "listed name and birth date"
    assert alike.kind(("SMITH", "JOHN", "1979-08-14", "")) == "same surname"
    assert alike.kind(("ROSSI", "LUCIA", "1980-01-01", "")) == "other"
