"""The trusted-traveller records the two nodes exchange: an application, and a decision.

Each agency vets on its own node, so an application taken at one node (its *home*) is
shared with the partner, which keeps a copy and vets it against its own lists:

- ``nexus-application`` (home to partner): the application's id, programme and the
  applicant's fields, as the application file has them;
- ``nexus-decision`` (either way): one change the *sender's* agency made: its vetting,
  the interview (the home node records it), a suspension, a revocation, a reinstatement
  or an upheld review; with the grounds, the notice it issued and the membership's
  PASSID and expiry. The receiver replays the change on its copy, so that the booths
  of both countries read the same membership.

The agreement names the fields that travel (``examples/agreements/programmes.yaml``); a
field it leaves out arrives as null: the receiver then knows a decision but not its
reasons, and says so. Every value is checked as untrusted input here, before any is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from smartborder.domain import Agency
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Ground,
    GroundKind,
    Notice,
    Programme,
    Recourse,
    Vetting,
    VettingDecision,
)
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.errors import ValidationFailed
from smartborder.formats.application import ApplicationIn, PeriodIn, to_applicant

NEXUS_APPLICATION = "nexus-application"
NEXUS_DECISION = "nexus-decision"

_APPLICANT_FIELDS = frozenset(ApplicationIn.model_fields)
#: What the partner cannot vet without: who the applicant is and what they declared.
APPLICATION_REQUIRED = frozenset(
    {"application_id", "programme", "submitted_at"}
    | (_APPLICANT_FIELDS - {"addresses", "employment"})
)
APPLICATION_FIELDS = APPLICATION_REQUIRED | {"addresses", "employment"}

DECISION_REQUIRED = frozenset({"application_id", "agency", "change", "at"})
DECISION_FIELDS = DECISION_REQUIRED | {
    "decision",  # the sender's vetting: approve or deny
    "reasons",  # its grounds [{kind, ref, text}]; left out, the receiver says none were shared
    "status",
    "passid",
    "expiry_date",
    "notice_id",
    "recourse_deadline",
    "interview_centre",  # a booking's centre and day
    "interview_day",
}

#: The fields of each record type, and those without which the receiver can do nothing.
RECORD_FIELDS = {
    NEXUS_APPLICATION: (APPLICATION_FIELDS, APPLICATION_REQUIRED),
    NEXUS_DECISION: (DECISION_FIELDS, DECISION_REQUIRED),
}


class Change(AnyCaseStrEnum):
    """What the sender's agency did, and so what the receiver replays."""

    VETTING = "vetting"  # its decision on the application
    BOOKING = "booking"  # the interview booked at a centre (the home node)
    INTERVIEW = "interview"  # pass: a member with a PASSID; fail: denied (the home node)
    SUSPENSION = "suspension"  # re-vetting found a new match
    REVOCATION = "revocation"  # a suspension upheld on review
    REINSTATEMENT = "reinstatement"  # a review reversed the decision
    UPHELD = "upheld"  # a review upheld a denial


@dataclass(frozen=True, slots=True)
class SharedApplication:
    id: str
    programme: Programme
    submitted_at: datetime
    applicant: Applicant


@dataclass(frozen=True, slots=True)
class SharedDecision:
    """One change the sending agency made to an application (see ``Change``)."""

    application_id: str
    agency: Agency
    change: Change
    at: datetime
    decision: VettingDecision | None
    grounds: tuple[Ground, ...] | None  # None: the agreement does not share them
    status: ApplicationStatus | None
    passid: str | None
    expiry_date: date | None
    notice_id: str | None
    recourse_deadline: date | None
    interview_centre: str | None = None
    interview_day: date | None = None


def _grounds(grounds: tuple[Ground, ...]) -> list[dict[str, str]]:
    return [{"kind": str(g.kind), "ref": g.ref, "text": g.text} for g in grounds]


def application_fields(application: Application) -> dict[str, Any]:
    """Every field an application record can carry, as JSON values."""
    a = application.applicant

    def periods(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [
            {
                "from": p.start.isoformat(),
                "to": p.end.isoformat() if p.end else None,
                "lines": list(p.lines),
            }
            for p in items
        ]

    return {
        "application_id": application.id,
        "programme": str(application.programme),
        "submitted_at": application.submitted_at.isoformat(),
        "surname": a.surname,
        "given_names": " ".join(a.given_names),
        "birth_date": a.birth_date.isoformat(),
        "nationality": a.nationality,
        "sex": a.sex,
        "language": a.language,
        "documents": [
            {
                "type": d.type,
                "number": d.number,
                "issuing_country": d.issuing_country,
                "expiry_date": d.expiry_date.isoformat(),
            }
            for d in a.documents
        ],
        "addresses": periods(a.addresses),
        "employment": periods(a.employment),
        "declarations": {
            "criminal_convictions": a.declarations.criminal_convictions,
            "customs_or_immigration_violations": a.declarations.customs_or_immigration_violations,
        },
    }


def decision_fields(
    application: Application,
    agency: Agency,
    change: Change,
    at: datetime,
    *,
    notice: Notice | None = None,
) -> dict[str, Any]:
    """Every field a decision record can carry: ``agency``'s ``change`` to ``application``
    (as it stands after the change), and the notice it issued; the reasons are the
    notice's grounds, or the agency's vetting's when there is no notice."""
    vetting = application.vetting_of(agency)
    recourse = _recourse_of(application, notice)
    return {
        "application_id": application.id,
        "agency": str(agency),
        "change": str(change),
        "at": at.isoformat(),
        "decision": str(vetting.decision),
        "reasons": _grounds(notice.grounds if notice else vetting.grounds),
        "status": str(application.status),
        "passid": application.passid,
        "expiry_date": application.expiry_date.isoformat() if application.expiry_date else None,
        "notice_id": notice.id if notice else None,
        "recourse_deadline": recourse.deadline.isoformat() if recourse else None,
        "interview_centre": application.interview.centre if application.interview else None,
        "interview_day": application.interview.day.isoformat() if application.interview else None,
    }


def _recourse_of(application: Application, notice: Notice | None) -> Recourse | None:
    if notice is None:
        return None
    return next((r for r in application.recourses if r.notice_id == notice.id), None)


class _SharedApplicationIn(ApplicationIn):
    """The applicant's fields as shared: addresses and employment may be left out."""

    addresses: Annotated[list[PeriodIn], Field(max_length=40)] = []
    employment: Annotated[list[PeriodIn], Field(max_length=40)] = []


_Id = Annotated[str, Field(pattern=r"^[0-9a-f-]{36}$")]


class _ApplicationHead(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    application_id: _Id
    programme: Programme
    submitted_at: AwareDatetime


class _GroundIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: GroundKind
    ref: Annotated[str, Field(min_length=1, max_length=200)]
    text: Annotated[str, Field(max_length=1000)]


class _DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    application_id: _Id
    agency: Agency
    change: Change
    at: AwareDatetime
    decision: VettingDecision | None = None
    reasons: Annotated[list[_GroundIn], Field(max_length=50)] | None = None
    status: ApplicationStatus | None = None
    passid: Annotated[str, Field(pattern=r"^[1-9][0-9]{8}$")] | None = None
    expiry_date: date | None = None
    notice_id: _Id | None = None
    recourse_deadline: date | None = None
    interview_centre: Annotated[str, Field(pattern=r"^[A-Z0-9]{2,8}$")] | None = None
    interview_day: date | None = None


def _refused(exc: ValidationError) -> ValidationFailed:
    err = exc.errors()[0]
    location = ".".join(str(p) for p in err["loc"]) or "record"
    return ValidationFailed(f"field {location}: {err['msg']}")


def read_application(fields: Mapping[str, Any]) -> SharedApplication:
    """An application record from the partner, every value checked."""
    present = {k: v for k, v in fields.items() if v is not None}
    try:
        head = _ApplicationHead.model_validate(present)
        form = _SharedApplicationIn.model_validate(
            {k: v for k, v in present.items() if k in _APPLICANT_FIELDS}
        )
    except ValidationError as exc:
        raise _refused(exc) from None
    return SharedApplication(
        head.application_id, head.programme, head.submitted_at, to_applicant(form)
    )


def read_decision(fields: Mapping[str, Any]) -> SharedDecision:
    """A decision record from the partner, every value checked."""
    try:
        value = _DecisionIn.model_validate(dict(fields))
    except ValidationError as exc:
        raise _refused(exc) from None
    grounds = (
        None
        if value.reasons is None
        else tuple(Ground(g.kind, g.ref, g.text) for g in value.reasons)
    )
    return SharedDecision(
        application_id=value.application_id,
        agency=value.agency,
        change=value.change,
        at=value.at,
        decision=value.decision,
        grounds=grounds,
        status=value.status,
        passid=value.passid,
        expiry_date=value.expiry_date,
        notice_id=value.notice_id,
        recourse_deadline=value.recourse_deadline,
        interview_centre=value.interview_centre,
        interview_day=value.interview_day,
    )


def vetting_of(decision: SharedDecision, not_shared: Ground) -> Vetting:
    """The sender's vetting as a decision record gives it; ``not_shared`` stands for the
    grounds of a denial whose reasons the agreement keeps back."""
    verdict = decision.decision or VettingDecision.PENDING
    grounds = decision.grounds
    if grounds is None:
        grounds = (not_shared,) if verdict is VettingDecision.DENY else ()
    return Vetting(decision.agency, verdict, grounds, decision.at)
