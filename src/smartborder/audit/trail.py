"""Verify and export the audit chain, and read it as a supervisor does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from smartborder.audit.unit import AuditUnit
from smartborder.domain import AuditAction, AuditEvent, User
from smartborder.domain.audit import AuditEntry, ChainBreak, stated_purpose, verify_chain
from smartborder.errors import AuditChainBroken


@dataclass(frozen=True, slots=True)
class Verification:
    entries: int
    head_seq: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(uow: AuditUnit) -> Verification:
    """Walk the whole chain; also catch entries cut off its end (the head remembers them)."""
    with uow:
        try:
            head_seq, head_hash = uow.audit.head()
        except AuditChainBroken:
            head_seq, head_hash = -1, ""  # gone: still walk the chain, then say so
        counted = 0
        last: AuditEntry | None = None

        def counting() -> Iterator[AuditEntry]:
            nonlocal counted, last
            for entry in uow.audit.entries():
                counted += 1
                last = entry
                yield entry

        broken = verify_chain(counting())
        if broken is None and head_seq < 0:
            last_seq = last.seq if last else 0
            broken = ChainBreak(
                last_seq + 1,
                f"the chain's head record is missing: entries 1 to {last_seq} link up, but "
                f"nothing tells whether entries after {last_seq} were removed",
            )
        elif broken is None:
            last_seq = last.seq if last else 0
            last_hash = last.hash if last else None
            if last_seq != head_seq or (last is not None and last_hash != head_hash):
                broken = ChainBreak(
                    last_seq + 1,
                    f"the chain ends at entry {last_seq} but {head_seq} were written "
                    "(entries were removed from its end)",
                )
    return Verification(entries=counted, head_seq=head_seq, broken=broken)


def export_lines(uow: AuditUnit) -> Iterator[str]:
    """One JSON object per entry, in order: what an overseer needs to re-verify the chain."""
    with uow:
        for entry in uow.audit.entries():
            event = entry.event
            yield json.dumps(
                {
                    "seq": entry.seq,
                    "at": event.at.isoformat(),
                    "actor": event.actor,
                    "agency": event.agency,
                    "action": str(event.action),
                    "purpose": event.purpose,
                    "record_type": event.record_type,
                    "record_id": event.record_id,
                    "detail": event.detail,
                    "prev_hash": entry.prev_hash,
                    "hash": entry.hash,
                },
                sort_keys=True,
            )


#: Entries on one page of the audit log.
PAGE = 50


def who_read(
    uow: AuditUnit,
    user: User,
    *,
    actor: str | None = None,
    record: str | None = None,
    before: int | None = None,
    purpose: str,
) -> list[AuditEntry]:
    """The user's agency's log, newest first, by ``actor`` or about ``record``: who read
    which record, when and why. The log names people and what they read: this read is
    itself logged."""
    purpose = stated_purpose(purpose)
    with uow:
        found = uow.audit.latest(
            str(user.agency), actor=actor, record=record, before=before, limit=PAGE
        )
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="audit",
                record_id=record,
                detail={"actor": actor or "", "entries": str(len(found))},
            )
        )
        uow.commit()
    return found
