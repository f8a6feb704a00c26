"""Reviews of adverse decisions: the applicant or member asks before the deadline, a
supervisor of the deciding agency upholds (a suspension then becomes a revocation, with
its own notice) or reverses (the member is active again; a denial becomes an approval
by that agency)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from smartborder.domain import Agency, AuditAction, AuditEvent, Role, User
from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    Notice,
    NoticeKind,
    Recourse,
    RecourseStatus,
    VettingDecision,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.nexus import MembershipStatus
from smartborder.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from smartborder.formats.programme_records import Change
from smartborder.programmes.lifecycle import (
    changed,
    event,
    get,
    new_notice,
    register,
    save,
    set_vetting,
    with_notice,
)
from smartborder.programmes.sharing import Sharing, share_decision
from smartborder.programmes.unit import ProgrammesUnit

S = ApplicationStatus


def request_recourse(
    uow: ProgrammesUnit,
    user: User,
    application_id: str,
    notice_id: str,
    statement: str,
    *,
    now: datetime,
) -> Application:
    """The applicant asks for a review of a notice's decision, before its deadline."""
    statement = statement.strip()
    if not statement or len(statement) > 5000:
        raise ValidationFailed("say, in 1 to 5,000 characters, why the decision should change")
    with uow:
        application = get(uow, application_id)
        recourse = _recourse(application, notice_id)
        if recourse.status is not RecourseStatus.OPEN or recourse.statement:
            raise Conflict("this decision's review has already been asked for")
        if now.date() > recourse.deadline:
            raise Conflict(f"the deadline to ask for a review was {recourse.deadline}")
        updated = changed(
            application,
            now,
            recourses=_replace_recourse(application, replace(recourse, statement=statement)),
        )
        updated = save(uow, application, updated)
        uow.audit.append(
            event(user, AuditAction.UPDATE, updated, "trusted traveller recourse", notice=notice_id)
        )
        uow.commit()
    return updated


def decide_recourse(
    uow: ProgrammesUnit,
    user: User,
    application_id: str,
    notice_id: str,
    *,
    reinstate: bool,
    now: datetime,
    share: Sharing | None = None,
) -> Application:
    """A supervisor of the deciding agency upholds the decision or reverses it; a
    reinstated member is active in the registry again (a denied applicant's vetting by
    that agency becomes an approval); the partner's node is told (``share``)."""
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise PermissionDenied("a supervisor decides a review")
    with uow:
        application = get(uow, application_id)
        recourse = _recourse(application, notice_id)
        notice = next(n for n in application.notices if n.id == notice_id)
        if notice.agency is not user.agency:
            raise PermissionDenied(f"{notice.agency} decided this; {user.agency} cannot review it")
        if recourse.status is not RecourseStatus.OPEN:
            raise Conflict(f"this review was decided: {recourse.status}")
        decided = replace(
            recourse,
            status=RecourseStatus.REINSTATED if reinstate else RecourseStatus.UPHELD,
            decided_by=user.actor,
            decided_at=now,
        )
        updated = changed(application, now, recourses=_replace_recourse(application, decided))
        if reinstate:
            updated = _reinstated(updated, notice, user.agency, now)
        elif notice.kind is NoticeKind.SUSPENSION:
            updated = with_notice(
                updated, NoticeKind.REVOCATION, user.agency, notice.grounds, now, S.REVOKED
            )
            register(uow, updated, MembershipStatus.REVOKED, user.agency)
        updated = save(uow, application, updated)
        if reinstate and updated.status is S.APPROVED:
            register(uow, updated, MembershipStatus.ACTIVE, user.agency)
        if reinstate:
            change = Change.REINSTATEMENT
        else:
            change = Change.REVOCATION if notice.kind is NoticeKind.SUSPENSION else Change.UPHELD
        made = updated.notices[-1] if change is not Change.UPHELD else None
        share_decision(share, uow, updated, user.agency, change, now, notice=made)
        uow.audit.append(
            event(
                user,
                AuditAction.DECIDE,
                updated,
                "trusted traveller recourse",
                notice=notice_id,
                outcome=str(decided.status),
            )
        )
        uow.commit()
    return updated


def _reinstated(
    application: Application, notice: Notice, agency: Agency, now: datetime
) -> Application:
    note, _ = new_notice(application, NoticeKind.REINSTATEMENT, agency, (), now)
    notices = (*application.notices, note)
    if notice.kind is NoticeKind.SUSPENSION:
        return changed(application, now, status=S.APPROVED, notices=notices)
    # A denial reversed: that agency's vetting now approves, and the status follows.
    vetting = replace(
        application.vetting_of(agency), decision=VettingDecision.APPROVE, grounds=(), decided_at=now
    )
    with_vetting = set_vetting(application, vetting)
    both = all(v.decision is VettingDecision.APPROVE for v in with_vetting.vetting)
    status = S.CONDITIONALLY_APPROVED if both else S.VETTING
    return changed(with_vetting, now, status=status, notices=notices)


def _recourse(application: Application, notice_id: str) -> Recourse:
    found = next((r for r in application.recourses if r.notice_id == notice_id), None)
    if found is None:
        raise NotFound(f"application {application.id} has no decision {notice_id} open to review")
    return found


def _replace_recourse(application: Application, recourse: Recourse) -> tuple[Recourse, ...]:
    return tuple(
        recourse if r.notice_id == recourse.notice_id else r for r in application.recourses
    )


@dataclass(frozen=True)
class Review:
    """A review asked for, waiting for a supervisor of the deciding agency."""

    application: Application
    notice: Notice
    recourse: Recourse


#: Where a review can be waiting: the application was denied, or the member suspended.
_REVIEWABLE = (S.DENIED, S.SUSPENDED)


def waiting_reviews(uow: ProgrammesUnit, user: User, *, purpose: str) -> list[Review]:
    """The reviews asked of ``user``'s agency and not yet decided, soonest deadline
    first; the read is audited."""
    purpose = stated_purpose(purpose)
    found: list[Review] = []
    with uow:
        after = ""
        while True:
            page = uow.applications.with_status(_REVIEWABLE, after=after, limit=500)
            for application in page:
                notices = {n.id: n for n in application.notices}
                for r in application.recourses:
                    notice = notices.get(r.notice_id)
                    if (
                        notice is not None
                        and notice.agency is user.agency
                        and r.status is RecourseStatus.OPEN
                        and r.statement
                    ):
                        found.append(Review(application, notice, r))
            if len(page) < 500:
                break
            after = page[-1].id
        found.sort(key=lambda v: (v.recourse.deadline, v.application.id))
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="nexus_application",
                detail={"reviews": [v.application.id for v in found]},
            )
        )
        uow.commit()
    return found
