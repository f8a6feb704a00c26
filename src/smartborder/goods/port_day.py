"""A port's day of goods, as the console shows it: the trips arriving and each shipment's
lane with its reasons, the day's examination queue under its capacity, and one
shipment with its examination.

Shipments name their parties (shippers, importers, drivers), so each read is audited
with the purpose the reader gave, naming every record it returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

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


@dataclass(frozen=True)  # no slots: ``_exams`` is cached on the instance
class GoodsDay:
    port: PortOfEntry
    day: date
    trips: tuple[Trip, ...]  # the page's, soonest arrival first
    queue: ExamQueue
    trip_count: int  # the day's trips in all
    lanes: dict[str, int]  # the day's shipments per lane
    first: int  # the page's first trip, 0-based, among the day's
    queue_first: int  # the page's first examination, 0-based, in the queue's order
    queued: tuple[QueuedExam, ...]  # the page's examinations, in the queue's order

    def exam_of(self, shipment_id: str) -> Examination | None:
        return self._exams.get(shipment_id)

    @cached_property
    def _exams(self) -> dict[str, Examination]:
        return {e.shipment_id: e for e in self.queue.exams}


@dataclass(frozen=True, slots=True)
class ExaminedShipment:
    """A shipment with its lane and reasons, its port (for its time zone) and its
    examination when it was selected."""

    record: ShipmentRecord
    port: PortOfEntry | None
    exam: Examination | None


TRIPS_PER_PAGE = 25  # a port sees a thousand trucks and more a day: a page at a time
EXAMS_PER_PAGE = 25  # and examines a hundred of them and more
_SELECTED_ORDER = {"required": 0, "targeted": 1, "random": 2}


def goods_day(
    uow: GoodsUnit,
    user: User,
    port_code: str,
    day: date,
    *,
    purpose: str,
    first: int = 0,
    trips: int = TRIPS_PER_PAGE,
    queue_first: int = 0,
    exams: int = EXAMS_PER_PAGE,
) -> GoodsDay:
    """The day's trips ``first`` to ``first + trips`` at a port of the user's agency, the
    day's totals, and its examination queue with the examinations ``queue_first`` to
    ``queue_first + exams`` in its order: required (past the capacity) first, then by
    score (audited, naming every shipment shown)."""
    first, queue_first = max(0, first), max(0, queue_first)
    purpose = stated_purpose(purpose)
    with uow:
        port = uow.ports.get(port_code)
        if port is None or port.agency is not user.agency:
            raise NotFound(f"{port_code} is not one of {user.agency}'s ports of entry")
        page = uow.shipments.port_day_page(user.agency, port_code, day, offset=first, limit=trips)
        day_exams = sorted(
            uow.examinations.for_port_day(user.agency, port_code, day),
            key=lambda e: (_SELECTED_ORDER.get(e.selected_by, 3), -e.score, e.id),
        )
        shown_exams = day_exams[queue_first : queue_first + exams]
        on_page = {r.id: r for r in page.records}
        queued = {
            **{
                e.shipment_id: on_page[e.shipment_id]
                for e in shown_exams
                if e.shipment_id in on_page
            },
            **uow.shipments.get_many(
                user.agency, [e.shipment_id for e in shown_exams if e.shipment_id not in on_page]
            ),
        }
        record_id = f"{port_code}/{day.isoformat()}"
        shown = sorted({r.id for r in page.records} | set(queued))
        read = [e.id for e in shown_exams]
        for record_type, ids in (("shipment", shown), ("examination", read)):
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
    queue = stored_queue(port_code, day, page.shipments, day_exams)
    return GoodsDay(
        port,
        day,
        _trips(list(page.records)),
        queue,
        trip_count=page.trips,
        lanes=page.lanes,
        first=first,
        queue_first=queue_first,
        queued=tuple(QueuedExam(e, queued.get(e.shipment_id)) for e in shown_exams),
    )


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
