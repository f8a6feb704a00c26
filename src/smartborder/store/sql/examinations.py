"""SQL repositories of examinations and of the cargo risk models trained on their outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from smartborder.domain import Agency, ExamOutcome
from smartborder.domain.manifests import CargoModelRecord, Examination
from smartborder.store.tables.goods import CargoModelRow, ExaminationRow


def _exam_values(exam: Examination) -> dict[str, Any]:
    return {
        "id": exam.id,
        "agency": str(exam.agency),
        "shipment_id": exam.shipment_id,
        "port_code": exam.port_code,
        "day": exam.day,
        "selected_by": exam.selected_by,
        "score": exam.score,
        "selected_at": exam.selected_at,
        "capacity": exam.capacity,
        "outcome": str(exam.outcome) if exam.outcome else None,
        "revenue": exam.revenue,
        "findings": exam.findings,
        "recorded_at": exam.recorded_at,
        "recorded_by": exam.recorded_by,
    }


def _exam(row: ExaminationRow) -> Examination:
    return Examination(
        id=row.id,
        agency=Agency(row.agency),
        shipment_id=row.shipment_id,
        port_code=row.port_code,
        day=row.day,
        selected_by=row.selected_by,
        score=row.score,
        selected_at=row.selected_at,
        capacity=row.capacity,
        outcome=ExamOutcome(row.outcome) if row.outcome else None,
        revenue=row.revenue,
        findings=row.findings,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


class SqlExaminationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_many(self, exams: list[Examination]) -> None:
        if exams:
            self._session.execute(insert(ExaminationRow), [_exam_values(e) for e in exams])

    def update(self, exam: Examination) -> None:
        self._session.merge(ExaminationRow(**_exam_values(exam)))
        self._session.flush()

    def by_shipment(self, agency: Agency, shipment_id: str) -> Examination | None:
        row = self._session.scalars(
            select(ExaminationRow).where(
                ExaminationRow.agency == str(agency), ExaminationRow.shipment_id == shipment_id
            )
        ).first()
        return _exam(row) if row is not None else None

    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[Examination]:
        rows = self._session.scalars(
            select(ExaminationRow)
            .where(
                ExaminationRow.agency == str(agency),
                ExaminationRow.port_code == port_code,
                ExaminationRow.day == day,
            )
            .order_by(ExaminationRow.id)
        )
        return [_exam(row) for row in rows]

    def recorded(self, agency: Agency) -> list[Examination]:
        rows = self._session.scalars(
            select(ExaminationRow)
            .where(ExaminationRow.agency == str(agency), ExaminationRow.outcome.is_not(None))
            .order_by(ExaminationRow.day, ExaminationRow.id)
        )
        return [_exam(row) for row in rows]


class SqlCargoModelRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: CargoModelRecord) -> None:
        self._session.add(
            CargoModelRow(
                id=record.id,
                agency=str(record.agency),
                version=record.version,
                created_at=record.created_at,
                trained_on=record.trained_on,
                document=record.document,
            )
        )
        self._session.flush()

    def latest(self, agency: Agency) -> CargoModelRecord | None:
        row = self._session.scalars(
            select(CargoModelRow)
            .where(CargoModelRow.agency == str(agency))
            .order_by(CargoModelRow.created_at.desc(), CargoModelRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return CargoModelRecord(
            id=row.id,
            agency=Agency(row.agency),
            version=row.version,
            created_at=row.created_at,
            trained_on=dict(row.trained_on),
            document=row.document,
        )
