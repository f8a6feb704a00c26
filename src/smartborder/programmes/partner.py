"""The trusted-traveller programmes across the two nodes: what each shares, and how each
applies what the other sent (``formats.programme_records`` has the records).

An application lives at its *home* node, where the applicant applied, and as a copy at
the partner's. Each agency decides only on its own node and shares what it decided:

- the home node shares the application and its own vetting (``share_application``); the
  partner vets its copy at once against its own lists and shares its vetting back;
- each then combines the two decisions the same way, so both hold the same status and
  the same denial notice;
- the interview is recorded at the home node; a suspension (re-vetting), a revocation
  and a reinstatement (review) at the node of the agency that decides them; each is
  shared as a ``nexus-decision`` and replayed on the other node's copy, membership card
  included, so that the booths of both countries read the same membership.

A node never records a decision in the other agency's name: a decision record must be
the sender's own, and one that claims otherwise is refused (and audited as refused).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from smartborder.domain import Agency, AuditAction, Role, User
from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    Ground,
    GroundKind,
    Interview,
    Notice,
    NoticeKind,
    RecourseStatus,
    Vetting,
    VettingDecision,
)
from smartborder.domain.nexus import MembershipStatus
from smartborder.domain.users import NODE_NAME
from smartborder.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    SmartborderError,
    ValidationFailed,
)
from smartborder.exchange.receivers import Incoming, RecordRefused
from smartborder.formats.programme_records import (
    Change,
    SharedApplication,
    SharedDecision,
    read_application,
    read_decision,
    vetting_of,
)
from smartborder.programmes.lifecycle import (
    changed,
    combined,
    event,
    register,
    save,
    set_vetting,
    with_decision,
    with_notice,
)
from smartborder.programmes.sharing import Sharing, share_decision
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import (
    applicant_identity,
    decided,
    listed_grounds,
    recorded_grounds,
)
from smartborder.screening import ScreeningEngine

S = ApplicationStatus
#: The node's own vetting of an application the partner sent is made by the node itself.
VETTING_ACTOR = "programmes"


def partner_node(agency: Agency) -> User:
    """The partner node as the audit log names it when it sends a record."""
    return User(name=NODE_NAME, role=Role.PARTNER, agency=agency)


class ApplicationReceiver:
    """An application from the partner's node: kept as a copy, vetted at once against this
    node's lists, and this agency's vetting shared back."""

    def __init__(
        self, agency: Agency, engine: Callable[[], ScreeningEngine], share: Sharing | None
    ) -> None:
        self._agency = agency
        self._engine = engine
        self._share = share

    def read(
        self, key: str, fields: Mapping[str, Any], *, received_at: datetime
    ) -> tuple[SharedApplication, tuple[Ground, ...]]:
        shared = read_application(fields)
        # Screened here, before the inbox's transaction: screening needs no store.
        listed = listed_grounds(self._engine(), shared.applicant, shared.id)
        return shared, listed

    def apply(
        self, uow: ProgrammesUnit, sender: Agency, records: Sequence[Incoming], now: datetime
    ) -> list[str]:
        refused = []
        for record in records:
            shared, listed = record.value
            applicant = shared.applicant
            if uow.applications.get(shared.id) is not None:
                refused.append((record, f"application {shared.id} is already held here"))
                continue
            copy = Application(
                id=shared.id,
                programme=shared.programme,
                applicant=shared.applicant,
                status=S.SUBMITTED,
                submitted_at=shared.submitted_at,
                updated_at=now,
                home=sender,
                vetting=(Vetting(Agency.CBSA), Vetting(Agency.CBP)),
                history=((now, S.SUBMITTED),),
            )
            history = uow.decisions.adverse_outcomes(self._agency, applicant_identity(applicant))
            own = decided(self._agency, listed + recorded_grounds(applicant, history), now)
            copy = combined(set_vetting(copy, own), now)
            uow.applications.add(copy)
            uow.audit.append(
                event(partner_node(sender), AuditAction.RECEIVE, copy, "trusted traveller vetting")
            )
            uow.audit.append(
                event(
                    User(name=VETTING_ACTOR, role=Role.PROGRAMME, agency=self._agency),
                    AuditAction.DECIDE,
                    copy,
                    "trusted traveller vetting",
                    decision=str(own.decision),
                    grounds=str(len(own.grounds)),
                )
            )
            share_decision(self._share, uow, copy, self._agency, Change.VETTING, now)
        if refused:
            raise RecordRefused(refused)
        return [record.value[0].id for record in records]


class DecisionReceiver:
    """A decision the partner's agency made, replayed on this node's copy of the
    application (its card too); never one in this agency's name."""

    def __init__(self, agency: Agency) -> None:
        self._agency = agency

    def read(self, key: str, fields: Mapping[str, Any], *, received_at: datetime) -> SharedDecision:
        return read_decision(fields)

    def apply(
        self, uow: ProgrammesUnit, sender: Agency, records: Sequence[Incoming], now: datetime
    ) -> list[str]:
        refused = []
        for record in records:
            decision: SharedDecision = record.value
            try:
                self._replay(uow, sender, decision, now)
            except SmartborderError as problem:
                refused.append((record, str(problem)))
        if refused:
            raise RecordRefused(refused)
        return [record.value.application_id for record in records]

    def _replay(
        self, uow: ProgrammesUnit, sender: Agency, decision: SharedDecision, now: datetime
    ) -> None:
        if decision.agency is not sender:
            raise PermissionDenied(
                f"a decision in {decision.agency}'s name cannot come from {sender}: "
                "each agency records only its own decisions"
            )
        application = uow.applications.get(decision.application_id)
        if application is None:
            raise NotFound(f"no application {decision.application_id} is held here")
        replay = _REPLAYS[decision.change]
        updated = replay(application, decision)
        saved = save(uow, application, updated)
        status = _CARD.get(saved.status)
        if saved.passid is not None and status is not None:
            register(uow, saved, status, self._agency)
        uow.audit.append(
            event(
                partner_node(sender),
                AuditAction.RECEIVE,
                saved,
                "trusted traveller vetting",
                agency=str(sender),
                change=str(decision.change),
            )
        )


#: The card a status gives, at the booth (a denied applicant never had one).
_CARD = {
    S.APPROVED: MembershipStatus.ACTIVE,
    S.SUSPENDED: MembershipStatus.SUSPENDED,
    S.REVOKED: MembershipStatus.REVOKED,
}


def _not_shared(agency: Agency, language: str) -> Ground:
    text = (
        f"{agency} n'a pas communiqué les motifs de sa décision"
        if language == "fr"
        else f"{agency} did not share the grounds of its decision"
    )
    return Ground(GroundKind.RULE, "not-shared", text)


def _grounds(application: Application, decision: SharedDecision) -> tuple[Ground, ...]:
    if decision.grounds is None:
        return (_not_shared(decision.agency, application.applicant.language),)
    return decision.grounds


def _expect(application: Application, *statuses: ApplicationStatus) -> None:
    if application.status not in statuses:
        raise Conflict(
            f"application {application.id} is {application.status} here, not "
            + " or ".join(str(s) for s in statuses)
        )


def _vetting(application: Application, decision: SharedDecision) -> Application:
    not_shared = _not_shared(decision.agency, application.applicant.language)
    return with_decision(application, vetting_of(decision, not_shared))


def _interview(application: Application, decision: SharedDecision) -> Application:
    if decision.agency is not application.home:
        raise PermissionDenied(f"the interview is recorded at {application.home}'s node")
    _expect(application, S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED)
    if decision.status is S.APPROVED:
        if decision.passid is None or decision.expiry_date is None:
            raise ValidationFailed("an approval carries the PASSID and the expiry date")
        return changed(
            application,
            decision.at,
            status=S.APPROVED,
            passid=decision.passid,
            expiry_date=decision.expiry_date,
        )
    return _noticed(application, decision, NoticeKind.DENIAL, S.DENIED)


def _noticed(
    application: Application,
    decision: SharedDecision,
    kind: NoticeKind,
    status: ApplicationStatus,
) -> Application:
    if decision.notice_id is None:
        raise ValidationFailed(f"a {kind} carries its notice's id")
    if any(n.id == decision.notice_id for n in application.notices):
        raise Conflict(f"notice {decision.notice_id} is already held")
    grounds = () if kind is NoticeKind.REINSTATEMENT else _grounds(application, decision)
    return with_notice(
        application, kind, decision.agency, grounds, decision.at, status, decision.notice_id
    )


def _suspension(application: Application, decision: SharedDecision) -> Application:
    _expect(application, S.APPROVED)
    return _noticed(application, decision, NoticeKind.SUSPENSION, S.SUSPENDED)


def _reviewed(
    application: Application, decision: SharedDecision, outcome: RecourseStatus
) -> tuple[Application, Notice]:
    """The application with the review of the sender's latest open adverse notice decided."""
    open_ids = {r.notice_id for r in application.recourses if r.status is RecourseStatus.OPEN}
    reviewed = next(
        (
            n
            for n in reversed(application.notices)
            if n.agency is decision.agency and n.id in open_ids
        ),
        None,
    )
    if reviewed is None:
        raise Conflict(f"no decision of {decision.agency} is under review on {application.id}")
    recourses = tuple(
        replace(
            r, status=outcome, decided_by=f"{decision.agency}/supervisor", decided_at=decision.at
        )
        if r.notice_id == reviewed.id
        else r
        for r in application.recourses
    )
    return changed(application, decision.at, recourses=recourses), reviewed


def _revocation(application: Application, decision: SharedDecision) -> Application:
    _expect(application, S.SUSPENDED)
    reviewed, _ = _reviewed(application, decision, RecourseStatus.UPHELD)
    return _noticed(reviewed, decision, NoticeKind.REVOCATION, S.REVOKED)


def _upheld(application: Application, decision: SharedDecision) -> Application:
    reviewed, _ = _reviewed(application, decision, RecourseStatus.UPHELD)
    return reviewed


def _reinstatement(application: Application, decision: SharedDecision) -> Application:
    reviewed, notice = _reviewed(application, decision, RecourseStatus.REINSTATED)
    if notice.kind is NoticeKind.SUSPENSION:
        return _noticed(reviewed, decision, NoticeKind.REINSTATEMENT, S.APPROVED)
    # A denial reversed: that agency's vetting now approves, and the status follows.
    vetting = Vetting(decision.agency, VettingDecision.APPROVE, (), decision.at)
    with_vetting = set_vetting(reviewed, vetting)
    both = all(v.decision is VettingDecision.APPROVE for v in with_vetting.vetting)
    return _noticed(
        with_vetting,
        decision,
        NoticeKind.REINSTATEMENT,
        S.CONDITIONALLY_APPROVED if both else S.VETTING,
    )


def _booking(application: Application, decision: SharedDecision) -> Application:
    if decision.agency is not application.home:
        raise PermissionDenied(f"the interview is booked at {application.home}'s node")
    _expect(application, S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED)
    if decision.interview_centre is None or decision.interview_day is None:
        raise ValidationFailed("a booking carries its centre and day")
    interview = Interview(decision.interview_centre, decision.interview_day, decision.at)
    return changed(application, decision.at, status=S.INTERVIEW_BOOKED, interview=interview)


_REPLAYS: dict[Change, Callable[[Application, SharedDecision], Application]] = {
    Change.VETTING: _vetting,
    Change.BOOKING: _booking,
    Change.INTERVIEW: _interview,
    Change.SUSPENSION: _suspension,
    Change.REVOCATION: _revocation,
    Change.UPHELD: _upheld,
    Change.REINSTATEMENT: _reinstatement,
}
