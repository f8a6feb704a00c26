"""Small, named factories for domain objects used across the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from smartborder.domain import (
    Agency,
    CrossingRecord,
    Decision,
    DecisionKind,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    PortOfEntry,
    Sex,
    TravelDocument,
    new_id,
)
from smartborder.domain.decisions import ClearanceMode, TravellerDecision
from smartborder.domain.hits import Hit, HitKind

DOUGLAS = PortOfEntry(
    code="813",
    name="Pacific Highway and Douglas, British Columbia",
    agency=Agency.CBSA,
    cbsa_office_code="813",
    timezone="America/Vancouver",
    lanes=(LaneType.GENERAL, LaneType.NEXUS, LaneType.READY),
    partner_port_code="3004",
)
BLAINE = PortOfEntry(
    code="3004",
    name="Blaine, Washington",
    agency=Agency.CBP,
    cbp_port_code="3004",
    timezone="America/Los_Angeles",
    lanes=(LaneType.GENERAL, LaneType.NEXUS),
    partner_port_code="813",
)


def entry(
    *,
    agency: Agency = Agency.CBSA,
    port: PortOfEntry = DOUGLAS,
    surname: str = "TREMBLAY",
    given: tuple[str, ...] = ("JULIE", "ANNE"),
    lane: LaneType | None = LaneType.GENERAL,
    crossed_at: datetime = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC),
) -> CrossingRecord:
    return CrossingRecord(
        agency=agency,
        direction=Direction.ENTRY,
        name=PersonName(surname, given),
        birth_date=date(1984, 2, 29),
        nationality="CAN",
        sex=Sex.FEMALE,
        document=TravelDocument(
            DocumentType.PASSPORT, "AB123456", issuing_state="CAN", expiry_date=date(2031, 5, 1)
        ),
        port_code=port.code,
        lane=lane,
        crossed_at=crossed_at,
    )


def traveller_decision(
    *,
    agency: Agency = Agency.CBSA,
    surname: str = "HADDAD",
    given: str = "SAMIR",
    birth: date = date(1979, 3, 14),
    facts: dict[str, object] | None = None,
    kind: DecisionKind = DecisionKind.REFER,
    travel_date: date = date(2026, 7, 3),
) -> TravellerDecision:
    from smartborder.clearance.identity import identity_key

    return TravellerDecision(
        decision=Decision(subject_id=new_id(), kind=kind, risk_score=0.9),
        agency=agency,
        mode=ClearanceMode.AIR,
        role="passenger",
        traveller_name=f"{given} {surname}",
        identity_key=identity_key(surname, given, birth),
        travel_date=travel_date,
        facts=facts or {},
        flight="AC855",
        birth_date=birth,
        nationality="LBN",
    )


def hit_on(
    decision: TravellerDecision,
    *,
    ref: str = "un-sc:QDi.999",
    kind: HitKind = HitKind.WATCHLIST,
    traveller_fingerprint: str = "t1",
    subject_fingerprint: str = "s1",
) -> Hit:
    return Hit(
        agency=decision.agency,
        decision_id=decision.id,
        kind=kind,
        ref=ref,
        score=0.93,
        text="name and birth date match",
        identity_key=decision.identity_key,
        traveller_fingerprint=traveller_fingerprint,
        subject_fingerprint=subject_fingerprint,
        traveller_name=decision.traveller_name,
    )
