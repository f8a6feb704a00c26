"""The outbox on disk: records waiting for the partner, and what became of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from smartborder.domain import Agency
from smartborder.domain.exchange import DeliveryState, DeliveryStatus, Disclosure
from smartborder.store.tables.exchange import OutboxRow

_PENDING = str(DeliveryState.PENDING)


def _to_row(item: Disclosure) -> dict[str, Any]:
    return {
        "id": item.id,
        "key": item.key,
        "record_type": item.record_type,
        "partner": str(item.partner),
        "day": item.day,
        "fields": item.fields,
        "state": str(item.state),
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at,
        "created_at": item.created_at,
        "delivered_at": item.delivered_at,
        "last_error": item.last_error,
    }


def _to_domain(row: OutboxRow) -> Disclosure:
    return Disclosure(
        id=row.id,
        key=row.key,
        record_type=row.record_type,
        partner=Agency(row.partner),
        day=row.day,
        fields=dict(row.fields),
        state=DeliveryState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        last_error=row.last_error,
    )


class SqlOutbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_many(self, items: list[Disclosure]) -> None:
        if items:
            self._session.execute(insert(OutboxRow), [_to_row(i) for i in items])

    def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[Disclosure]:
        # SKIP LOCKED on PostgreSQL lets two relays take different rows; SQLite has one
        # writer at a time (BEGIN IMMEDIATE), which gives the same result.
        rows = self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state == _PENDING, OutboxRow.next_attempt_at <= now)
            .order_by(OutboxRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        items = [_to_domain(r) for r in rows]
        if items:
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_([i.id for i in items]))
                .values(next_attempt_at=lease_until)
            )
        return items

    def mark_delivered(self, ids: list[str], at: datetime) -> None:
        if ids:
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(
                    state=str(DeliveryState.DELIVERED),
                    delivered_at=at,
                    fields={},
                    attempts=OutboxRow.attempts + 1,
                    last_error="",
                )
            )

    def mark_failed(self, ids: list[str], error: str) -> None:
        if ids:
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(
                    state=str(DeliveryState.FAILED),
                    attempts=OutboxRow.attempts + 1,
                    last_error=error[:500],
                )
            )

    def defer(self, ids: list[str], until: datetime, error: str) -> None:
        if ids:
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(
                    next_attempt_at=until,
                    attempts=OutboxRow.attempts + 1,
                    last_error=error[:500],
                )
            )

    def status(self) -> DeliveryStatus:
        counts = dict(
            self._session.execute(
                select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
            ).all()
        )
        oldest = self._session.execute(
            select(OutboxRow.created_at, OutboxRow.last_error)
            .where(OutboxRow.state == _PENDING)
            .order_by(OutboxRow.id)
            .limit(1)
        ).first()
        return DeliveryStatus(
            pending=int(counts.get(_PENDING, 0)),
            delivered=int(counts.get(str(DeliveryState.DELIVERED), 0)),
            failed=int(counts.get(str(DeliveryState.FAILED), 0)),
            oldest_pending_at=oldest[0] if oldest else None,
            last_error=oldest[1] if oldest else "",
        )

    def delivered_keys(self, record_type: str, day: date) -> list[str]:
        return list(
            self._session.scalars(
                select(OutboxRow.key).where(
                    OutboxRow.record_type == record_type,
                    OutboxRow.day == day,
                    OutboxRow.state == str(DeliveryState.DELIVERED),
                )
            )
        )

    def days(self, record_type: str) -> list[date]:
        return list(
            self._session.scalars(
                select(OutboxRow.day)
                .where(OutboxRow.record_type == record_type)
                .distinct()
                .order_by(OutboxRow.day)
            )
        )

    def purge_delivered(self, record_type: str, before: datetime) -> int:
        result = self._session.execute(
            delete(OutboxRow).where(
                OutboxRow.record_type == record_type,
                OutboxRow.state == str(DeliveryState.DELIVERED),
                OutboxRow.delivered_at < before,
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def requeue_failed(self, now: datetime) -> int:
        result = self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.state == str(DeliveryState.FAILED))
            .values(state=_PENDING, next_attempt_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
