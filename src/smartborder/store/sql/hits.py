"""The hit queue and the dismissed pairs that keep false positives from alerting again."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from smartborder.domain import Agency
from smartborder.domain.clock import instant_or_none
from smartborder.domain.hits import (
    Dismissal,
    Disposition,
    Hit,
    HitKind,
    HitStatus,
    QueuedHit,
    QueueFilter,
)
from smartborder.store.tables.clearance import DecisionRow, DismissalRow, HitRow


def _row(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "agency": str(hit.agency),
        "decision_id": hit.decision_id,
        "kind": str(hit.kind),
        "ref": hit.ref,
        "score": hit.score,
        "text": hit.text,
        "identity_key": hit.identity_key,
        "traveller_fingerprint": hit.traveller_fingerprint,
        "subject_fingerprint": hit.subject_fingerprint,
        "traveller_name": hit.traveller_name,
        "status": str(hit.status),
        "created_at": hit.created_at,
        "disposed_by": hit.disposition.by if hit.disposition else None,
        "disposed_at": hit.disposition.at if hit.disposition else None,
        "note": hit.disposition.note if hit.disposition else None,
    }


def _to_domain(row: HitRow) -> Hit:
    status = HitStatus(row.status)
    disposition = None
    if row.disposed_by is not None and row.disposed_at is not None:
        disposition = Disposition(status, row.note or "", row.disposed_by, row.disposed_at)
    return Hit(
        id=row.id,
        agency=Agency(row.agency),
        decision_id=row.decision_id,
        kind=HitKind(row.kind),
        ref=row.ref,
        score=row.score,
        text=row.text,
        identity_key=row.identity_key,
        traveller_fingerprint=row.traveller_fingerprint,
        subject_fingerprint=row.subject_fingerprint,
        traveller_name=row.traveller_name,
        status=status,
        disposition=disposition,
        created_at=row.created_at,
    )


# Core, built once: a booth asks these for every group of travellers.
_CONFIRMED = select(HitRow.identity_key, HitRow.ref).where(
    HitRow.agency == bindparam("agency"),
    HitRow.identity_key.in_(bindparam("keys", expanding=True)),
    HitRow.status == str(HitStatus.CONFIRMED),
)
_DISMISSALS = select(*DismissalRow.__table__.c).where(
    DismissalRow.agency == bindparam("agency"),
    DismissalRow.identity_key.in_(bindparam("keys", expanding=True)),
)


class SqlHitRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_many(self, hits: list[Hit]) -> None:
        if hits:
            self._session.execute(insert(HitRow), [_row(h) for h in hits])

    def get(self, agency: Agency, hit_id: str) -> Hit | None:
        row = self._session.get(HitRow, hit_id)
        return _to_domain(row) if row is not None and row.agency == str(agency) else None

    def queue(
        self,
        agency: Agency,
        *,
        status: HitStatus | None = HitStatus.OPEN,
        kind: HitKind | None = None,
        ref: str | None = None,
        limit: int = 100,
    ) -> list[Hit]:
        query = select(HitRow).where(HitRow.agency == str(agency))
        if status is not None:
            query = query.where(HitRow.status == str(status))
        if kind is not None:
            query = query.where(HitRow.kind == str(kind))
        if ref is not None:
            query = query.where(HitRow.ref == ref)
        rows = self._session.scalars(query.order_by(HitRow.score.desc(), HitRow.id).limit(limit))
        return [_to_domain(r) for r in rows]

    def by_arrival(self, agency: Agency, shown: QueueFilter, limit: int) -> list[QueuedHit]:
        # The arrival is in the decision's facts (an ISO instant in UTC, so that its text
        # sorts as time does): read and ordered by the database, with the hits.
        arrival = DecisionRow.facts["flight.arrival_time"].as_string()
        query = (
            select(HitRow, DecisionRow.flight, DecisionRow.port_code, arrival)
            .join(DecisionRow, DecisionRow.id == HitRow.decision_id)
            .where(HitRow.agency == str(agency))
        )
        for column, value in (
            (HitRow.status, shown.status),
            (HitRow.kind, shown.kind),
            (HitRow.ref, shown.ref),
            (DecisionRow.port_code, shown.port),
            (DecisionRow.flight, shown.flight),
        ):
            if value is not None:
                query = query.where(column == str(value))
        query = query.order_by(arrival.is_(None), arrival, HitRow.score.desc(), HitRow.id)
        return [
            QueuedHit(_to_domain(row), flight, port, instant_or_none(at))
            for row, flight, port, at in self._session.execute(query.limit(limit))
        ]

    def for_decision(self, agency: Agency, decision_id: str) -> list[Hit]:
        rows = self._session.scalars(
            select(HitRow)
            .where(HitRow.agency == str(agency), HitRow.decision_id == decision_id)
            .order_by(HitRow.id)
        )
        return [_to_domain(r) for r in rows]

    def dispose(self, hit_id: str, disposition: Disposition) -> None:
        self._session.execute(
            update(HitRow)
            .where(HitRow.id == hit_id)
            .values(
                status=str(disposition.status),
                disposed_by=disposition.by,
                disposed_at=disposition.at,
                note=disposition.note,
            )
        )

    def counts(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[tuple[str, str, str], int]:
        """Hits per (kind, ref, status) created in [since, until)."""
        rows = self._session.execute(
            select(HitRow.kind, HitRow.ref, HitRow.status, func.count())
            .where(
                HitRow.agency == str(agency),
                HitRow.created_at >= since,
                HitRow.created_at < until,
            )
            .group_by(HitRow.kind, HitRow.ref, HitRow.status)
        )
        return Counter({(k, r, s): int(n) for k, r, s, n in rows})

    def decisions_with_hits(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[str, list[str]]:
        """The refs that hit each decision in [since, until): for outcomes per rule."""
        rows = self._session.execute(
            select(HitRow.ref, HitRow.decision_id).where(
                HitRow.agency == str(agency),
                HitRow.created_at >= since,
                HitRow.created_at < until,
            )
        )
        found: dict[str, list[str]] = {}
        for ref, decision_id in rows:
            found.setdefault(ref, []).append(decision_id)
        return found

    def confirmed(self, agency: Agency, identity_keys: list[str]) -> dict[str, set[str]]:
        """Per identity, the refs of hits an analyst confirmed."""
        found: dict[str, set[str]] = {}
        for start in range(0, len(identity_keys), 500):
            rows = self._session.connection().execute(
                _CONFIRMED, {"agency": str(agency), "keys": identity_keys[start : start + 500]}
            )
            for key, ref in rows:
                found.setdefault(key, set()).add(ref)
        return found

    def add_dismissal(self, dismissal: Dismissal) -> None:
        self._session.add(
            DismissalRow(
                agency=str(dismissal.agency),
                identity_key=dismissal.identity_key,
                ref=dismissal.ref,
                traveller_fingerprint=dismissal.traveller_fingerprint,
                subject_fingerprint=dismissal.subject_fingerprint,
                by=dismissal.by,
                note=dismissal.note,
                at=dismissal.at,
            )
        )
        self._session.flush()

    def dismissals(self, agency: Agency, identity_keys: list[str]) -> list[Dismissal]:
        found: list[Dismissal] = []
        for start in range(0, len(identity_keys), 500):
            rows = self._session.connection().execute(
                _DISMISSALS, {"agency": str(agency), "keys": identity_keys[start : start + 500]}
            )
            found += [
                Dismissal(
                    agency=Agency(r.agency),
                    identity_key=r.identity_key,
                    ref=r.ref,
                    traveller_fingerprint=r.traveller_fingerprint,
                    subject_fingerprint=r.subject_fingerprint,
                    by=r.by,
                    note=r.note,
                    at=r.at,
                )
                for r in rows
            ]
        return found
