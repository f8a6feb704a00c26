"""In-memory fakes of the goods repositories, keeping the SQL versions' promises."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from smartborder.domain import Agency, TraderKind, TraderProgramme, TrustedTrader
from smartborder.domain.manifests import (
    CargoModelRecord,
    Examination,
    ManifestSubmission,
    PortDayPage,
    ShipmentRecord,
)
from smartborder.errors import Conflict
from smartborder.store.memory.times import stored_time


def _exam_in_utc(exam: Examination) -> Examination:
    recorded_at = stored_time(exam.recorded_at) if exam.recorded_at is not None else None
    return replace(exam, selected_at=stored_time(exam.selected_at), recorded_at=recorded_at)


@dataclass
class GoodsState:
    submissions: dict[str, ManifestSubmission] = field(default_factory=dict)
    shipments: dict[str, ShipmentRecord] = field(default_factory=dict)
    traders: dict[str, TrustedTrader] = field(default_factory=dict)
    exams: dict[str, Examination] = field(default_factory=dict)
    models: list[CargoModelRecord] = field(default_factory=list)

    def copy(self) -> GoodsState:
        return GoodsState(
            dict(self.submissions),
            dict(self.shipments),
            dict(self.traders),
            dict(self.exams),
            list(self.models),
        )


class MemoryManifestRepository:
    def __init__(self, state: GoodsState) -> None:
        self._s = state

    def add(self, submission: ManifestSubmission) -> None:
        # An id already stored is refused (the primary key) and the time kept in UTC, as SQL.
        if submission.id in self._s.submissions:
            raise Conflict(f"manifest submission {submission.id} is already stored")
        self._s.submissions[submission.id] = replace(
            submission, received_at=stored_time(submission.received_at)
        )

    def get(self, agency: Agency, submission_id: str) -> ManifestSubmission | None:
        found = self._s.submissions.get(submission_id)
        return found if found is not None and found.agency is agency else None

    def latest_accepted(self, agency: Agency, trip_number: str) -> ManifestSubmission | None:
        found = [
            s
            for s in self._s.submissions.values()
            if s.agency is agency and s.trip_number == trip_number and s.status == "accepted"
        ]
        return max(found, key=lambda s: (s.received_at, s.id), default=None)


class MemoryShipmentRepository:
    def __init__(self, state: GoodsState) -> None:
        self._s = state

    def put_many(self, records: list[ShipmentRecord]) -> None:
        for record in records:
            other = self.by_ccn(record.agency, record.shipment.cargo_control_number)
            if other is not None and other.id != record.id:
                raise Conflict(f"cargo control number {record.shipment.cargo_control_number}")
            # A shipment names a stored submission (the foreign key); times kept in UTC, as SQL.
            if record.submission_id not in self._s.submissions:
                raise Conflict(f"no manifest submission {record.submission_id}")
            self._s.shipments[record.id] = replace(
                record,
                estimated_arrival=stored_time(record.estimated_arrival),
                decided_at=stored_time(record.decided_at),
            )

    def get(self, agency: Agency, shipment_id: str) -> ShipmentRecord | None:
        found = self._s.shipments.get(shipment_id)
        return found if found is not None and found.agency is agency else None

    def by_ccn(self, agency: Agency, cargo_control_number: str) -> ShipmentRecord | None:
        return next(
            (
                r
                for r in self._s.shipments.values()
                if r.agency is agency and r.shipment.cargo_control_number == cargo_control_number
            ),
            None,
        )

    def for_trip(self, agency: Agency, trip_number: str) -> list[ShipmentRecord]:
        found = [
            r
            for r in self._s.shipments.values()
            if r.agency is agency and r.trip_number == trip_number
        ]
        return sorted(found, key=lambda r: r.id)

    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[ShipmentRecord]:
        found = [
            r
            for r in self._s.shipments.values()
            if r.agency is agency
            and r.port_code == port_code
            and r.estimated_arrival.date() == day
            and r.active
        ]
        return sorted(found, key=lambda r: r.id)

    def port_day_page(
        self, agency: Agency, port_code: str, day: date, *, offset: int, limit: int
    ) -> PortDayPage:
        day_ = self.for_port_day(agency, port_code, day)
        first: dict[str, datetime] = {}
        for r in day_:
            first[r.trip_number] = min(
                first.get(r.trip_number, r.estimated_arrival), r.estimated_arrival
            )
        order = sorted(first, key=lambda number: (first[number], number))
        page = order[offset : offset + limit]
        records = sorted(
            (r for r in day_ if r.trip_number in page),
            key=lambda r: (page.index(r.trip_number), r.shipment.cargo_control_number),
        )
        lanes = Counter(str(r.lane) for r in day_)
        return PortDayPage(len(order), len(day_), dict(lanes), tuple(records))

    def get_many(self, agency: Agency, shipment_ids: list[str]) -> dict[str, ShipmentRecord]:
        wanted = set(shipment_ids)
        return {
            r.id: r
            for r in self._s.shipments.values()
            if r.agency is agency and r.active and r.id in wanted
        }


class MemoryTraderRepository:
    def __init__(self, state: GoodsState) -> None:
        self._s = state

    def put(self, trader: TrustedTrader) -> None:
        existing = self.get(trader.agency, trader.programme, trader.kind, trader.identifier)
        if existing is not None:
            trader = replace(trader, id=existing.id)
        elif trader.id in self._s.traders:
            # Another member's id is refused (the primary key), as the SQL insert refuses it.
            raise Conflict(f"trusted trader {trader.id} is another member")
        self._s.traders[trader.id] = replace(
            trader, changed_at=stored_time(trader.changed_at)
        )  # UTC

    def get(
        self, agency: Agency, programme: TraderProgramme, kind: TraderKind, identifier: str
    ) -> TrustedTrader | None:
        return next(
            (
                t
                for t in self._s.traders.values()
                if t.agency is agency
                and t.programme is programme
                and t.kind is kind
                and t.identifier == identifier
            ),
            None,
        )

    def by_id(self, agency: Agency, trader_id: str) -> TrustedTrader | None:
        found = self._s.traders.get(trader_id)
        return found if found is not None and found.agency is agency else None

    def list(
        self,
        agency: Agency,
        *,
        programme: TraderProgramme | None = None,
        kind: TraderKind | None = None,
    ) -> list[TrustedTrader]:
        found = [
            t
            for t in self._s.traders.values()
            if t.agency is agency
            and (programme is None or t.programme is programme)
            and (kind is None or t.kind is kind)
        ]
        return sorted(found, key=lambda t: (str(t.programme), t.identifier))


class MemoryExaminationRepository:
    def __init__(self, state: GoodsState) -> None:
        self._s = state

    def add_many(self, exams: list[Examination]) -> None:
        for exam in exams:
            if any(e.shipment_id == exam.shipment_id for e in self._s.exams.values()):
                raise Conflict(f"shipment {exam.shipment_id} already has an examination")
            # An id already stored or a shipment not stored is refused (primary and foreign
            # keys), and times are kept in UTC, as the SQL store does.
            if exam.id in self._s.exams:
                raise Conflict(f"examination {exam.id} is already stored")
            if exam.shipment_id not in self._s.shipments:
                raise Conflict(f"no shipment {exam.shipment_id}")
            self._s.exams[exam.id] = _exam_in_utc(exam)

    def update(self, exam: Examination) -> None:
        self._s.exams[exam.id] = _exam_in_utc(exam)  # times in UTC, as SQL

    def by_shipment(self, agency: Agency, shipment_id: str) -> Examination | None:
        return next(
            (
                e
                for e in self._s.exams.values()
                if e.agency is agency and e.shipment_id == shipment_id
            ),
            None,
        )

    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[Examination]:
        found = [
            e
            for e in self._s.exams.values()
            if e.agency is agency and e.port_code == port_code and e.day == day
        ]
        return sorted(found, key=lambda e: e.id)

    def recorded(self, agency: Agency) -> list[Examination]:
        found = [e for e in self._s.exams.values() if e.agency is agency and e.outcome]
        return sorted(found, key=lambda e: (e.day, e.id))


class MemoryCargoModelRepository:
    def __init__(self, state: GoodsState) -> None:
        self._s = state

    def add(self, record: CargoModelRecord) -> None:
        # An id already stored is refused (the primary key); the time kept in UTC, as SQL.
        if any(m.id == record.id for m in self._s.models):
            raise Conflict(f"cargo model {record.id} is already stored")
        self._s.models.append(replace(record, created_at=stored_time(record.created_at)))

    def latest(self, agency: Agency) -> CargoModelRecord | None:
        found = [m for m in self._s.models if m.agency is agency]
        return max(found, key=lambda m: (m.created_at, m.id), default=None)
