"""Exit records received from the partner, as analysts read them (every read audited)."""

from __future__ import annotations

from datetime import datetime

from smartborder.domain import AuditAction, AuditEvent, CrossingRecord, Direction, User
from smartborder.domain.audit import stated_purpose
from smartborder.errors import ValidationFailed
from smartborder.exchange.unit import ExchangeUnit


def list_exits(
    uow: ExchangeUnit, user: User, *, since: datetime | None, limit: int, purpose: str
) -> list[CrossingRecord]:
    """A page of the exit records the partner sent us, oldest crossing first; the read
    is audited, naming every record it returned."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= 1000:
        raise ValidationFailed("limit must be between 1 and 1000")
    with uow:
        records = uow.crossings.list(
            user.agency, direction=Direction.EXIT, since=since, limit=limit
        )
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="exit-record",
                detail={
                    "count": str(len(records)),
                    "since": since.isoformat() if since else "",
                    "ids": [r.id for r in records],
                },
            )
        )
        uow.commit()
    return records
