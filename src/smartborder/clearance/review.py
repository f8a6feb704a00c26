"""The hit queue as an analyst works it: soonest arrival first, with where and when.

The API's queue (``hits.hit_queue``) is strongest first; a targeting analyst works to
the clock instead (a hit on a flight landing in twenty minutes comes before a stronger
one landing tomorrow), so this queue carries each hit's flight, port and arrival, read
with the hits in one unit of work, filtered and ordered by it. Audited as one read that
names every hit shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smartborder.clearance.hits import audit_event
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import AuditAction, User, as_utc
from smartborder.domain.audit import stated_purpose
from smartborder.domain.decisions import TravellerDecision
from smartborder.domain.hits import Hit, HitKind, HitStatus
from smartborder.errors import ValidationFailed

#: Hits read to fill one page of the queue before the port and flight filters.
READ_AT_MOST = 1000


@dataclass(frozen=True, slots=True)
class QueuedHit:
    hit: Hit
    flight: str | None
    port_code: str | None
    arrives_at: datetime | None  # None: a land crossing, or a flight of unknown arrival


@dataclass(frozen=True, slots=True)
class QueueFilter:
    status: HitStatus | None = HitStatus.OPEN
    kind: HitKind | None = None
    port: str | None = None
    flight: str | None = None
    ref: str | None = None  # the list entry or rule


def arrival(decision: TravellerDecision) -> datetime | None:
    """When the traveller's flight lands, from the facts the decision was taken on."""
    value = decision.facts.get("flight.arrival_time")
    if isinstance(value, datetime):
        return as_utc(value, field="flight.arrival_time")
    if isinstance(value, str):
        try:
            return as_utc(datetime.fromisoformat(value), field="flight.arrival_time")
        except ValueError:
            return None
    return None


def review_queue(
    uow: ClearanceUnit, user: User, shown: QueueFilter, *, limit: int = 100, purpose: str
) -> list[QueuedHit]:
    """The agency's hits under ``shown``, soonest arrival first (then the strongest)."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= READ_AT_MOST:
        raise ValidationFailed(f"limit must be between 1 and {READ_AT_MOST}")
    with uow:
        hits = uow.hits.queue(
            user.agency, status=shown.status, kind=shown.kind, ref=shown.ref, limit=READ_AT_MOST
        )
        decisions = uow.decisions.get_many(user.agency, sorted({h.decision_id for h in hits}))
        queued = []
        for hit in hits:
            decision = decisions.get(hit.decision_id)
            flight = decision.flight if decision else None
            port = decision.port_code if decision else None
            if shown.port and port != shown.port or shown.flight and flight != shown.flight:
                continue
            queued.append(QueuedHit(hit, flight, port, arrival(decision) if decision else None))
        queued.sort(
            key=lambda q: (q.arrives_at is None, q.arrives_at or datetime.max, -q.hit.score)
        )
        queued = queued[:limit]
        uow.audit.append(
            audit_event(
                user,
                AuditAction.READ,
                purpose,
                "hit",
                None,
                count=str(len(queued)),
                status=str(shown.status or "any"),
                ids=[q.hit.id for q in queued],
            )
        )
        uow.commit()
    return queued
