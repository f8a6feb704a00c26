"""Trusted-traveller applications, from the form to the card and after (NEXUS, FAST).

The lifecycle: an application is submitted at one node and vetted there at once; the
partner agency vets it on its own node and its decision arrives signed through the
exchange (``record_vetting``, which refuses a decision in any agency's name but the
sender's). Both approve: conditionally approved, the applicant is interviewed, and a
pass makes a member with a 9-digit PASSID for five years, in the registry the booths'
NEXUS lane check reads. Either denies: denied, naming the agency and its grounds.
Re-vetting screens every member again (``revetting``); a new match suspends the
membership at once. Every adverse decision sends a notice with its grounds in the
member's language and opens a recourse with a 90-day deadline, decided by a supervisor of
the deciding agency (``recourse``). Every change and every read of an application is
audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from smartborder.domain import Agency, AuditAction, AuditEvent, User, new_id
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Ground,
    GroundKind,
    NoticeKind,
    Programme,
    Vetting,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.nexus import MembershipStatus
from smartborder.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from smartborder.formats.programme_records import Change
from smartborder.programmes.lifecycle import (
    at_home,
    changed,
    combined,
    event,
    get,
    register,
    save,
    set_vetting,
    with_decision,
    with_notice,
)
from smartborder.programmes.sharing import Sharing, share_application, share_decision
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import applicant_identity, vet
from smartborder.screening import ScreeningEngine

S = ApplicationStatus
MEMBERSHIP_YEARS = 5
#: Where an application may still change by vetting or interview.
OPEN = (S.SUBMITTED, S.VETTING, S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED)


def apply(
    uow: ProgrammesUnit,
    engine: ScreeningEngine,
    user: User,
    applicant: Applicant,
    *,
    programme: Programme = Programme.NEXUS,
    now: datetime,
    share: Sharing | None = None,
) -> Application:
    """Take an application at the user's agency's node and vet it there at once; the
    partner's vetting is pending until its decision arrives (``share``: how the
    application and this vetting reach the partner's node)."""
    agency = user.agency
    application = Application(
        id=new_id(),
        programme=programme,
        applicant=applicant,
        status=S.SUBMITTED,
        submitted_at=now,
        updated_at=now,
        home=agency,
        vetting=(Vetting(Agency.CBSA), Vetting(Agency.CBP)),
        history=((now, S.SUBMITTED),),
    )
    with uow:
        for earlier in uow.applications.find(applicant.surname, applicant.birth_date):
            same = {d.number for d in earlier.applicant.documents} & {
                d.number for d in applicant.documents
            }
            if same and earlier.status in (*OPEN, S.APPROVED, S.SUSPENDED):
                raise Conflict(
                    f"an application ({earlier.id}, {earlier.status}) already holds "
                    f"document {sorted(same)[0]}"
                )
        history = uow.decisions.adverse_outcomes(agency, applicant_identity(applicant))
        own = vet(engine, agency, applicant, application.id, now, history)
        application = combined(set_vetting(application, own), now)
        uow.applications.add(application)
        share_application(share, uow, application)
        uow.audit.append(
            event(user, AuditAction.CREATE, application, "trusted traveller application")
        )
        uow.audit.append(
            event(
                user,
                AuditAction.DECIDE,
                application,
                "trusted traveller vetting",
                decision=str(own.decision),
                grounds=str(len(own.grounds)),
            )
        )
        uow.commit()
    return application


def record_vetting(
    uow: ProgrammesUnit, sender: User, application_id: str, vetting: Vetting, *, now: datetime
) -> Application:
    """The partner's decision, arrived signed: ``sender`` is the verified partner node.
    A node records only its own agency's decision, and a decision once made stands (the
    exchange's ``partner.DecisionReceiver`` replays it the same way)."""
    if vetting.agency is not sender.agency:
        raise PermissionDenied(f"{sender.agency} cannot record {vetting.agency}'s vetting")
    with uow:
        application = get(uow, application_id)
        if application.status not in (S.SUBMITTED, S.VETTING):
            raise Conflict(f"application {application_id} is {application.status}, not in vetting")
        updated = with_decision(application, replace(vetting, decided_at=now))
        updated = save(uow, application, updated)
        uow.audit.append(
            event(
                sender,
                AuditAction.RECEIVE,
                updated,
                "trusted traveller vetting",
                agency=str(vetting.agency),
                decision=str(vetting.decision),
            )
        )
        uow.commit()
    return updated


def show(uow: ProgrammesUnit, user: User, application_id: str, *, purpose: str) -> Application:
    """An application, its vetting, notices and membership; the read is audited."""
    purpose = stated_purpose(purpose)
    with uow:
        application = get(uow, application_id)
        uow.audit.append(event(user, AuditAction.READ, application, purpose))
        uow.commit()
    return application


#: The statuses the programme officers' queue shows by default: those still to act on.
IN_PROGRESS = OPEN
QUEUE_PAGE = 50


def queue(
    uow: ProgrammesUnit,
    user: User,
    statuses: Sequence[ApplicationStatus] = IN_PROGRESS,
    *,
    after: str = "",
    limit: int = QUEUE_PAGE,
    purpose: str,
) -> list[Application]:
    """A page of applications in ``statuses``, oldest first; the read is audited, naming
    every application shown."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= 500:
        raise ValidationFailed("limit must be between 1 and 500")
    with uow:
        found = uow.applications.with_status(statuses, after=after, limit=limit)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="nexus_application",
                detail={
                    "statuses": ",".join(str(s) for s in statuses),
                    "ids": [a.id for a in found],
                },
            )
        )
        uow.commit()
    return found


#: Who reads an application on the public status page, as the audit log names them.
APPLICANT_ACTOR = "public/applicant"


def public_status(uow: ProgrammesUnit, application_id: str, birth_date: date) -> Application:
    """The applicant's own application, found by its id and their birth date; the same
    NotFound whichever is wrong, so that the page tells nothing of others. Audited."""
    with uow:
        application = uow.applications.get(application_id.strip()[:64])
        if application is None or application.applicant.birth_date != birth_date:
            raise NotFound("no application with this number and birth date")
        uow.audit.append(
            AuditEvent(
                actor=APPLICANT_ACTOR,
                agency=str(application.home),
                action=AuditAction.READ,
                purpose="applicant's own status",
                record_type="nexus_application",
                record_id=application.id,
                detail={"status": str(application.status)},
            )
        )
        uow.commit()
    return application


def interview(
    uow: ProgrammesUnit,
    user: User,
    application_id: str,
    *,
    passed: bool,
    now: datetime,
    passid: Callable[[], str] | None = None,
    share: Sharing | None = None,
) -> Application:
    """Record the joint interview, at the node the applicant applied at: a pass makes a
    member (PASSID, five years, in the registry the booth checks), a fail denies with a
    notice; either way the partner's node is told (``share``)."""
    with uow:
        application = get(uow, application_id)
        at_home(application, user.agency, "recorded")
        if application.status not in (S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED):
            raise Conflict(
                f"application {application_id} is {application.status}: only a conditionally "
                "approved applicant is interviewed"
            )
        if passed:
            number = _new_passid(uow, passid or _random_passid)
            expiry = _years_after(now.date(), MEMBERSHIP_YEARS)
            updated = changed(
                application, now, status=S.APPROVED, passid=number, expiry_date=expiry
            )
            register(uow, updated, MembershipStatus.ACTIVE, user.agency)
        else:
            ground = Ground(
                GroundKind.INTERVIEW, "interview", _failed(application.applicant.language)
            )
            updated = with_notice(
                application, NoticeKind.DENIAL, user.agency, (ground,), now, S.DENIED
            )
        updated = save(uow, application, updated)
        notice = None if passed else updated.notices[-1]
        share_decision(share, uow, updated, user.agency, Change.INTERVIEW, now, notice=notice)
        uow.audit.append(
            event(
                user,
                AuditAction.DECIDE,
                updated,
                "trusted traveller interview",
                outcome="pass" if passed else "fail",
            )
        )
        uow.commit()
    return updated


def _failed(language: str) -> str:
    return (
        "l'entrevue n'a pas confirmé l'identité ou l'admissibilité du demandeur"
        if language == "fr"
        else "the interview did not confirm the applicant's identity or eligibility"
    )


def _random_passid() -> str:
    return f"{secrets.randbelow(9 * 10**8) + 10**8}"  # nine digits, no leading zero


def _new_passid(uow: ProgrammesUnit, draw: Callable[[], str]) -> str:
    for _ in range(20):
        number = draw()
        if uow.applications.by_passid(number) is None and uow.nexus.get(number) is None:
            return number
    raise Conflict("no free PASSID found in 20 draws")


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def as_json(application: Application) -> dict[str, object]:
    """The contract's view (``smartborder nexus show ID --json``)."""
    return {
        "id": application.id,
        "programme": str(application.programme),
        "status": str(application.status),
        "vetting": {
            str(v.agency): {
                "decision": str(v.decision),
                "reasons": [{"kind": str(g.kind), "ref": g.ref, "text": g.text} for g in v.grounds],
            }
            for v in application.vetting
        },
        "passid": application.passid,
        "expiry_date": application.expiry_date.isoformat() if application.expiry_date else None,
        "notices": [
            {
                "id": n.id,
                "kind": str(n.kind),
                "agency": str(n.agency),
                "language": n.language,
                "issued_at": n.issued_at.isoformat(),
                "recourse_deadline": n.recourse_deadline.isoformat()
                if n.recourse_deadline
                else None,
                "reasons": [{"kind": str(g.kind), "ref": g.ref, "text": g.text} for g in n.grounds],
                "text": n.text,
            }
            for n in application.notices
        ],
        "recourses": [
            {
                "notice_id": r.notice_id,
                "status": str(r.status),
                "deadline": r.deadline.isoformat(),
                "decided_by": r.decided_by or None,
            }
            for r in application.recourses
        ],
        "interview": None
        if application.interview is None
        else {"centre": application.interview.centre, "day": application.interview.day.isoformat()},
        "submitted_at": application.submitted_at.isoformat(),
        "updated_at": application.updated_at.isoformat(),
    }
