"""Primary inspection at a land booth: the document read, the lane, a decision in milliseconds.

The officer's reader gives the machine-readable zone; the booth gives the port, lane and
plate. The traveller is screened and assessed, a NEXUS lane checks membership, and the
answer (release, or refer with reasons) is stored with the crossing record it creates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smartborder.clearance.assess import Assessor, Subject
from smartborder.clearance.crossings import EntryOutbox
from smartborder.clearance.decide import Stage
from smartborder.clearance.hits import standing_dismissals
from smartborder.clearance.identity import traveller_identity
from smartborder.clearance.record import Cleared, store_cleared
from smartborder.domain import LaneType, Reason, ReasonKind, User, as_utc, new_id
from smartborder.domain.decisions import ClearanceMode, TravellerDecision
from smartborder.errors import ValidationFailed
from smartborder.formats.mrz import MrzResult, parse_mrz
from smartborder.programmes.nexus import lane_check
from smartborder.store.uow import UnitOfWork
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
    uow: Callable[[], UnitOfWork],
    assessor: Assessor,
    user: User,
    read: BoothRead,
    *,
    outbox: EntryOutbox | None = None,
) -> PrimaryResult:
    at = as_utc(read.at, field="at")
    mrz = parse_mrz(read.mrz, reference_date=at.date())
    traveller = mrz.traveller()
    key = traveller_identity(traveller)
    with uow() as reading:
        port = reading.ports.get(read.port_code)
        if port is None or port.agency is not user.agency:
            raise ValidationFailed(f"port {read.port_code!r} is not one of {user.agency}'s ports")
        if read.lane not in port.lanes:
            raise ValidationFailed(f"port {port.code} has no {read.lane} lane")
        member = reading.nexus.get(mrz.document_number) if read.lane is LaneType.NEXUS else None
        history = reading.decisions.history(
            user.agency, [key], at.date() - timedelta(HISTORY_DAYS)
        ).get(key)
        confirmed = reading.hits.confirmed(user.agency, [key]).get(key, set())
        dismissed = standing_dismissals(reading, user.agency, [key]).get(key, frozenset())
    findings = document_findings(mrz, at)
    if read.lane is LaneType.NEXUS:
        reason = lane_check(member, mrz.document_number or None, traveller, at.date())
        if reason is not None:
            findings.append(reason)
    local = at.astimezone(ZoneInfo(port.timezone))
    facts = land_facts(
        mrz,
        port=port.code,
        lane=str(read.lane),
        arrived_at=at,
        local_hour=local.hour,
        plate=read.plate,
        confirmed_hits=len(confirmed),
        **({"history": history} if history else {}),
    )
    subject = Subject(
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
    assessment = assessor.assess(
        subject,
        Stage.ARRIVAL,
        identity_key=key,
        confirmed=frozenset(confirmed),
        dismissed=dismissed,
    )
    stored = store_cleared(
        uow(), user, [Cleared(subject, assessment)], Stage.ARRIVAL, outbox=outbox
    )
    return PrimaryResult(assessment.decision, mrz, stored.hits_raised)
