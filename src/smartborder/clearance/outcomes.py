"""The outcomes of a clearance written together: decisions, hits, crossings and their
audit, all or none."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from smartborder.clearance.assess import Assessment, Assessor, Subject, query_of
from smartborder.clearance.crossings import EntryOutbox, add_entries
from smartborder.clearance.decide import Stage
from smartborder.clearance.hits import without_dismissed
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import (
    AuditAction,
    AuditEvent,
    CrossingRecord,
    Direction,
    LaneType,
    PortOfEntry,
    ScreeningQuery,
    User,
    WatchlistHit,
)
from smartborder.domain.intake import REFERENCE_REUSED, MessageReceipt

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Cleared:
    subject: Subject
    assessment: Assessment


@dataclass
class Prepared:
    """Travellers read and looked up, ready to be screened (perhaps elsewhere) and decided."""

    subjects: list[Subject] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # identity keys, one per subject
    confirmed: dict[str, set[str]] = field(default_factory=dict)
    dismissed: dict[str, frozenset[tuple[str, str, str]]] = field(default_factory=dict)

    def queries(self) -> list[ScreeningQuery]:
        return [query_of(s) for s in self.subjects]


def assess_all(
    assessor: Assessor,
    prepared: Prepared,
    stage: Stage,
    watch: Sequence[Sequence[WatchlistHit]] | None = None,
) -> list[Cleared]:
    """Decide each prepared traveller; ``watch`` holds their screening hits when a pool
    screened them already (else the assessor screens each one itself)."""
    return [
        Cleared(
            subject,
            assessor.assess(
                subject,
                stage,
                identity_key=key,
                confirmed=frozenset(prepared.confirmed.get(key, ())),
                dismissed=prepared.dismissed.get(key, frozenset()),
                watch=watch[n] if watch is not None else None,
            ),
        )
        for n, (subject, key) in enumerate(zip(prepared.subjects, prepared.keys, strict=True))
    ]


@dataclass(frozen=True, slots=True)
class Stored:
    hits_raised: int
    hits_suppressed: int
    crossings: int
    duplicate_of: MessageReceipt | None = None
    receipt: MessageReceipt | None = None  # as stored: with its warning, if any


def crossing_of(user: User, subject: Subject) -> CrossingRecord:
    traveller = subject.traveller
    assert subject.arrived_at is not None and subject.port_code is not None
    return CrossingRecord(
        agency=user.agency,
        direction=Direction.ENTRY,
        name=traveller.name,
        birth_date=traveller.birth_date,
        nationality=traveller.nationality,
        sex=traveller.sex,
        document=traveller.primary_document,
        port_code=subject.port_code,
        lane=LaneType(subject.lane) if subject.lane else None,
        crossed_at=subject.arrived_at,
    )


def store_cleared(
    uow: ClearanceUnit,
    user: User,
    cleared: Sequence[Cleared],
    stage: Stage,
    *,
    receipt: MessageReceipt | None = None,
    outbox: EntryOutbox | None = None,
    by: Sequence[User] | None = None,
    ports: Mapping[str, PortOfEntry | None] | None = None,
) -> Stored:
    """One transaction: the message receipt, each decision with its audit entry, the hits
    that still alert, and at arrival each traveller's crossing record (and outbox row)."""
    with uow:
        stored = write_cleared(uow, user, cleared, stage, receipt=receipt, outbox=outbox, by=by)
        if stored.duplicate_of is None:
            uow.commit()
    return stored


def write_cleared(
    uow: ClearanceUnit,
    user: User,
    cleared: Sequence[Cleared],
    stage: Stage,
    *,
    receipt: MessageReceipt | None = None,
    outbox: EntryOutbox | None = None,
    by: Sequence[User] | None = None,
    ports: Mapping[str, PortOfEntry | None] | None = None,
) -> Stored:
    """What ``store_cleared`` writes, inside a unit of work the caller opened and commits.

    ``by`` names who asked for each decision when that is not ``user`` for all of them
    (a group of booth reads from several officers of ``user``'s agency); ``ports``, the
    arrival ports, when the caller read them already.
    """
    if by is not None and len(by) != len(cleared):
        raise ValueError("one officer per decision")
    events: list[AuditEvent] = []
    if receipt is not None:
        r = receipt
        earlier = uow.messages.with_reference(r.agency, r.kind, r.sender, r.reference)
        seen = next((m for m in earlier if m.content_hash == r.content_hash), None)
        if seen is not None:  # taken in by another worker meanwhile: keep its answers
            return Stored(0, 0, 0, duplicate_of=seen)
        if earlier:
            receipt = replace(receipt, warning=_reused(receipt, earlier))
            events.append(_reuse_event(user, receipt, earlier))
            log.warning("%s %s: %s", receipt.kind, receipt.id, receipt.warning)
        uow.messages.add(receipt)
    decisions = [c.assessment.decision for c in cleared]
    # Dismissals were applied when assessing; one made since is applied here too.
    kept, late = without_dismissed(uow, [h for c in cleared for h in c.assessment.candidates])
    suppressed = late + sum(c.assessment.suppressed for c in cleared)
    uow.decisions.add_many(decisions)
    uow.hits.add_many(kept)
    crossings: list[CrossingRecord] = []
    if stage is Stage.ARRIVAL:
        crossings = [crossing_of(user, c.subject) for c in cleared]
        # The decision's audit entry names the crossing it created: one entry for both.
        add_entries(uow, user, crossings, outbox=outbox, audit=False, ports=ports)
    uow.audit.append_many(
        events
        + [
            AuditEvent.by(
                by[n] if by is not None else user,
                action=AuditAction.DECIDE,
                purpose=f"clearance at {stage}",
                record_type="decision",
                record_id=d.id,
                detail={
                    "kind": str(d.decision.kind),
                    "flight": d.flight or "",
                    "port": d.port_code or "",
                    "crossing": crossings[n].id if crossings else "",
                },
            )
            for n, d in enumerate(decisions)
        ]
    )
    return Stored(len(kept), suppressed, len(crossings), receipt=receipt)


def _reused(receipt: MessageReceipt, earlier: Sequence[MessageReceipt]) -> str:
    first = earlier[0]
    said = (
        f"{REFERENCE_REUSED}: {receipt.reference} from {receipt.sender} was taken in "
        f"{len(earlier)} time(s) before (first on {first.received_at:%Y-%m-%d %H:%M} UTC, "
        f"receipt {first.id}); cleared as a new message"
    )
    return said[:300]  # the receipt's column; the words that matter come first


def _reuse_event(
    user: User, receipt: MessageReceipt, earlier: Sequence[MessageReceipt]
) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=AuditAction.CREATE,
        purpose="message intake",
        record_type="message",
        record_id=receipt.id,
        detail={
            "warning": REFERENCE_REUSED,
            "kind": receipt.kind,
            "sender": receipt.sender,
            "reference": receipt.reference,
            "earlier": ",".join(m.id for m in earlier)[:300],
        },
    )
