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
from smartborder.clearance.outcomes import Prepared, assess_all, store_cleared
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import (
    Agency,
    LaneType,
    PortOfEntry,
    Reason,
    ReasonKind,
    User,
    WatchlistHit,
    as_utc,
    new_id,
)
from smartborder.domain.decisions import ClearanceMode, History, TravellerDecision
from smartborder.domain.nexus import NexusMember
from smartborder.errors import SmartborderError, ValidationFailed
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
    """One booth read, decided and stored with its crossing record."""
    (answer,) = primary_group(units, assessor, [(user, read)], outbox=outbox)
    if isinstance(answer, SmartborderError):
        raise answer
    return answer


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
    documents = [_document(r) for r in reads]
    known = _look_up(reading, user.agency, reads, documents)
    subjects = [_subject(user.agency, r, d, known) for r, d in zip(reads, documents, strict=True)]
    return PreparedReads(
        subjects,
        [traveller_identity(s.traveller) for s in subjects],
        known.confirmed,
        known.dismissed,
        documents=documents,
    )


@dataclass(frozen=True, slots=True)
class _Known:
    """What the store knows of a group of booth reads, looked up together."""

    ports: dict[str, PortOfEntry | None]
    members: dict[str, NexusMember]
    history: dict[str, History]
    confirmed: dict[str, set[str]]
    dismissed: dict[str, frozenset[tuple[str, str, str]]]


def _document(read: BoothRead) -> MrzResult:
    return parse_mrz(read.mrz, reference_date=as_utc(read.at, field="at").date())


def _look_up(
    reading: ClearanceUnit,
    agency: Agency,
    reads: Sequence[BoothRead],
    documents: Sequence[MrzResult],
) -> _Known:
    keys = [traveller_identity(d.traveller()) for d in documents]
    cards = sorted(
        {
            d.document_number
            for d, r in zip(documents, reads, strict=True)
            if r.lane is LaneType.NEXUS and d.document_number
        }
    )
    earliest = min(as_utc(r.at, field="at") for r in reads).date()
    return _Known(
        ports={code: reading.ports.get(code) for code in {r.port_code for r in reads}},
        members=reading.nexus.get_many(cards),
        history=reading.decisions.history(agency, keys, earliest - timedelta(HISTORY_DAYS)),
        confirmed=reading.hits.confirmed(agency, keys),
        dismissed=standing_dismissals(reading, agency, keys),
    )


def _subject(agency: Agency, read: BoothRead, mrz: MrzResult, known: _Known) -> Subject:
    """The read as a traveller to assess; refused if the port or lane is not the agency's."""
    port = known.ports.get(read.port_code)
    if port is None or port.agency is not agency:
        raise ValidationFailed(f"port {read.port_code!r} is not one of {agency}'s ports")
    if read.lane not in port.lanes:
        raise ValidationFailed(f"port {port.code} has no {read.lane} lane")
    traveller = mrz.traveller()
    key = traveller_identity(traveller)
    at = as_utc(read.at, field="at")
    findings = document_findings(mrz, at)
    if read.lane is LaneType.NEXUS:
        card = mrz.document_number or None
        reason = lane_check(known.members.get(card or ""), card, traveller, at.date())
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
        confirmed_hits=len(known.confirmed.get(key, ())),
        traveller=traveller,
        **({"history": known.history[key]} if key in known.history else {}),
    )
    return Subject(
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


def primary_group(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    reads: Sequence[tuple[User, BoothRead]],
    *,
    outbox: EntryOutbox | None = None,
) -> list[PrimaryResult | SmartborderError]:
    """Booth reads of several officers of one agency, decided together.

    The node's booths are served this way (group commit): the reads that arrived while
    the previous group was being decided are read in one transaction and written in
    one, so that the cost of a transaction is shared by a group that grows with the load.
    A read that cannot be decided (a bad zone, another agency's port) gets its own error
    and the others go on; each decision's audit entry names the officer who asked.
    """
    if not reads:
        return []
    agency = assessor.agency
    if any(user.agency is not agency for user, _ in reads):
        raise ValidationFailed(f"a group of booth reads is for {agency} officers only")
    answers: list[PrimaryResult | SmartborderError | None] = [None] * len(reads)
    documents: dict[int, MrzResult] = {}
    for n, (_, read) in enumerate(reads):
        try:
            documents[n] = _document(read)
        except SmartborderError as error:
            answers[n] = error
    if not documents:  # nothing to look up: every read was refused already
        return [a for a in answers if a is not None]
    with units().for_reading() as reading:
        known = _look_up(
            reading, agency, [reads[n][1] for n in documents], list(documents.values())
        )
    subjects: dict[int, Subject] = {}
    for n, mrz in documents.items():
        try:
            subjects[n] = _subject(agency, reads[n][1], mrz, known)
        except SmartborderError as error:
            answers[n] = error
    if subjects:
        keys = [traveller_identity(s.traveller) for s in subjects.values()]
        prepared = Prepared(list(subjects.values()), keys, known.confirmed, known.dismissed)
        cleared = assess_all(assessor, prepared, Stage.ARRIVAL)
        officers = [reads[n][0] for n in subjects]
        store_cleared(
            units(),
            officers[0],
            cleared,
            Stage.ARRIVAL,
            outbox=outbox,
            by=officers,
            ports=known.ports,
        )
        for n, done in zip(subjects, cleared, strict=True):
            answers[n] = PrimaryResult(
                done.assessment.decision, documents[n], len(done.assessment.candidates)
            )
    decided = [a for a in answers if a is not None]
    assert len(decided) == len(reads)  # every read has its decision or its error
    return decided


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
