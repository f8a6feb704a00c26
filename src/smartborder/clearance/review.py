"""The hit queue as an analyst works it: soonest arrival first, with where and when.

The API's queue (``hits.hit_queue``) is strongest first; a targeting analyst works to
the clock instead (a hit on a flight landing in twenty minutes comes before a stronger
one landing tomorrow), so this queue carries each hit's flight, port and arrival, read
with the hits (``HitRepository.by_arrival``: one query, ordered by the store), filtered
and ordered by them. Audited as one read that names every hit shown.
"""

from __future__ import annotations

from smartborder.clearance.hits import audit_event
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import AuditAction, User
from smartborder.domain.audit import stated_purpose
from smartborder.domain.hits import QueuedHit, QueueFilter
from smartborder.errors import ValidationFailed

MOST_SHOWN = 1000


def review_queue(
    uow: ClearanceUnit, user: User, shown: QueueFilter, *, limit: int = 100, purpose: str
) -> list[QueuedHit]:
    """The agency's hits under ``shown``, soonest arrival first (then the strongest)."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= MOST_SHOWN:
        raise ValidationFailed(f"limit must be between 1 and {MOST_SHOWN}")
    with uow:
        queued = uow.hits.by_arrival(user.agency, shown, limit)
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
