"""Re-vetting the trusted-traveller members: every active card screened again against
the lists (or what changed in them), a match suspending it at once with a notice.

The registry is read in pages into a ``PopulationIndex`` of the members' words, the
listed names are looked up in it, and only the members near one are screened, by the
engine, so that what is found is what screening each member finds: in worker processes
forked once the index is dropped, one per core (``clearance.pipeline.ScreeningPool``, as
``smartborder screen``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from smartborder.clearance.pipeline import ScreeningPool
from smartborder.domain import AuditAction, AuditEvent, Lookout, ScreeningQuery, User, WatchlistHit
from smartborder.domain.applications import ApplicationStatus
from smartborder.domain.intake import content_digest
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.programmes.lifecycle import suspend
from smartborder.programmes.sharing import Sharing
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import hit_ground
from smartborder.screening import ScreeningEngine
from smartborder.screening.population import PopulationIndex

REVET_PAGE = 10_000
PARALLEL_FROM = 5_000  # members to screen below which forking costs more than it saves


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
    workers: int = 0,
    share: Sharing | None = None,
) -> RevetOutcome:
    """Screen every active member of the registry against ``engine`` (every list, or an
    engine over what changed); a match with an entry (of ``only``'s refs, when given)
    suspends the card at once and, for a member with an application, sends a notice and
    tells the partner's node (``share``). ``workers`` processes screen (0: one per core;
    1: this one, with no fork)."""
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
    read = len(cards)
    del population, cards  # the workers, forked next, need neither
    suspended: list[str] = []
    parallel = len(near) >= PARALLEL_FROM and workers != 1
    pool = ScreeningPool(engine, workers or None) if parallel else None
    try:
        for start in range(0, len(near), REVET_PAGE):
            with uow:
                members = list(uow.nexus.get_many(near[start : start + REVET_PAGE]).values())
            found = _found(engine, pool, members, only)
            if found:
                with uow:
                    for member, hits in found:
                        _suspend_member(uow, user, member, hits, now, share)
                        suspended.append(member.card_number)
                    uow.commit()
    finally:
        if pool is not None:
            pool.close()
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
                    "members": str(read),
                    "screened": str(len(near)),
                    "suspended": list(suspended),
                    "lists": ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())),
                    "changed_entries": "all" if only is None else str(len(only)),
                },
            )
        )
        uow.commit()
    return RevetOutcome(read, len(near), tuple(suspended))


def revet_changes(
    uow: ProgrammesUnit,
    lookouts: Sequence[Lookout],
    versions: Mapping[str, str],
    user: User,
    *,
    now: datetime,
    full: bool = False,
    progress: Callable[[int], None] | None = None,
    share: Sharing | None = None,
    workers: int = 0,
) -> tuple[RevetOutcome, int]:
    """Re-vet the members against the list entries new or changed since the last
    re-vetting (against all of them when ``full``, or at the first), then remember what
    they were screened against; the outcome and how many entries were screened against.

    An entry withdrawn since is simply no longer remembered: it suspends no one."""
    marks = {lookout.ref: content_digest(lookout) for lookout in lookouts}
    with uow:
        seen = {} if full else uow.revet_marks.marks()
    changed = [lk for lk in lookouts if seen.get(lk.ref) != marks[lk.ref]]
    engine = ScreeningEngine(changed, versions)
    outcome = revet(uow, engine, user, now=now, progress=progress, share=share, workers=workers)
    with uow:
        uow.revet_marks.replace_all(marks)
        uow.commit()
    return outcome, len(changed)


def _found(
    engine: ScreeningEngine,
    pool: ScreeningPool | None,
    members: list[NexusMember],
    only: Collection[str] | None,
) -> list[tuple[NexusMember, list[WatchlistHit]]]:
    """The members with a hit (of ``only``'s refs, when given), and their hits: screened
    here, or by the pool's workers forked with the engine (as ``smartborder screen``)."""
    if pool is None:
        every = [engine.screen(member_query(m)) for m in members]
    else:
        every = pool.submit([member_query(m) for m in members])()
    kept = [[h for h in hits if only is None or h.lookout_ref in only] for hits in every]
    return [(m, hits) for m, hits in zip(members, kept, strict=True) if hits]


def member_query(member: NexusMember) -> ScreeningQuery:
    return ScreeningQuery(
        id=member.card_number,
        name=member.name.full,
        birth_date=member.birth_date.isoformat() if member.birth_date else None,
        nationality=member.nationality,
    )


def member_hits(
    engine: ScreeningEngine, member: NexusMember, only: Collection[str] | None = None
) -> list[WatchlistHit]:
    """The list entries (of ``only``'s refs, when given) a registry member matches."""
    return [h for h in engine.screen(member_query(member)) if only is None or h.lookout_ref in only]


def _suspend_member(
    uow: ProgrammesUnit,
    user: User,
    member: NexusMember,
    hits: list[WatchlistHit],
    now: datetime,
    share: Sharing | None,
) -> None:
    application = uow.applications.by_passid(member.card_number)
    if application is not None and application.status is ApplicationStatus.APPROVED:
        grounds = tuple(hit_ground(h, application.applicant.language) for h in hits)
        suspend(uow, user, application, grounds, now, share)
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
