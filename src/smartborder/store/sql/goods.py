"""SQL repositories of the flow of goods."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from smartborder.domain import (
    Agency,
    MembershipStatus,
    SelectivityLane,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
)
from smartborder.domain.manifests import (
    ManifestSubmission,
    PortDayPage,
    ShipmentRecord,
)
from smartborder.store.sql.goods_codec import (
    goods_from_json,
    goods_to_json,
    reasons_from_json,
    reasons_to_json,
)
from smartborder.store.tables.goods import (
    ManifestSubmissionRow,
    ShipmentRow,
    TrustedTraderRow,
)


class SqlManifestRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, submission: ManifestSubmission) -> None:
        self._session.add(
            ManifestSubmissionRow(
                id=submission.id,
                agency=str(submission.agency),
                trip_number=submission.trip_number,
                amendment=submission.amendment,
                status=submission.status,
                received_at=submission.received_at,
                submitted_by=submission.submitted_by,
                acknowledgement=submission.acknowledgement,
                document=submission.document,
            )
        )
        self._session.flush()

    @staticmethod
    def _domain(row: ManifestSubmissionRow) -> ManifestSubmission:
        return ManifestSubmission(
            id=row.id,
            agency=Agency(row.agency),
            trip_number=row.trip_number,
            amendment=row.amendment,
            status=row.status,
            received_at=row.received_at,
            submitted_by=row.submitted_by,
            acknowledgement=dict(row.acknowledgement),
            document=dict(row.document) if row.document is not None else None,
        )

    def get(self, agency: Agency, submission_id: str) -> ManifestSubmission | None:
        row = self._session.get(ManifestSubmissionRow, submission_id)
        return self._domain(row) if row is not None and row.agency == str(agency) else None

    def latest_accepted(self, agency: Agency, trip_number: str) -> ManifestSubmission | None:
        row = self._session.scalars(
            select(ManifestSubmissionRow)
            .where(
                ManifestSubmissionRow.agency == str(agency),
                ManifestSubmissionRow.trip_number == trip_number,
                ManifestSubmissionRow.status == "accepted",
            )
            .order_by(ManifestSubmissionRow.received_at.desc(), ManifestSubmissionRow.id.desc())
            .limit(1)
        ).first()
        return self._domain(row) if row is not None else None


def _utc_day(moment: datetime) -> date:
    """The UTC day of ``moment``, as ``for_port_day`` promises, whatever zone it was given
    in; a naive time is left to the column type, which refuses it."""
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def _shipment_values(record: ShipmentRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "agency": str(record.agency),
        "submission_id": record.submission_id,
        "trip_number": record.trip_number,
        "cargo_control_number": record.shipment.cargo_control_number,
        "port_code": record.port_code,
        "arrival_day": _utc_day(record.estimated_arrival),
        "estimated_arrival": record.estimated_arrival,
        "goods": goods_to_json(record.shipment),
        "lane": str(record.lane),
        "reasons": reasons_to_json(record.reasons),
        "risk": record.risk,
        "score": record.score,
        "model_version": record.model_version,
        "decided_at": record.decided_at,
        "active": record.active,
    }


def _shipment(row: ShipmentRow) -> ShipmentRecord:
    return ShipmentRecord(
        agency=Agency(row.agency),
        submission_id=row.submission_id,
        trip_number=row.trip_number,
        port_code=row.port_code,
        estimated_arrival=row.estimated_arrival,
        shipment=goods_from_json(row.id, dict(row.goods)),
        lane=SelectivityLane(row.lane),
        reasons=reasons_from_json(dict(row.reasons)),
        risk=row.risk,
        score=row.score,
        model_version=row.model_version,
        decided_at=row.decided_at,
        active=row.active,
    )


class SqlShipmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put_many(self, records: list[ShipmentRecord]) -> None:
        if not records:
            return
        # New shipments go in with one Core insert; only amended ones are merged row by row.
        ids = [r.id for r in records]
        existing: set[str] = set()
        for start in range(0, len(ids), 500):
            existing.update(
                self._session.scalars(
                    select(ShipmentRow.id).where(ShipmentRow.id.in_(ids[start : start + 500]))
                )
            )
        fresh = [_shipment_values(r) for r in records if r.id not in existing]
        if fresh:
            self._session.execute(insert(ShipmentRow), fresh)
        for record in records:
            if record.id in existing:
                self._session.merge(ShipmentRow(**_shipment_values(record)))
        self._session.flush()

    def get(self, agency: Agency, shipment_id: str) -> ShipmentRecord | None:
        row = self._session.get(ShipmentRow, shipment_id)
        return _shipment(row) if row is not None and row.agency == str(agency) else None

    def by_ccn(self, agency: Agency, cargo_control_number: str) -> ShipmentRecord | None:
        row = self._session.scalars(
            select(ShipmentRow).where(
                ShipmentRow.agency == str(agency),
                ShipmentRow.cargo_control_number == cargo_control_number,
            )
        ).first()
        return _shipment(row) if row is not None else None

    def for_trip(self, agency: Agency, trip_number: str) -> list[ShipmentRecord]:
        rows = self._session.scalars(
            select(ShipmentRow)
            .where(ShipmentRow.agency == str(agency), ShipmentRow.trip_number == trip_number)
            .order_by(ShipmentRow.id)
        )
        return [_shipment(row) for row in rows]

    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[ShipmentRecord]:
        rows = self._session.scalars(
            select(ShipmentRow)
            .where(*_of_port_day(agency, port_code, day))
            .order_by(ShipmentRow.id)
        )
        return [_shipment(row) for row in rows]

    def port_day_page(
        self, agency: Agency, port_code: str, day: date, *, offset: int, limit: int
    ) -> PortDayPage:
        # Counts and the page's trip numbers from the index's rows; only the page's
        # shipments are read whole (their goods and reasons are JSON to decode).
        where = _of_port_day(agency, port_code, day)
        counted = select(ShipmentRow.lane, func.count()).where(*where).group_by(ShipmentRow.lane)
        lanes = {str(lane): int(n) for lane, n in self._session.execute(counted)}
        trips = (
            select(ShipmentRow.trip_number, func.min(ShipmentRow.estimated_arrival).label("first"))
            .where(*where)
            .group_by(ShipmentRow.trip_number)
            .subquery()
        )
        total = self._session.scalar(select(func.count()).select_from(trips)) or 0
        numbers = list(
            self._session.scalars(
                select(trips.c.trip_number)
                .order_by(trips.c.first, trips.c.trip_number)
                .offset(offset)
                .limit(limit)
            )
        )
        rows = self._session.scalars(
            select(ShipmentRow).where(*where, ShipmentRow.trip_number.in_(numbers))
        )
        records = sorted(
            (_shipment(row) for row in rows),
            key=lambda r: (numbers.index(r.trip_number), r.shipment.cargo_control_number),
        )
        return PortDayPage(total, sum(lanes.values()), lanes, tuple(records))

    def get_many(self, agency: Agency, shipment_ids: list[str]) -> dict[str, ShipmentRecord]:
        found: dict[str, ShipmentRecord] = {}
        for start in range(0, len(shipment_ids), 500):
            rows = self._session.scalars(
                select(ShipmentRow).where(
                    ShipmentRow.agency == str(agency),
                    ShipmentRow.active.is_(True),
                    ShipmentRow.id.in_(shipment_ids[start : start + 500]),
                )
            )
            found.update((row.id, _shipment(row)) for row in rows)
        return found


def _of_port_day(agency: Agency, port_code: str, day: date) -> tuple[Any, ...]:
    return (
        ShipmentRow.agency == str(agency),
        ShipmentRow.port_code == port_code,
        ShipmentRow.arrival_day == day,
        ShipmentRow.active.is_(True),
    )


def _trader(row: TrustedTraderRow) -> TrustedTrader:
    return TrustedTrader(
        id=row.id,
        agency=Agency(row.agency),
        programme=TraderProgramme(row.programme),
        kind=TraderKind(row.kind),
        identifier=row.identifier,
        name=row.name,
        country=row.country,
        status=MembershipStatus(row.status),
        changed_at=row.changed_at,
    )


class SqlTraderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put(self, trader: TrustedTrader) -> None:
        existing = self._session.scalars(
            select(TrustedTraderRow).where(
                TrustedTraderRow.agency == str(trader.agency),
                TrustedTraderRow.programme == str(trader.programme),
                TrustedTraderRow.kind == str(trader.kind),
                TrustedTraderRow.identifier == trader.identifier,
            )
        ).first()
        row = existing or TrustedTraderRow(id=trader.id)
        row.agency = str(trader.agency)
        row.programme = str(trader.programme)
        row.kind = str(trader.kind)
        row.identifier = trader.identifier
        row.name = trader.name
        row.country = trader.country
        row.status = str(trader.status)
        row.changed_at = trader.changed_at
        if existing is None:
            self._session.add(row)
        self._session.flush()

    def get(
        self, agency: Agency, programme: TraderProgramme, kind: TraderKind, identifier: str
    ) -> TrustedTrader | None:
        row = self._session.scalars(
            select(TrustedTraderRow).where(
                TrustedTraderRow.agency == str(agency),
                TrustedTraderRow.programme == str(programme),
                TrustedTraderRow.kind == str(kind),
                TrustedTraderRow.identifier == identifier,
            )
        ).first()
        return _trader(row) if row is not None else None

    def by_id(self, agency: Agency, trader_id: str) -> TrustedTrader | None:
        row = self._session.get(TrustedTraderRow, trader_id)
        return _trader(row) if row is not None and row.agency == str(agency) else None

    def list(
        self,
        agency: Agency,
        *,
        programme: TraderProgramme | None = None,
        kind: TraderKind | None = None,
    ) -> list[TrustedTrader]:
        query = select(TrustedTraderRow).where(TrustedTraderRow.agency == str(agency))
        if programme is not None:
            query = query.where(TrustedTraderRow.programme == str(programme))
        if kind is not None:
            query = query.where(TrustedTraderRow.kind == str(kind))
        query = query.order_by(TrustedTraderRow.programme, TrustedTraderRow.identifier)
        return [_trader(row) for row in self._session.scalars(query)]
