"""Trusted-traveller applications (NEXUS, FAST): from the form to the card, and after.

An application is vetted by both agencies, each on its own node and each recording only
its own decision; it is approved only when both approve, denied when either denies, and
every adverse decision (a denial, a suspension, a revocation) comes with a notice that
gives its reasons in the applicant's language and opens a recourse with a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.enums import AnyCaseStrEnum


class Programme(AnyCaseStrEnum):
    NEXUS = "nexus"
    FAST = "fast"  # commercial drivers


class Language(AnyCaseStrEnum):
    """The language of every notice an applicant is sent."""

    EN = "en"
    FR = "fr"


class IdentityDocumentType(AnyCaseStrEnum):
    PASSPORT = "passport"
    PERMANENT_RESIDENT_CARD = "permanent_resident_card"
    CITIZENSHIP_CARD = "citizenship_card"
    DRIVER_LICENCE = "driver_licence"


class InterviewOutcome(AnyCaseStrEnum):
    PASS = "pass"
    FAIL = "fail"


class ApplicationStatus(AnyCaseStrEnum):
    SUBMITTED = "submitted"
    VETTING = "vetting"  # at least one agency has yet to decide
    CONDITIONALLY_APPROVED = "conditionally_approved"  # both approved: interview next
    INTERVIEW_BOOKED = "interview_booked"
    APPROVED = "approved"  # interviewed, a member with a PASSID
    DENIED = "denied"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class VettingDecision(AnyCaseStrEnum):
    APPROVE = "approve"
    DENY = "deny"
    PENDING = "pending"


class GroundKind(AnyCaseStrEnum):
    """What an adverse decision rests on: the notice names it."""

    LIST_ENTRY = "list-entry"  # a watch-list or lookout entry (ref: list_id:source_id)
    DECLARATION = "declaration"  # what the applicant declared
    OUTCOME = "outcome"  # a recorded crossing outcome (a violation, a seizure, a refusal)
    RULE = "rule"  # a programme condition (ref: the condition's id)
    INTERVIEW = "interview"


class NoticeKind(AnyCaseStrEnum):
    DENIAL = "denial"
    SUSPENSION = "suspension"
    REVOCATION = "revocation"
    REINSTATEMENT = "reinstatement"


class RecourseStatus(AnyCaseStrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the adverse decision stands
    REINSTATED = "reinstated"


@dataclass(frozen=True, slots=True)
class Ground:
    """One reason for a decision, as the notice states it."""

    kind: GroundKind
    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class Vetting:
    """One agency's decision on an application, made on that agency's node."""

    agency: Agency
    decision: VettingDecision = VettingDecision.PENDING
    grounds: tuple[Ground, ...] = ()
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    type: str  # "passport", "permanent_resident_card", ...
    number: str
    issuing_country: str  # ISO 3166 alpha-3
    expiry_date: date


@dataclass(frozen=True, slots=True)
class Period:
    """Where the applicant lived or worked, from ``start`` to ``end`` (None: to date)."""

    start: date
    end: date | None
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Declarations:
    criminal_convictions: bool
    customs_or_immigration_violations: bool


@dataclass(frozen=True, slots=True)
class Applicant:
    surname: str
    given_names: tuple[str, ...]
    birth_date: date
    nationality: str  # ISO 3166 alpha-3
    sex: str  # M, F or X
    language: str  # en or fr: the language of every notice
    documents: tuple[IdentityDocument, ...]
    addresses: tuple[Period, ...]
    employment: tuple[Period, ...]
    declarations: Declarations


@dataclass(frozen=True, slots=True)
class Notice:
    """What the applicant or member is told of an adverse decision, and by when they may
    ask for it to be reviewed."""

    id: str
    kind: NoticeKind
    agency: Agency  # the deciding agency
    language: str
    text: str
    grounds: tuple[Ground, ...]
    issued_at: datetime
    recourse_deadline: date | None


@dataclass(frozen=True, slots=True)
class Recourse:
    """A request to review a notice's decision, tracked to a supervisor's decision."""

    notice_id: str
    opened_at: datetime
    deadline: date
    status: RecourseStatus = RecourseStatus.OPEN
    statement: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None


MONDAY_TO_FRIDAY = frozenset(range(5))


@dataclass(frozen=True, slots=True)
class EnrolmentCentre:
    """A joint enrolment centre, where both agencies interview conditionally approved
    applicants: so many interviews an open day."""

    code: str
    name: str
    interviews_per_day: int
    open_weekdays: frozenset[int] = MONDAY_TO_FRIDAY  # Monday is 0
    no_show_rate: float = 0.0  # the share of booked applicants who do not come

    def opens_on(self, day: date) -> bool:
        return day.weekday() in self.open_weekdays


@dataclass(frozen=True, slots=True)
class Interview:
    """An applicant's booked interview."""

    centre: str
    day: date
    booked_at: datetime


@dataclass(frozen=True, slots=True)
class Application:
    id: str
    programme: Programme
    applicant: Applicant
    status: ApplicationStatus
    submitted_at: datetime
    updated_at: datetime
    home: Agency  # the node the applicant applied at
    vetting: tuple[Vetting, ...] = ()  # one per agency
    passid: str | None = None  # the membership's 9-digit number, once interviewed
    expiry_date: date | None = None  # the membership's
    notices: tuple[Notice, ...] = ()
    recourses: tuple[Recourse, ...] = ()
    version: int = 1  # bumped on every change: a stale write is refused
    history: tuple[tuple[datetime, ApplicationStatus], ...] = ()
    interview: Interview | None = None  # booked once conditionally approved

    def vetting_of(self, agency: Agency) -> Vetting:
        return next((v for v in self.vetting if v.agency is agency), Vetting(agency))
