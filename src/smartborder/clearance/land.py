"""Primary inspection at a land booth: the document read, the lane, a decision in milliseconds.

The officer's reader gives the machine-readable zone; the booth gives the port, lane and
plate. The traveller is screened and assessed, a NEXUS lane checks membership, and the
answer (release, or refer with reasons) is stored with the crossing record it creates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from smartborder.clearance.assess import Assessor, Subject
from smartborder.clearance.crossings import EntryOutbox
from smartborder.clearance.decide import Stage
from smartborder.clearance.hits import standing_dismissals
from smartborder.clearance.identity import traveller_identity
from smartborder.clearance.outcomes import Prepared, assess_all, store_cleared, write_cleared
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import LaneType, Reason, ReasonKind, User, WatchlistHit, as_utc, new_id
from smartborder.domain.decisions import ClearanceMode, TravellerDecision
from smartborder.errors import ValidationFailed
from smartborder.formats.mrz import MrzResult, parse_mrz
from smartborder.programmes.nexus import lane_check
from smartborder.targeting.facts import land_facts

HISTORY_DAYS = 365


@dataclass(frozen=True, slots=True)
class BoothRead:
    mrz: Sequence[str]
    port_code: str
    lane: LaneType
    at: datetime
    plate: str | None = None
    role: str = "passenger"  # of a vehicle; "driver" at the wheel, "pedestrian" on foot


@dataclass(frozen=True, slots=True)
class PrimaryResult:
    decision: TravellerDecision
    document: MrzResult
    hits_raised: int


def document_findings(mrz: MrzResult, on_date: datetime) -> list[Reason]:
    findings = []
    failed = [c.name for c in mrz.checks if not c.passed]
    if failed:
        findings.append(
            Reason(
                ReasonKind.DOCUMENT,
                "document:check-digits",
                f"MRZ check digits fail: {', '.join(failed)}",
                1.0,
            )
        )
    if mrz.expiry_date is not None and mrz.expiry_date < on_date.date():
        findings.append(
            Reason(
                ReasonKind.DOCUMENT,
                "document:expired",
                f"document expired on {mrz.expiry_date.isoformat()}",
                1.0,
            )
        )
    return findings


def primary(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    read: BoothRead,
    *,
    outbox: EntryOutbox | None = None,
) -> PrimaryResult:
    """One booth read, decided and stored (with its crossing record) in milliseconds.

    One transaction reads, decides and writes: for a single traveller, a second
    transaction would cost more than holding the write lock while deciding.
    """
    with units() as work:
        prepared = read_booths(work, user, [read])
        (cleared,) = assess_all(assessor, prepared, Stage.ARRIVAL)
        write_cleared(work, user, [cleared], Stage.ARRIVAL, outbox=outbox)
        work.commit()
    return PrimaryResult(
        cleared.assessment.decision, prepared.documents[0], len(cleared.assessment.candidates)
    )


@dataclass
class PreparedReads(Prepared):
    """Booth reads parsed and looked up, ready to be screened and decided."""

    documents: list[MrzResult] = field(default_factory=list)


def prepare_reads(
    units: Callable[[], ClearanceUnit], user: User, reads: Sequence[BoothRead]
) -> PreparedReads:
    """Read the documents and, in one short transaction, what the store knows of them.

    A malformed zone or a port that is not this agency's stops the batch here, before
    anything is decided or written.
    """
    with units().for_reading() as reading:
        return read_booths(reading, user, reads)


def read_booths(reading: ClearanceUnit, user: User, reads: Sequence[BoothRead]) -> PreparedReads:
    """``prepare_reads`` inside a unit of work the caller has open."""
    documents = [parse_mrz(r.mrz, reference_date=as_utc(r.at, field="at").date()) for r in reads]
    travellers = [d.traveller() for d in documents]
    keys = [traveller_identity(t) for t in travellers]
    cards = sorted(
        {
            d.document_number
            for d, r in zip(documents, reads, strict=True)
            if r.lane is LaneType.NEXUS and d.document_number
        }
    )
    earliest = min(as_utc(r.at, field="at") for r in reads).date()
    ports = {code: reading.ports.get(code) for code in {r.port_code for r in reads}}
    members = reading.nexus.get_many(cards)
    history = reading.decisions.history(user.agency, keys, earliest - timedelta(HISTORY_DAYS))
    confirmed = reading.hits.confirmed(user.agency, keys)
    dismissed = standing_dismissals(reading, user.agency, keys)
    subjects = []
    for read, mrz, traveller, key in zip(reads, documents, travellers, keys, strict=True):
        port = ports.get(read.port_code)
        if port is None or port.agency is not user.agency:
            raise ValidationFailed(f"port {read.port_code!r} is not one of {user.agency}'s ports")
        if read.lane not in port.lanes:
            raise ValidationFailed(f"port {port.code} has no {read.lane} lane")
        at = as_utc(read.at, field="at")
        findings = document_findings(mrz, at)
        if read.lane is LaneType.NEXUS:
            card = mrz.document_number or None
            reason = lane_check(members.get(card or ""), card, traveller, at.date())
            if reason is not None:
                findings.append(reason)
        local = at.astimezone(_zone(port.timezone))
        facts = land_facts(
            mrz,
            port=port.code,
            lane=str(read.lane),
            arrived_at=at,
            local_hour=local.hour,
            plate=read.plate,
            confirmed_hits=len(confirmed.get(key, ())),
            traveller=traveller,
            **({"history": history[key]} if key in history else {}),
        )
        subjects.append(
            Subject(
                traveller=traveller,
                facts=facts,
                role=read.role,
                mode=ClearanceMode.LAND,
                travel_date=local.date(),
                subject_id=new_id(),
                findings=tuple(findings),
                port_code=port.code,
                lane=str(read.lane),
                arrived_at=at,
            )
        )
    return PreparedReads(subjects, keys, confirmed, dismissed, documents=documents)


def finish_reads(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    prepared: PreparedReads,
    *,
    watch: Sequence[Sequence[WatchlistHit]] | None = None,
    outbox: EntryOutbox | None = None,
) -> list[PrimaryResult]:
    """Decide every prepared read and store decisions, hits and crossings together."""
    cleared = assess_all(assessor, prepared, Stage.ARRIVAL, watch)
    store_cleared(units(), user, cleared, Stage.ARRIVAL, outbox=outbox)
    return [
        PrimaryResult(c.assessment.decision, mrz, len(c.assessment.candidates))
        for c, mrz in zip(cleared, prepared.documents, strict=True)
    ]


def primary_batch(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    reads: Sequence[BoothRead],
    *,
    outbox: EntryOutbox | None = None,
) -> list[PrimaryResult]:
    """Many booth reads (a port's feed) in two transactions: one to read, one to write."""
    prepared = prepare_reads(units, user, reads)
    return finish_reads(units, assessor, user, prepared, outbox=outbox)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
