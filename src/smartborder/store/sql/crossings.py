"""Crossing records: our entries and the exit records the partner sends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smartborder.domain import (
    Agency,
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    Sex,
    TravelDocument,
)
from smartborder.store.sql.bulk import bulk_insert
from smartborder.store.tables.base import CrossingRow


def _to_row(record: CrossingRecord) -> dict[str, Any]:
    doc = record.document
    return {
        "id": record.id,
        "agency": str(record.agency),
        "direction": str(record.direction),
        "surname": record.name.surname,
        "given_names": " ".join(record.name.given_names),
        "original_script": record.name.original_script,
        "birth_date": record.birth_date,
        "nationality": record.nationality,
        "sex": str(record.sex),
        "document_type": str(doc.type) if doc else None,
        "document_number": doc.number if doc else None,
        "document_issuing": doc.issuing_state if doc else None,
        "document_expiry": doc.expiry_date if doc else None,
        "port_code": record.port_code,
        "lane": str(record.lane) if record.lane else None,
        "crossed_at": record.crossed_at,
        "recorded_at": record.recorded_at,
        "partner_id": record.partner_id,
    }


def _to_domain(row: CrossingRow) -> CrossingRecord:
    document = None
    if row.document_number:
        document = TravelDocument(
            type=DocumentType(row.document_type or "OTHER"),
            number=row.document_number,
            issuing_state=row.document_issuing,
            expiry_date=row.document_expiry,
        )
    return CrossingRecord(
        id=row.id,
        agency=Agency(row.agency),
        direction=Direction(row.direction),
        name=PersonName(
            surname=row.surname,
            given_names=tuple(row.given_names.split()),
            original_script=row.original_script,
        ),
        birth_date=row.birth_date,
        nationality=row.nationality,
        sex=Sex(row.sex),
        document=document,
        port_code=row.port_code,
        lane=LaneType(row.lane) if row.lane else None,
        crossed_at=row.crossed_at,
        recorded_at=row.recorded_at,
        partner_id=row.partner_id,
    )


class SqlCrossingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: CrossingRecord) -> None:
        self.add_many([record])

    def add_many(self, records: list[CrossingRecord]) -> None:
        if records:
            # A Core bulk insert: an order of magnitude faster than ORM unit-of-work adds.
            bulk_insert(self._session, CrossingRow, [_to_row(r) for r in records])

    def get(self, agency: Agency, record_id: str) -> CrossingRecord | None:
        row = self._session.get(CrossingRow, record_id)
        if row is None or row.agency != str(agency):
            return None
        return _to_domain(row)

    def list(
        self,
        agency: Agency,
        *,
        direction: Direction | None = None,
        since: datetime | None = None,
        limit: int = 100,
    ) -> list[CrossingRecord]:
        query = select(CrossingRow).where(CrossingRow.agency == str(agency))
        if direction is not None:
            query = query.where(CrossingRow.direction == str(direction))
        if since is not None:
            query = query.where(CrossingRow.crossed_at >= since)
        query = query.order_by(CrossingRow.crossed_at, CrossingRow.id).limit(limit)
        return [_to_domain(row) for row in self._session.scalars(query)]

    def count(self, agency: Agency, direction: Direction | None = None) -> int:
        query = (
            select(func.count()).select_from(CrossingRow).where(CrossingRow.agency == str(agency))
        )
        if direction is not None:
            query = query.where(CrossingRow.direction == str(direction))
        return int(self._session.scalar(query) or 0)
