"""The audit trail: an append-only log in which each entry carries the hash of the one before.

Editing, removing or reordering any entry breaks the chain from that entry on, and
``verify_chain`` names the first entry where it breaks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import orjson

from smartborder.domain.clock import utc_now
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.errors import ValidationFailed

if TYPE_CHECKING:
    from smartborder.domain.users import User

GENESIS_HASH = "0" * 64
MAX_PURPOSE = 200

#: What an entry says besides its fields: short strings, or a list of ids (a list read
#: names every record it returned, so that the trail of one record finds that read too).
AuditDetail = dict[str, str | list[str]]


def stated_purpose(purpose: str | None) -> str:
    """The purpose a read of personal data was stated for, or ValidationFailed.

    Every such read is logged with its purpose: a default one would say nothing, so the
    caller must give it (the API's ``X-Purpose`` header, the CLI's ``--purpose``).
    """
    stated = (purpose or "").strip()
    if not stated:
        raise ValidationFailed("a read of personal data needs a stated purpose")
    if len(stated) > MAX_PURPOSE:
        raise ValidationFailed(f"a purpose is at most {MAX_PURPOSE} characters")
    return stated


class AuditAction(AnyCaseStrEnum):
    READ = "read"  # a read of personal data
    DECIDE = "decide"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    DISCLOSE = "disclose"  # sent to the partner
    RECEIVE = "receive"  # received from the partner
    REJECT = "reject"  # refused message or request
    LOGIN = "login"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """What happened, before it takes its place in the chain."""

    actor: str
    agency: str
    action: AuditAction
    purpose: str
    record_type: str
    record_id: str | None = None
    detail: AuditDetail = field(default_factory=dict)
    at: datetime = field(default_factory=utc_now)

    @classmethod
    def by(
        cls,
        user: User,
        *,
        action: AuditAction,
        purpose: str,
        record_type: str,
        record_id: str | None = None,
        detail: Mapping[str, str | list[str]] | None = None,
    ) -> AuditEvent:
        """What ``user`` did, in the name of the user's agency."""
        return cls(
            actor=user.actor,
            agency=str(user.agency),
            action=action,
            purpose=purpose,
            record_type=record_type,
            record_id=record_id,
            detail=dict(detail or {}),
        )


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    event: AuditEvent
    prev_hash: str
    hash: str


def entry_hash(seq: int, event: AuditEvent, prev_hash: str) -> str:
    """SHA-256 over a canonical JSON form of the entry and its predecessor's hash.

    Canonical: keys sorted, no spaces, UTF-8. orjson (Apache-2.0 / MIT) writes it: every
    decision appends an entry, so this is on the clearance hot path.
    """
    body = orjson.dumps(
        {
            "seq": seq,
            "prev": prev_hash,
            "actor": event.actor,
            "agency": event.agency,
            "action": str(event.action),
            "purpose": event.purpose,
            "record_type": event.record_type,
            "record_id": event.record_id,
            "detail": event.detail,
            "at": event.at.isoformat(),
        },
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(body).hexdigest()


def chain(seq: int, event: AuditEvent, prev_hash: str) -> AuditEntry:
    digest = entry_hash(seq, event, prev_hash)
    return AuditEntry(seq=seq, event=event, prev_hash=prev_hash, hash=digest)


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    problem: str


def verify_chain(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first entry at which the chain is broken, or None when it is whole.

    ``entries`` must come in ``seq`` order from the first entry ever written.
    """
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(
                expected_seq, f"entry {expected_seq} is missing or out of order (found {entry.seq})"
            )
        if entry.prev_hash != expected_prev:
            return ChainBreak(
                entry.seq,
                "does not follow the entry before it (reordered or an entry before it was removed)",
            )
        if entry_hash(entry.seq, entry.event, entry.prev_hash) != entry.hash:
            return ChainBreak(entry.seq, "its content was changed after it was written")
        expected_prev = entry.hash
        expected_seq += 1
    return None
