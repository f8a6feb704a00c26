"""The audit log on disk: append-only, each entry chained to the one before."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import String, bindparam, cast, func, or_, select, update
from sqlalchemy.orm import Session

from smartborder.domain import AuditAction, AuditEntry, AuditEvent
from smartborder.domain.audit import chain
from smartborder.errors import AuditChainBroken
from smartborder.store.sql.bulk import bulk_insert
from smartborder.store.tables.base import AuditHeadRow, AuditRow

_BATCH = 2000

# Built once: every decision appends to the chain, and building a statement costs more
# than running it on SQLite.
_LOCK_HEAD = (
    select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == 1).with_for_update()
)
_MOVE_HEAD = (
    update(AuditHeadRow)
    .where(AuditHeadRow.id == 1)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)


def _to_domain(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        prev_hash=row.prev_hash,
        hash=row.hash,
        event=AuditEvent(
            actor=row.actor,
            agency=row.agency,
            action=AuditAction(row.action),
            purpose=row.purpose,
            record_type=row.record_type,
            record_id=row.record_id,
            detail=dict(row.detail),
            at=row.at,
        ),
    )


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: AuditEvent) -> AuditEntry:
        entries = self._extend([event])
        return entries[0]

    def append_many(self, events: list[AuditEvent]) -> None:
        if events:
            self._extend(events)

    def _extend(self, events: list[AuditEvent]) -> list[AuditEntry]:
        # Lock the head row: concurrent appenders queue here instead of forking the chain.
        connection = self._session.connection()
        head = connection.execute(_LOCK_HEAD).one()
        seq, prev = int(head.seq), str(head.hash)
        entries = []
        for event in events:
            seq += 1
            entry = chain(seq, event, prev)
            prev = entry.hash
            entries.append(entry)
        bulk_insert(
            self._session,
            AuditRow,
            [
                {
                    "seq": e.seq,
                    "at": e.event.at,
                    "actor": e.event.actor,
                    "agency": e.event.agency,
                    "action": str(e.event.action),
                    "purpose": e.event.purpose,
                    "record_type": e.event.record_type,
                    "record_id": e.event.record_id,
                    "detail": e.event.detail,
                    "prev_hash": e.prev_hash,
                    "hash": e.hash,
                }
                for e in entries
            ],
        )
        connection.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": prev})
        return entries

    def latest(
        self,
        agency: str,
        *,
        actor: str | None = None,
        record: str | None = None,
        before: int | None = None,
        limit: int = 50,
    ) -> list[AuditEntry]:
        query = select(AuditRow).where(AuditRow.agency == agency)
        if actor is not None:
            query = query.where(AuditRow.actor == actor)
        if record is not None:
            # A list read names its records in detail["ids"]: found in the JSON's text.
            named = cast(AuditRow.detail, String).contains(f'"{record}"', autoescape=True)
            query = query.where(or_(AuditRow.record_id == record, named))
        if before is not None:
            query = query.where(AuditRow.seq < before)
        rows = self._session.scalars(query.order_by(AuditRow.seq.desc()).limit(limit))
        return [_to_domain(row) for row in rows]

    def entries(self, from_seq: int = 1) -> Iterator[AuditEntry]:
        # Read in pages so that verifying millions of entries stays in constant memory.
        next_seq = from_seq
        while True:
            rows = self._session.scalars(
                select(AuditRow)
                .where(AuditRow.seq >= next_seq)
                .order_by(AuditRow.seq)
                .limit(_BATCH)
            ).all()
            if not rows:
                return
            for row in rows:
                yield _to_domain(row)
            next_seq = rows[-1].seq + 1

    def head(self) -> tuple[int, str]:
        """The sequence number and hash of the last entry the chain records."""
        row = self._session.execute(
            select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == 1)
        ).one_or_none()
        if row is None:  # the migration writes it and nothing deletes it: someone did
            raise AuditChainBroken("the audit chain's head record (table audit_head) is missing")
        return int(row.seq), str(row.hash)

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(AuditRow)) or 0)
