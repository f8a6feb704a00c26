"""A port's day of goods, as the console shows it: the trips arriving and each shipment's
lane with its reasons, the day's examination queue under its capacity, and one
shipment with its examination.

Shipments name their parties (shippers, importers, drivers), so each read is audited
with the purpose the reader gave, naming every record it returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from smartborder.domain import AuditAction, AuditEvent, PortOfEntry, User
from smartborder.domain.audit import stated_purpose
from smartborder.domain.manifests import Examination, ShipmentRecord
from smartborder.errors import NotFound
from smartborder.goods.examinations import ExamQueue, stored_queue
from smartborder.goods.unit import GoodsUnit


@dataclass(frozen=True, slots=True)
class Trip:
    """One conveyance's trip arriving that day, with the shipments it carries."""

    number: str
    estimated_arrival: datetime
    shipments: tuple[ShipmentRecord, ...]


@dataclass(frozen=True, slots=True)
class QueuedExam:
    """An examination of the day's queue, with its shipment (None once an amendment
    withdrew the shipment after it was selected)."""

    exam: Examination
    shipment: ShipmentRecord | None


@dataclass(frozen=True, slots=True)
class GoodsDay:
    port: PortOfEntry
    day: date
    trips: tuple[Trip, ...]  # soonest arrival first
    queue: ExamQueue

    @property
    def queued(self) -> list[QueuedExam]:
        """The queue's examinations, those past the capacity (required) first."""
        by_id = {s.id: s for trip in self.trips for s in trip.shipments}
        order = {"required": 0, "targeted": 1, "random": 2}
        exams = sorted(self.queue.exams, key=lambda e: (order.get(e.selected_by, 3), -e.score))
        return [QueuedExam(e, by_id.get(e.shipment_id)) for e in exams]

    def exam_of(self, shipment_id: str) -> Examination | None:
        return next((e for e in self.queue.exams if e.shipment_id == shipment_id), None)


@dataclass(frozen=True, slots=True)
class ExaminedShipment:
    """A shipment with its lane and reasons, its port (for its time zone) and its
    examination when it was selected."""

    record: ShipmentRecord
    port: PortOfEntry | None
    exam: Examination | None


def goods_day(uow: GoodsUnit, user: User, port_code: str, day: date, *, purpose: str) -> GoodsDay:
    """The day's trips at a port of the user's agency and its examination queue (audited)."""
    purpose = stated_purpose(purpose)
    with uow:
        port = uow.ports.get(port_code)
        if port is None or port.agency is not user.agency:
            raise NotFound(f"{port_code} is not one of {user.agency}'s ports of entry")
        shipments = uow.shipments.for_port_day(user.agency, port_code, day)
        exams = uow.examinations.for_port_day(user.agency, port_code, day)
        record_id = f"{port_code}/{day.isoformat()}"
        for record_type, ids in (
            ("shipment", [s.id for s in shipments]),
            ("examination", [e.id for e in exams]),
        ):
            uow.audit.append(
                AuditEvent.by(
                    user,
                    action=AuditAction.READ,
                    purpose=purpose,
                    record_type=record_type,
                    record_id=record_id,
                    detail={"count": str(len(ids)), "ids": ids},
                )
            )
        uow.commit()
    queue = stored_queue(port_code, day, len(shipments), exams)
    return GoodsDay(port, day, _trips(shipments), queue)


def _trips(shipments: list[ShipmentRecord]) -> tuple[Trip, ...]:
    grouped: dict[str, list[ShipmentRecord]] = {}
    for record in shipments:
        grouped.setdefault(record.trip_number, []).append(record)
    trips = [
        Trip(
            number,
            min(r.estimated_arrival for r in records),
            tuple(sorted(records, key=lambda r: r.shipment.cargo_control_number)),
        )
        for number, records in grouped.items()
    ]
    return tuple(sorted(trips, key=lambda t: (t.estimated_arrival, t.number)))


def examined_shipment(
    uow: GoodsUnit, user: User, shipment_id: str, *, purpose: str
) -> ExaminedShipment:
    """One of the agency's shipments with its examination, if selected (audited)."""
    purpose = stated_purpose(purpose)
    with uow:
        record = uow.shipments.get(user.agency, shipment_id)
        if record is None:
            raise NotFound(f"no shipment {shipment_id}")
        exam = uow.examinations.by_shipment(user.agency, shipment_id)
        port = uow.ports.get(record.port_code)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="shipment",
                record_id=shipment_id,
                detail={"examination": exam.id if exam else ""},
            )
        )
        uow.commit()
    return ExaminedShipment(record, port, exam)
