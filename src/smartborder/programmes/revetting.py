"""Re-vetting the trusted-traveller members: every active card screened again against
the lists (or what changed in them), a match suspending it at once with a notice; the
FAST drivers too.

The listed names are indexed (``screening.population.ListedNames``) and the registry
streams past in pages of light rows: only members near a listed name are screened, by
the engine, so that what is found is what screening each member finds. From a few
thousand near members on, they are screened in worker processes (one per core, forked
with the engine: ``clearance.pipeline.ScreeningPool``, as ``smartborder screen``) while
this process reads on; the few with a match are read whole and suspended.

Screening the near members sorted by name, with the work of a name shared by its
namesakes (two in five near members at two million), was tried and measured: it gained
nothing, since the engine's caches already keep a repeated name's rows and candidates,
and waiting for the whole registry to sort it lost the overlap of reading and screening.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from smartborder.clearance.pipeline import ScreeningPool
from smartborder.domain import AuditAction, AuditEvent, Lookout, ScreeningQuery, User, WatchlistHit
from smartborder.domain.applications import ApplicationStatus, Programme
from smartborder.domain.intake import content_digest
from smartborder.domain.nexus import MembershipStatus, NexusMember, RegistryRow
from smartborder.programmes.lifecycle import suspend
from smartborder.programmes.sharing import Sharing
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import hit_ground
from smartborder.screening import ScreeningEngine
from smartborder.screening.population import ListedNames

REVET_PAGE = 10_000
SCREEN_BATCH = 2_000  # near members sent to the workers at once
PARALLEL_FROM = SCREEN_BATCH  # near members below which forking costs more than it saves
AHEAD = 4  # batches being screened while this process reads on


@dataclass(frozen=True)
class RevetOutcome:
    members: int  # active members read
    screened: int  # of them, near a listed name (``ListedNames``) and so screened
    suspended: tuple[str, ...]  # PASSIDs, in order


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
    listed = ListedNames(engine.person_names())
    pool: ScreeningPool | None = None
    pending: deque[tuple[list[RegistryRow], Callable[[], list[list[WatchlistHit]]]]] = deque()
    suspended: list[str] = []
    read = screened = 0

    def settle(rows: list[RegistryRow], every: list[list[WatchlistHit]]) -> None:
        kept = [[h for h in hits if only is None or h.lookout_ref in only] for hits in every]
        found = {r.card_number: hits for r, hits in zip(rows, kept, strict=True) if hits}
        if not found:
            return
        with uow:
            members = uow.nexus.get_many(sorted(found))
            for card, hits in found.items():
                if _suspend_member(uow, user, card, members.get(card), hits, now, share):
                    suspended.append(card)
            uow.commit()

    def screen(rows: list[RegistryRow]) -> None:
        nonlocal pool
        if pool is None and workers != 1 and len(rows) >= PARALLEL_FROM:
            pool = ScreeningPool(engine, workers or None)
        queries = [row_query(r) for r in rows]
        if pool is None:
            settle(rows, [engine.screen(q) for q in queries])
            return
        pending.append((rows, pool.submit(queries)))
        while len(pending) > AHEAD:
            earlier, hits = pending.popleft()
            settle(earlier, hits())

    near: list[RegistryRow] = []
    try:
        for page in _registry(uow):
            read += len(page)
            near += [r for r in page if listed.is_near((r.surname, *r.given_names))]
            if len(near) >= SCREEN_BATCH:
                screened += len(near)
                screen(near)
                near = []
            if progress is not None:
                progress(read)
        screened += len(near)
        screen(near)
        while pending:
            earlier, hits = pending.popleft()
            settle(earlier, hits())
    finally:
        if pool is not None:
            pool.close()
    suspended.sort()  # in card order, whichever batch found them
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
                    "screened": str(screened),
                    "suspended": list(suspended),
                    "lists": ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())),
                    "changed_entries": "all" if only is None else str(len(only)),
                },
            )
        )
        uow.commit()
    return RevetOutcome(read, screened, tuple(suspended))


def _registry(uow: ProgrammesUnit) -> Iterator[list[RegistryRow]]:
    """Every active member, a page at a time: the NEXUS registry's cards, then the FAST
    drivers (kept among the trusted traders: their applications give their names)."""
    after = ""
    while True:
        with uow:
            page = uow.nexus.active_page(after=after, limit=REVET_PAGE)
        yield page
        if len(page) < REVET_PAGE:
            break
        after = page[-1].card_number
    after = ""
    while True:
        with uow:
            approved = uow.applications.with_status(
                [ApplicationStatus.APPROVED],
                after=after,
                limit=REVET_PAGE,
                programme=Programme.FAST,
            )
        yield [
            RegistryRow(
                a.passid,
                a.applicant.surname,
                a.applicant.given_names,
                a.applicant.birth_date,
                a.applicant.nationality,
            )
            for a in approved
            if a.passid is not None
        ]
        if len(approved) < REVET_PAGE:
            break
        after = approved[-1].id


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


def row_query(row: RegistryRow) -> ScreeningQuery:
    """The query a registry row is screened with (as every member is: no document)."""
    return ScreeningQuery(
        id=row.card_number,
        name=row.full_name,
        birth_date=row.birth_date.isoformat() if row.birth_date else None,
        nationality=row.nationality,
    )


def _suspend_member(
    uow: ProgrammesUnit,
    user: User,
    card: str,
    member: NexusMember | None,
    hits: list[WatchlistHit],
    now: datetime,
    share: Sharing | None,
) -> bool:
    """Suspend the member with ``hits``; False when another run did it meanwhile."""
    application = uow.applications.by_passid(card)
    if application is not None:
        if application.status is not ApplicationStatus.APPROVED:
            return False
        grounds = tuple(hit_ground(h, application.applicant.language) for h in hits)
        suspend(uow, user, application, grounds, now, share)
        return True
    if member is None or member.status is not MembershipStatus.ACTIVE:
        return False
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
    return True
