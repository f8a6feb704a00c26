"""The hit queue: raise hits (except dismissed pairs), review them, dispose of them.

Every read of a hit (it names a traveller) and every disposition is audited, so that the
trail of a hit's review shows who looked, who decided, what and why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import Agency, AuditAction, AuditEvent, User
from smartborder.domain.audit import stated_purpose
from smartborder.domain.decisions import TravellerDecision
from smartborder.domain.hits import (
    Dismissal,
    Disposition,
    Hit,
    HitKind,
    HitStatus,
    OutcomeRecord,
    SecondaryOutcome,
)
from smartborder.errors import Conflict, NotFound, ValidationFailed

#: Which dispositions may follow which: a referral comes back confirmed or dismissed.
TRANSITIONS = {
    HitStatus.OPEN: {HitStatus.CONFIRMED, HitStatus.DISMISSED, HitStatus.REFERRED},
    HitStatus.REFERRED: {HitStatus.CONFIRMED, HitStatus.DISMISSED},
    HitStatus.CONFIRMED: set(),
    HitStatus.DISMISSED: set(),
}
MAX_NOTE = 2000


def audit_event(
    user: User,
    action: AuditAction,
    purpose: str,
    record_type: str,
    record_id: str | None,
    **detail: str | list[str],
) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose=purpose,
        record_type=record_type,
        record_id=record_id,
        detail=detail,
    )


def without_dismissed(uow: ClearanceUnit, candidates: list[Hit]) -> tuple[list[Hit], int]:
    """The candidates that still alert, and how many a standing dismissal suppressed.

    Call inside an open unit of work (the clearance pipeline's transaction).
    """
    if not candidates:
        return [], 0
    agency = candidates[0].agency
    standing = {
        (d.identity_key, d.ref, d.traveller_fingerprint, d.subject_fingerprint)
        for d in uow.hits.dismissals(agency, sorted({h.identity_key for h in candidates}))
    }
    kept = [
        h
        for h in candidates
        if (h.identity_key, h.ref, h.traveller_fingerprint, h.subject_fingerprint) not in standing
    ]
    return kept, len(candidates) - len(kept)


def standing_dismissals(
    uow: ClearanceUnit, agency: Agency, identity_keys: list[str]
) -> dict[str, frozenset[tuple[str, str, str]]]:
    """Per identity, the (ref, traveller fingerprint, subject fingerprint) dismissed."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    for d in uow.hits.dismissals(agency, sorted(set(identity_keys))):
        found.setdefault(d.identity_key, set()).add(
            (d.ref, d.traveller_fingerprint, d.subject_fingerprint)
        )
    return {k: frozenset(v) for k, v in found.items()}


def hit_queue(
    uow: ClearanceUnit,
    user: User,
    *,
    status: HitStatus | None = HitStatus.OPEN,
    kind: HitKind | None = None,
    ref: str | None = None,
    limit: int = 100,
    purpose: str,
) -> list[Hit]:
    """The queue; each hit names a traveller, so the read names every hit it returned."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= 1000:
        raise ValidationFailed("limit must be between 1 and 1000")
    with uow:
        hits = uow.hits.queue(user.agency, status=status, kind=kind, ref=ref, limit=limit)
        uow.audit.append(
            audit_event(
                user,
                AuditAction.READ,
                purpose,
                "hit",
                None,
                count=str(len(hits)),
                status=str(status or "any"),
                ids=[h.id for h in hits],
            )
        )
        uow.commit()
    return hits


@dataclass(frozen=True, slots=True)
class HitDetail:
    hit: Hit
    decision: TravellerDecision
    others: list[Hit]  # the other hits on the same decision


def hit_detail(uow: ClearanceUnit, user: User, hit_id: str, *, purpose: str) -> HitDetail:
    purpose = stated_purpose(purpose)
    with uow:
        hit = uow.hits.get(user.agency, hit_id)
        if hit is None:
            raise NotFound(f"no hit {hit_id}")
        decision = uow.decisions.get(user.agency, hit.decision_id)
        if decision is None:  # pragma: no cover - a hit is written with its decision
            raise NotFound(f"hit {hit_id} has no decision")
        others = [h for h in uow.hits.for_decision(user.agency, hit.decision_id) if h.id != hit.id]
        uow.audit.append(audit_event(user, AuditAction.READ, purpose, "hit", hit_id))
        uow.commit()
    return HitDetail(hit=hit, decision=decision, others=others)


def dispose(uow: ClearanceUnit, user: User, hit_id: str, status: HitStatus, note: str) -> Hit:
    """Confirm, dismiss or refer a hit. A dismissal suppresses the pair from then on."""
    note = note.strip()
    if not note:
        raise ValidationFailed("a disposition needs a note saying why")
    if len(note) > MAX_NOTE:
        raise ValidationFailed(f"a note is at most {MAX_NOTE} characters")
    with uow:
        hit = uow.hits.get(user.agency, hit_id)
        if hit is None:
            raise NotFound(f"no hit {hit_id}")
        if status not in TRANSITIONS[hit.status]:
            raise Conflict(f"hit {hit_id} is {hit.status}; it cannot become {status}")
        disposition = Disposition(status=status, note=note, by=user.actor)
        uow.hits.dispose(hit_id, disposition)
        if status is HitStatus.DISMISSED:
            uow.hits.add_dismissal(
                Dismissal(
                    agency=user.agency,
                    identity_key=hit.identity_key,
                    ref=hit.ref,
                    traveller_fingerprint=hit.traveller_fingerprint,
                    subject_fingerprint=hit.subject_fingerprint,
                    by=user.actor,
                    note=note,
                )
            )
        uow.audit.append(
            audit_event(
                user,
                AuditAction.DECIDE,
                "hit disposition",
                "hit",
                hit_id,
                status=str(status),
                ref=hit.ref,
                note=note[:200],
            )
        )
        uow.commit()
    return replace(hit, status=status, disposition=disposition)


def record_outcome(
    uow: ClearanceUnit, user: User, decision_id: str, outcome: SecondaryOutcome, note: str
) -> OutcomeRecord:
    """What secondary inspection found for a referred traveller."""
    with uow:
        decision = uow.decisions.get(user.agency, decision_id)
        if decision is None:
            raise NotFound(f"no decision {decision_id}")
        if uow.decisions.outcome(user.agency, decision_id) is not None:
            raise Conflict(f"decision {decision_id} already has an outcome")
        record = OutcomeRecord(
            agency=user.agency,
            decision_id=decision_id,
            outcome=outcome,
            note=note.strip()[:MAX_NOTE],
            by=user.actor,
        )
        uow.decisions.record_outcome(record)
        uow.audit.append(
            audit_event(
                user,
                AuditAction.CREATE,
                "secondary inspection",
                "decision",
                decision_id,
                outcome=str(outcome),
            )
        )
        uow.commit()
    return record
