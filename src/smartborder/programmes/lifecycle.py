"""What every step of a trusted-traveller application shares: the audit entry, a change
with its history, the versioned save, the notice and its recourse, the registry card,
and the suspension that re-vetting and a review both lead to."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from uuid import UUID, uuid5

from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    PersonName,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
    new_id,
)
from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    Ground,
    Notice,
    NoticeKind,
    Programme,
    Recourse,
    Vetting,
    VettingDecision,
)
from smartborder.domain.manifests import MembershipStatus as TraderStatus
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.formats.programme_records import Change
from smartborder.programmes.notices import RECOURSE_DAYS, notice_text
from smartborder.programmes.sharing import Sharing, share_decision
from smartborder.programmes.unit import ProgrammesUnit

S = ApplicationStatus


def event(
    actor: User, action: AuditAction, application: Application, purpose: str, **detail: str
) -> AuditEvent:
    return AuditEvent.by(
        actor,
        action=action,
        purpose=purpose,
        record_type="nexus_application",
        record_id=application.id,
        detail={
            "programme": str(application.programme),
            "status": str(application.status),
            **detail,
        },
    )


def changed(application: Application, at: datetime, **changes: object) -> Application:
    status = changes.get("status", application.status)
    history = application.history
    if status is not application.status:
        history = (*history, (at, status))  # type: ignore[arg-type]
    return replace(
        application,
        updated_at=at,
        history=history,
        **changes,  # type: ignore[arg-type]
    )


def save(uow: ProgrammesUnit, stored: Application, updated: Application) -> Application:
    """Store ``updated``, one version after ``stored`` (the repository refuses the write
    if someone else changed the application meanwhile), and return it as stored."""
    saved = replace(updated, version=stored.version + 1)
    uow.applications.save(saved)
    return saved


def new_notice(
    application: Application,
    kind: NoticeKind,
    agency: Agency,
    grounds: tuple[Ground, ...],
    at: datetime,
    notice_id: str | None = None,
) -> tuple[Notice, Recourse | None]:
    """A notice of ``kind`` and, for an adverse one, the recourse it opens; ``notice_id``:
    the id the deciding agency's node gave it, for the copy the other node keeps."""
    adverse = kind is not NoticeKind.REINSTATEMENT
    deadline = at.date() + timedelta(days=RECOURSE_DAYS) if adverse else None
    language = application.applicant.language
    text = notice_text(kind, application.programme, agency, language, grounds, deadline)
    made = Notice(notice_id or new_id(), kind, agency, language, text, grounds, at, deadline)
    recourse = Recourse(made.id, at, deadline) if deadline is not None else None
    return made, recourse


def with_notice(
    application: Application,
    kind: NoticeKind,
    agency: Agency,
    grounds: tuple[Ground, ...],
    at: datetime,
    status: ApplicationStatus,
    notice_id: str | None = None,
) -> Application:
    made, recourse = new_notice(application, kind, agency, grounds, at, notice_id)
    return changed(
        application,
        at,
        status=status,
        notices=(*application.notices, made),
        recourses=application.recourses + ((recourse,) if recourse else ()),
    )


def combined(application: Application, at: datetime) -> Application:
    """The application's status from both agencies' vetting: either denial denies (with
    the denying agency's notice), both approvals approve conditionally.

    Both nodes combine the same two decisions, so each makes the same denial notice:
    its id is derived from the application and the agency (an agency denies once), its
    time is the decision's."""
    denied = [v for v in application.vetting if v.decision is VettingDecision.DENY]
    if denied:
        first = denied[0]
        notice_id = str(uuid5(_NOTICES, f"{application.id}/denial/{first.agency}"))
        issued = first.decided_at or at  # the decision's time: the same at both nodes
        return with_notice(
            application, NoticeKind.DENIAL, first.agency, first.grounds, issued, S.DENIED, notice_id
        )
    agencies = {v.agency for v in application.vetting if v.decision is VettingDecision.APPROVE}
    if agencies == set(Agency):
        return changed(application, at, status=S.CONDITIONALLY_APPROVED)
    return changed(application, at, status=S.VETTING)


def with_decision(application: Application, vetting: Vetting) -> Application:
    """The application with an agency's decision, made on that agency's node: recorded
    once (a decision stands), and combined while the application is in vetting (after
    the other agency's denial it is only recorded)."""
    if vetting.decision is VettingDecision.PENDING:
        raise ValidationFailed("a vetting decision is approve or deny")
    if application.vetting_of(vetting.agency).decision is not VettingDecision.PENDING:
        raise Conflict(f"{vetting.agency} has already decided on {application.id}")
    updated = set_vetting(application, vetting)
    if application.status not in (S.SUBMITTED, S.VETTING):
        return updated
    return combined(updated, vetting.decided_at or application.updated_at)


#: The namespace of the notice ids both nodes derive (``combined``).
_NOTICES = UUID("4f0d6a52-2c1e-4b8e-9a57-6d3f1c0b7e21")


def set_vetting(application: Application, vetting: Vetting) -> Application:
    others = tuple(v for v in application.vetting if v.agency is not vetting.agency)
    ordered = sorted((*others, vetting), key=lambda v: str(v.agency))
    return replace(application, vetting=tuple(ordered))


def at_home(application: Application, agency: Agency, done: str) -> None:
    """Refuse, unless ``agency``'s node is the application's home: the interview is
    ``done`` (booked, recorded) at the node the applicant applied at."""
    if application.home is not agency:
        raise Conflict(
            f"application {application.id} was made at {application.home}'s node: "
            f"its interview is {done} there"
        )


def get(uow: ProgrammesUnit, application_id: str) -> Application:
    application = uow.applications.get(application_id)
    if application is None:
        raise NotFound(f"no application {application_id}")
    return application


def card(application: Application, status: MembershipStatus) -> NexusMember:
    applicant = application.applicant
    assert application.passid is not None
    return NexusMember(
        card_number=application.passid,
        name=PersonName(applicant.surname, applicant.given_names),
        birth_date=applicant.birth_date,
        nationality=applicant.nationality,
        status=status,
        expiry_date=application.expiry_date,
    )


def register(
    uow: ProgrammesUnit, application: Application, status: MembershipStatus, agency: Agency
) -> None:
    """The membership as the booths read it, in ``agency``'s registry: a NEXUS card in
    the NEXUS registry (the travellers' lane), a FAST driver among the trusted traders
    (the goods pillar's FAST lane check)."""
    if application.programme is Programme.FAST:
        applicant = application.applicant
        assert application.passid is not None
        known = uow.traders.get(agency, TraderProgramme.FAST, TraderKind.DRIVER, application.passid)
        driver = TrustedTrader(
            agency=agency,
            programme=TraderProgramme.FAST,
            kind=TraderKind.DRIVER,
            identifier=application.passid,
            name=" ".join((*applicant.given_names, applicant.surname)),
            country=applicant.nationality,
            status=TraderStatus(str(status)),
        )
        uow.traders.put(replace(driver, id=known.id) if known else driver)
        return
    uow.nexus.put_many([card(application, status)])


def suspend(
    uow: ProgrammesUnit,
    user: User,
    application: Application,
    grounds: tuple[Ground, ...],
    now: datetime,
    share: Sharing | None = None,
) -> Application:
    """Suspend a member with a notice of ``grounds``; the partner's node is told."""
    updated = with_notice(
        application, NoticeKind.SUSPENSION, user.agency, grounds, now, S.SUSPENDED
    )
    updated = save(uow, application, updated)
    register(uow, updated, MembershipStatus.SUSPENDED, user.agency)
    share_decision(
        share, uow, updated, user.agency, Change.SUSPENSION, now, notice=updated.notices[-1]
    )
    uow.audit.append(
        event(
            user,
            AuditAction.DECIDE,
            updated,
            "trusted traveller re-vetting",
            grounds=",".join(g.ref for g in grounds)[:500],
        )
    )
    return updated
