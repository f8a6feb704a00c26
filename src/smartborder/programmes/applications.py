"""Trusted-traveller applications, from the form to the card and after (NEXUS, FAST).

The lifecycle: an application is submitted at one node and vetted there at once; the
partner agency vets it on its own node and its decision arrives signed through the
exchange (``record_vetting``, which refuses a decision in any agency's name but the
sender's). Both approve: conditionally approved, the applicant is interviewed, and a
pass makes a member with a 9-digit PASSID for five years, in the registry the booths'
NEXUS lane check reads. Either denies: denied, naming the agency and its grounds.
Re-vetting screens every member again (``revet``); a new match suspends the membership
at once. Every adverse decision sends a notice with its grounds in the member's language
and opens a recourse with a 90-day deadline, decided by a supervisor of the deciding
agency (``decide_recourse``). Every change and every read of an application is audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    Lookout,
    PersonName,
    Role,
    ScreeningQuery,
    User,
    WatchlistHit,
    new_id,
)
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Ground,
    GroundKind,
    Notice,
    NoticeKind,
    Programme,
    Recourse,
    RecourseStatus,
    Vetting,
    VettingDecision,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.intake import content_digest
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from smartborder.programmes.notices import RECOURSE_DAYS, notice_text
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import hit_ground, vet
from smartborder.screening import ScreeningEngine
from smartborder.screening.population import PopulationIndex

MEMBERSHIP_YEARS = 5
REVET_PAGE = 10_000
S = ApplicationStatus
#: Where an application may still change by vetting or interview.
OPEN = (S.SUBMITTED, S.VETTING, S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED)


def _event(
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


def _changed(application: Application, at: datetime, **changes: object) -> Application:
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


def _save(uow: ProgrammesUnit, stored: Application, updated: Application) -> Application:
    """Store ``updated``, one version after ``stored`` (the repository refuses the write
    if someone else changed the application meanwhile), and return it as stored."""
    saved = replace(updated, version=stored.version + 1)
    uow.applications.save(saved)
    return saved


def _notice(
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
    notice = Notice(new_id(), kind, agency, language, text, grounds, at, deadline)
    recourse = Recourse(notice.id, at, deadline) if deadline is not None else None
    return notice, recourse


def _with_notice(
    application: Application,
    kind: NoticeKind,
    agency: Agency,
    grounds: tuple[Ground, ...],
    at: datetime,
    status: ApplicationStatus,
) -> Application:
    notice, recourse = _notice(application, kind, agency, grounds, at)
    return _changed(
        application,
        at,
        status=status,
        notices=(*application.notices, notice),
        recourses=application.recourses + ((recourse,) if recourse else ()),
    )


def _combined(application: Application, at: datetime) -> Application:
    """The application's status from both agencies' vetting: either denial denies (with
    the denying agency's notice), both approvals approve conditionally."""
    denied = [v for v in application.vetting if v.decision is VettingDecision.DENY]
    if denied:
        first = denied[0]
        return _with_notice(
            application, NoticeKind.DENIAL, first.agency, first.grounds, at, S.DENIED
        )
    agencies = {v.agency for v in application.vetting if v.decision is VettingDecision.APPROVE}
    if agencies == set(Agency):
        return _changed(application, at, status=S.CONDITIONALLY_APPROVED)
    return _changed(application, at, status=S.VETTING)


def apply(
    uow: ProgrammesUnit,
    engine: ScreeningEngine,
    user: User,
    applicant: Applicant,
    *,
    programme: Programme = Programme.NEXUS,
    now: datetime,
) -> Application:
    """Take an application at the user's agency's node and vet it there at once; the
    partner's vetting is pending until its decision arrives."""
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
        own = vet(engine, agency, applicant, application.id, now)
        application = _combined(_set_vetting(application, own), now)
        uow.applications.add(application)
        uow.audit.append(
            _event(user, AuditAction.CREATE, application, "trusted traveller application")
        )
        uow.audit.append(
            _event(
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


def _set_vetting(application: Application, vetting: Vetting) -> Application:
    others = tuple(v for v in application.vetting if v.agency is not vetting.agency)
    ordered = sorted((*others, vetting), key=lambda v: str(v.agency))
    return replace(application, vetting=tuple(ordered))


def record_vetting(
    uow: ProgrammesUnit, sender: User, application_id: str, vetting: Vetting, *, now: datetime
) -> Application:
    """The partner's decision, arrived signed: ``sender`` is the verified partner node.
    A node records only its own agency's decision, and a decision once made stands."""
    if vetting.agency is not sender.agency:
        raise PermissionDenied(f"{sender.agency} cannot record {vetting.agency}'s vetting")
    if vetting.decision is VettingDecision.PENDING:
        raise ValidationFailed("a vetting decision is approve or deny")
    with uow:
        application = _get(uow, application_id)
        if application.vetting_of(vetting.agency).decision is not VettingDecision.PENDING:
            raise Conflict(f"{vetting.agency} has already decided on {application_id}")
        if application.status not in (S.SUBMITTED, S.VETTING):
            raise Conflict(f"application {application_id} is {application.status}, not in vetting")
        updated = _combined(_set_vetting(application, replace(vetting, decided_at=now)), now)
        updated = _save(uow, application, updated)
        uow.audit.append(
            _event(
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


def _get(uow: ProgrammesUnit, application_id: str) -> Application:
    application = uow.applications.get(application_id)
    if application is None:
        raise NotFound(f"no application {application_id}")
    return application


def show(uow: ProgrammesUnit, user: User, application_id: str, *, purpose: str) -> Application:
    """An application, its vetting, notices and membership; the read is audited."""
    purpose = stated_purpose(purpose)
    with uow:
        application = _get(uow, application_id)
        uow.audit.append(_event(user, AuditAction.READ, application, purpose))
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
) -> Application:
    """Record the joint interview: a pass makes a member (PASSID, five years, in the
    registry the booth checks), a fail denies with a notice."""
    with uow:
        application = _get(uow, application_id)
        if application.status not in (S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED):
            raise Conflict(
                f"application {application_id} is {application.status}: only a conditionally "
                "approved applicant is interviewed"
            )
        if passed:
            number = _new_passid(uow, passid or _random_passid)
            expiry = _years_after(now.date(), MEMBERSHIP_YEARS)
            updated = _changed(
                application, now, status=S.APPROVED, passid=number, expiry_date=expiry
            )
            uow.nexus.put_many([_member(updated, MembershipStatus.ACTIVE)])
        else:
            ground = Ground(
                GroundKind.INTERVIEW, "interview", _failed(application.applicant.language)
            )
            updated = _with_notice(
                application, NoticeKind.DENIAL, user.agency, (ground,), now, S.DENIED
            )
        updated = _save(uow, application, updated)
        uow.audit.append(
            _event(
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


def _member(application: Application, status: MembershipStatus) -> NexusMember:
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


@dataclass(frozen=True)
class RevetOutcome:
    members: int  # active members read
    screened: int  # of them, near a listed name (``PopulationIndex``) and so screened
    suspended: tuple[str, ...]  # PASSIDs


def revet(
    uow: ProgrammesUnit,
    engine: ScreeningEngine,
    user: User,
    *,
    now: datetime,
    only: Collection[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RevetOutcome:
    """Screen every active member of the registry against ``engine`` (every list, or an
    engine over what changed); a match with an entry (of ``only``'s refs, when given)
    suspends the card at once and, for a member who applied here, sends a notice.

    The registry is read in pages into a ``PopulationIndex`` of the members' words, the
    listed names are looked up in it, and only the members near one are screened (by
    the engine, so that what is found is what screening each member finds)."""
    population = PopulationIndex()
    cards: list[str] = []
    after = ""
    while True:
        with uow:
            page = uow.nexus.active_page(after=after, limit=REVET_PAGE)
        for member in page:
            population.add(len(cards), (member.name.surname, *member.name.given_names))
            cards.append(member.card_number)
        if progress is not None:
            progress(len(cards))
        if len(page) < REVET_PAGE:
            break
        after = page[-1].card_number
    near = sorted(cards[n] for n in population.near(engine.person_names()))
    suspended: list[str] = []
    for start in range(0, len(near), REVET_PAGE):
        with uow:
            members = uow.nexus.get_many(near[start : start + REVET_PAGE])
        found = [(m, hits) for m in members.values() if (hits := member_hits(engine, m, only))]
        if found:
            with uow:
                for member, hits in found:
                    _suspend_member(uow, user, member, hits, now)
                    suspended.append(member.card_number)
                uow.commit()
    with uow:
        # The run is one read of the registry, as a batch screening is: what it read,
        # against which lists, and whom it suspended (each suspension is audited too).
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose="trusted traveller re-vetting",
                record_type="nexus_member",
                detail={
                    "members": str(len(cards)),
                    "screened": str(len(near)),
                    "suspended": list(suspended),
                    "lists": ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())),
                    "changed_entries": "all" if only is None else str(len(only)),
                },
            )
        )
        uow.commit()
    return RevetOutcome(len(cards), len(near), tuple(suspended))


def revet_changes(
    uow: ProgrammesUnit,
    lookouts: Sequence[Lookout],
    versions: Mapping[str, str],
    user: User,
    *,
    now: datetime,
    full: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[RevetOutcome, int]:
    """Re-vet the members against the list entries new or changed since the last
    re-vetting (against all of them when ``full``, or at the first), then remember what
    they were screened against; the outcome and how many entries were screened against.

    An entry withdrawn since is simply no longer remembered: it suspends no one."""
    marks = {lookout.ref: content_digest(lookout) for lookout in lookouts}
    with uow:
        seen = {} if full else uow.revet_marks.marks()
    changed = [lk for lk in lookouts if seen.get(lk.ref) != marks[lk.ref]]
    outcome = revet(uow, ScreeningEngine(changed, versions), user, now=now, progress=progress)
    with uow:
        uow.revet_marks.replace_all(marks)
        uow.commit()
    return outcome, len(changed)


def member_hits(
    engine: ScreeningEngine, member: NexusMember, only: Collection[str] | None = None
) -> list[WatchlistHit]:
    """The list entries (of ``only``'s refs, when given) a registry member matches."""
    query = ScreeningQuery(
        id=member.card_number,
        name=member.name.full,
        birth_date=member.birth_date.isoformat() if member.birth_date else None,
        nationality=member.nationality,
    )
    return [h for h in engine.screen(query) if only is None or h.lookout_ref in only]


def _suspend_member(
    uow: ProgrammesUnit, user: User, member: NexusMember, hits: list[WatchlistHit], now: datetime
) -> None:
    application = uow.applications.by_passid(member.card_number)
    if application is not None and application.status is S.APPROVED:
        grounds = tuple(hit_ground(h, application.applicant.language) for h in hits)
        _suspend(uow, user, application, grounds, now)
        return
    # A member loaded from a registry file: no application, no language on record.
    uow.nexus.put_many([replace(member, status=MembershipStatus.SUSPENDED)])
    uow.audit.append(
        AuditEvent.by(
            user,
            action=AuditAction.DECIDE,
            purpose="trusted traveller re-vetting",
            record_type="nexus_member",
            record_id=member.card_number,
            detail={"status": "suspended", "grounds": ",".join(h.lookout_ref for h in hits)[:500]},
        )
    )


def _suspend(
    uow: ProgrammesUnit,
    user: User,
    application: Application,
    grounds: tuple[Ground, ...],
    now: datetime,
) -> Application:
    updated = _with_notice(
        application, NoticeKind.SUSPENSION, user.agency, grounds, now, S.SUSPENDED
    )
    updated = _save(uow, application, updated)
    uow.nexus.put_many([_member(updated, MembershipStatus.SUSPENDED)])
    uow.audit.append(
        _event(
            user,
            AuditAction.DECIDE,
            updated,
            "trusted traveller re-vetting",
            grounds=",".join(g.ref for g in grounds)[:500],
        )
    )
    return updated


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
        application = _get(uow, application_id)
        recourse = _recourse(application, notice_id)
        if recourse.status is not RecourseStatus.OPEN or recourse.statement:
            raise Conflict("this decision's review has already been asked for")
        if now.date() > recourse.deadline:
            raise Conflict(f"the deadline to ask for a review was {recourse.deadline}")
        updated = _changed(
            application,
            now,
            recourses=_replace_recourse(application, replace(recourse, statement=statement)),
        )
        updated = _save(uow, application, updated)
        uow.audit.append(
            _event(
                user, AuditAction.UPDATE, updated, "trusted traveller recourse", notice=notice_id
            )
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
) -> Application:
    """A supervisor of the deciding agency upholds the decision or reverses it; a
    reinstated member is active in the registry again (a denied applicant's vetting by
    that agency becomes an approval)."""
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise PermissionDenied("a supervisor decides a review")
    with uow:
        application = _get(uow, application_id)
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
        updated = _changed(application, now, recourses=_replace_recourse(application, decided))
        if reinstate:
            updated = _reinstated(updated, notice, user.agency, now)
        elif notice.kind is NoticeKind.SUSPENSION:
            updated = _with_notice(
                updated, NoticeKind.REVOCATION, user.agency, notice.grounds, now, S.REVOKED
            )
            uow.nexus.put_many([_member(updated, MembershipStatus.REVOKED)])
        updated = _save(uow, application, updated)
        if reinstate and updated.status is S.APPROVED:
            uow.nexus.put_many([_member(updated, MembershipStatus.ACTIVE)])
        uow.audit.append(
            _event(
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
    note, _ = _notice(application, NoticeKind.REINSTATEMENT, agency, (), now)
    if notice.kind is NoticeKind.SUSPENSION:
        return replace(
            application,
            status=S.APPROVED,
            notices=(*application.notices, note),
            history=(*application.history, (now, S.APPROVED)),
        )
    # A denial reversed: that agency's vetting now approves, and the status follows.
    vetting = replace(
        application.vetting_of(agency), decision=VettingDecision.APPROVE, grounds=(), decided_at=now
    )
    with_vetting = _set_vetting(replace(application, notices=(*application.notices, note)), vetting)
    status = (
        S.CONDITIONALLY_APPROVED
        if all(v.decision is VettingDecision.APPROVE for v in with_vetting.vetting)
        else S.VETTING
    )
    return replace(with_vetting, status=status, history=(*application.history, (now, status)))


def _recourse(application: Application, notice_id: str) -> Recourse:
    found = next((r for r in application.recourses if r.notice_id == notice_id), None)
    if found is None:
        raise NotFound(f"application {application.id} has no decision {notice_id} open to review")
    return found


def _replace_recourse(application: Application, recourse: Recourse) -> tuple[Recourse, ...]:
    return tuple(
        recourse if r.notice_id == recourse.notice_id else r for r in application.recourses
    )


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
        "submitted_at": application.submitted_at.isoformat(),
        "updated_at": application.updated_at.isoformat(),
    }


__all__ = [
    "OPEN",
    "RevetOutcome",
    "apply",
    "as_json",
    "decide_recourse",
    "interview",
    "record_vetting",
    "request_recourse",
    "revet",
    "show",
]
