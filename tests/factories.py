"""Small, named factories for domain objects used across the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from smartborder.domain import (
    Agency,
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    PortOfEntry,
    Sex,
    TravelDocument,
)

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
