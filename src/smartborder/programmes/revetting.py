"""Re-vetting the trusted-traveller members: every active card screened again against
the lists (or what changed in them), a match suspending it at once with a notice.

The registry is read in pages into a ``PopulationIndex`` of the members' words, the
listed names are looked up in it, and only the members near one are screened, by the
engine, so that what is found is what screening each member finds: in worker processes
forked once the index is dropped, one per core, as ``smartborder screen`` does.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from multiprocessing.pool import Pool

from smartborder.domain import AuditAction, AuditEvent, Lookout, ScreeningQuery, User, WatchlistHit
from smartborder.domain.applications import ApplicationStatus
from smartborder.domain.intake import content_digest
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.programmes.lifecycle import suspend
from smartborder.programmes.unit import ProgrammesUnit
from smartborder.programmes.vetting import hit_ground
from smartborder.screening import ScreeningEngine
from smartborder.screening.population import PopulationIndex

REVET_PAGE = 10_000
PARALLEL_FROM = 5_000  # members to screen below which forking costs more than it saves
CHUNK = 1_000  # members a worker screens at a time

# The workers' engine and refs: inherited at fork, never pickled.
_engine: ScreeningEngine | None = None
_only: Collection[str] | None = None


def _hits_of(members: list[NexusMember]) -> list[tuple[NexusMember, list[WatchlistHit]]]:
    assert _engine is not None, "a worker forked without an engine"
    return [(m, hits) for m in members if (hits := member_hits(_engine, m, _only))]


class _Screeners:
    """Members screened in this process, or in forked workers that share its engine (as
    ``smartborder screen`` does): a call returns the members with a hit and their hits."""

    def __init__(self, engine: ScreeningEngine, only: Collection[str] | None, workers: int):
        self._engine, self._only = engine, only
        self._count = workers or os.cpu_count() or 1
        self._pool: Pool | None = None

    def __enter__(self) -> _Screeners:
        global _engine, _only
        if self._count > 1:
            _engine, _only = self._engine, self._only
            self._pool = multiprocessing.get_context("fork").Pool(self._count)
        return self

    def __call__(self, members: list[NexusMember]) -> list[tuple[NexusMember, list[WatchlistHit]]]:
        if self._pool is None:
            return [(m, h) for m in members if (h := member_hits(self._engine, m, self._only))]
        chunks = [members[i : i + CHUNK] for i in range(0, len(members), CHUNK)]
        return [found for part in self._pool.map(_hits_of, chunks) for found in part]

    def __exit__(self, *_: object) -> None:
        global _engine, _only
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
        _engine, _only = None, None


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
) -> RevetOutcome:
    """Screen every active member of the registry against ``engine`` (every list, or an
    engine over what changed); a match with an entry (of ``only``'s refs, when given)
    suspends the card at once and, for a member who applied here, sends a notice.
    ``workers`` processes screen (0: one per core)."""
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
    with _Screeners(engine, only, workers if len(near) >= PARALLEL_FROM else 1) as screen:
        for start in range(0, len(near), REVET_PAGE):
            with uow:
                members = uow.nexus.get_many(near[start : start + REVET_PAGE])
            found = screen(list(members.values()))
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
    if application is not None and application.status is ApplicationStatus.APPROVED:
        grounds = tuple(hit_ground(h, application.applicant.language) for h in hits)
        suspend(uow, user, application, grounds, now)
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
