"""What every step of a trusted-traveller application shares: the audit entry, a change
with its history, the versioned save, the notice and its recourse, the registry card,
and the suspension that re-vetting and a review both lead to."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from smartborder.domain import Agency, AuditAction, AuditEvent, PersonName, User, new_id
from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    Ground,
    Notice,
    NoticeKind,
    Recourse,
    Vetting,
)
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.errors import NotFound
from smartborder.programmes.notices import RECOURSE_DAYS, notice_text
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
) -> tuple[Notice, Recourse | None]:
    """A notice of ``kind`` and, for an adverse one, the recourse it opens."""
    adverse = kind is not NoticeKind.REINSTATEMENT
    deadline = at.date() + timedelta(days=RECOURSE_DAYS) if adverse else None
    language = application.applicant.language
    text = notice_text(kind, application.programme, agency, language, grounds, deadline)
    made = Notice(new_id(), kind, agency, language, text, grounds, at, deadline)
    recourse = Recourse(made.id, at, deadline) if deadline is not None else None
    return made, recourse


def with_notice(
    application: Application,
    kind: NoticeKind,
    agency: Agency,
    grounds: tuple[Ground, ...],
    at: datetime,
    status: ApplicationStatus,
) -> Application:
    made, recourse = new_notice(application, kind, agency, grounds, at)
    return changed(
        application,
        at,
        status=status,
        notices=(*application.notices, made),
        recourses=application.recourses + ((recourse,) if recourse else ()),
    )


def set_vetting(application: Application, vetting: Vetting) -> Application:
    others = tuple(v for v in application.vetting if v.agency is not vetting.agency)
    ordered = sorted((*others, vetting), key=lambda v: str(v.agency))
    return replace(application, vetting=tuple(ordered))


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


def suspend(
    uow: ProgrammesUnit,
    user: User,
    application: Application,
    grounds: tuple[Ground, ...],
    now: datetime,
) -> Application:
    updated = with_notice(
        application, NoticeKind.SUSPENSION, user.agency, grounds, now, S.SUSPENDED
    )
    updated = save(uow, application, updated)
    uow.nexus.put_many([card(updated, MembershipStatus.SUSPENDED)])
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
