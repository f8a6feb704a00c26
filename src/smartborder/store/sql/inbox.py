"""The inbox on disk: keys applied once, message ids seen, the partner's chain heads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from smartborder.domain import Agency
from smartborder.domain.exchange import AuditAnchor
from smartborder.store.tables.exchange import AnchorRow, InboxRow, ReplayRow

#: Keys per IN (...) list: below every backend's limit on bound parameters.
_CHUNK = 500


class SqlInbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def remember_message(
        self, message_id: str, sender: Agency, seen_at: datetime, expires_at: datetime
    ) -> bool:
        if self._session.get(ReplayRow, message_id) is not None:
            return False
        self._session.execute(
            insert(ReplayRow).values(
                message_id=message_id, sender=str(sender), seen_at=seen_at, expires_at=expires_at
            )
        )
        return True

    def forget_messages(self, before: datetime) -> int:
        result = self._session.execute(delete(ReplayRow).where(ReplayRow.expires_at < before))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def known_keys(self, sender: Agency, keys: list[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            rows = self._session.execute(
                select(InboxRow.key, InboxRow.digest).where(
                    InboxRow.sender == str(sender), InboxRow.key.in_(chunk)
                )
            )
            found.update((key, digest) for key, digest in rows)
        return found

    def add_receipts(
        self,
        sender: Agency,
        record_type: str,
        receipts: list[tuple[str, str, str]],
        message_id: str,
        at: datetime,
    ) -> None:
        if receipts:
            self._session.execute(
                insert(InboxRow),
                [
                    {
                        "sender": str(sender),
                        "key": key,
                        "record_type": record_type,
                        "local_id": local_id,
                        "message_id": message_id,
                        "received_at": at,
                        "digest": digest,
                    }
                    for key, local_id, digest in receipts
                ],
            )

    def purge_receipts(self, record_type: str, before: datetime) -> int:
        result = self._session.execute(
            delete(InboxRow).where(
                InboxRow.record_type == record_type, InboxRow.received_at < before
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def add_anchor(self, anchor: AuditAnchor) -> None:
        self._session.execute(
            insert(AnchorRow).values(
                agency=str(anchor.agency),
                seq=anchor.seq,
                hash=anchor.hash,
                received_at=anchor.received_at,
            )
        )

    def latest_anchor(self, agency: Agency) -> AuditAnchor | None:
        row = self._session.scalars(
            select(AnchorRow)
            .where(AnchorRow.agency == str(agency))
            .order_by(AnchorRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return AuditAnchor(
            agency=Agency(row.agency), seq=row.seq, hash=row.hash, received_at=row.received_at
        )
