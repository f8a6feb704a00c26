"""Information sharing between the two agencies' nodes: what waits to be sent, what was.

A *disclosure* is one record, reduced to the fields an agreement shares, waiting in the
outbox for the partner. Its idempotency key names it for ever: the partner applies a key
once however often it arrives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import utc_now
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.ids import new_id


class DeliveryState(AnyCaseStrEnum):
    PENDING = "pending"  # waiting for (another) attempt
    DELIVERED = "delivered"  # the partner acknowledged it, as applied or as already held
    FAILED = "failed"  # the partner refused it for good (outside the agreement)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One record in the outbox."""

    key: str  # idempotency key: the source record's id
    record_type: str  # a record type of the agreement, e.g. "entry-exit"
    partner: Agency
    day: date  # the UTC day the record belongs to (an entry's crossing day): manifests
    fields: dict[str, Any]  # exactly the agreed fields; emptied once delivered
    state: DeliveryState = DeliveryState.PENDING
    attempts: int = 0
    next_attempt_at: datetime = field(default_factory=utc_now)
    created_at: datetime = field(default_factory=utc_now)
    delivered_at: datetime | None = None
    last_error: str = ""
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class DeliveryStatus:
    """What ``smartborder exchange status`` shows."""

    pending: int
    delivered: int
    failed: int
    oldest_pending_at: datetime | None
    last_error: str = ""

    def oldest_pending_age(self, now: datetime) -> float | None:
        """Seconds the oldest undelivered record has waited, or None when none waits."""
        if self.oldest_pending_at is None:
            return None
        return max(0.0, (now - self.oldest_pending_at).total_seconds())


@dataclass(frozen=True, slots=True)
class DayManifest:
    """What one node holds of one record type for one day: a count and a hash of ids.

    Two nodes that hold the same records compute the same manifest, without either one
    sending the other a single record to prove it.
    """

    record_type: str
    day: date
    count: int
    ids_hash: str

    @classmethod
    def of(cls, record_type: str, day: date, ids: Iterable[str]) -> DayManifest:
        ordered = sorted(ids)
        digest = hashlib.sha256("\n".join(ordered).encode()).hexdigest()
        return cls(record_type=record_type, day=day, count=len(ordered), ids_hash=digest)


@dataclass(frozen=True, slots=True)
class AuditAnchor:
    """The head of a node's audit chain as its partner last saw it.

    Each message carries the sender's chain head and the receiver keeps it: a sender who
    rewrote its whole chain (every hash recomputed, so ``audit verify`` passes) still
    cannot make the anchors its partner holds match the rewritten entries.
    """

    agency: Agency
    seq: int
    hash: str
    received_at: datetime = field(default_factory=utc_now)
