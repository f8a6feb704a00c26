"""Load watch lists into the store and screen people against them, with the audit both need.

Screening reads personal data (the names, birth dates and documents of the people
screened), so every batch is written to the audit log with the actor and the purpose.
The engine is built from the store's current list versions and rebuilt when a version
changes; ``LiveEngine`` keeps one (checked before each use, or kept current by
``refresher.Refresher`` on a serving node).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    Lookout,
    ScreeningQuery,
    User,
    WatchList,
    WatchlistHit,
    utc_now,
)
from smartborder.domain.audit import stated_purpose
from smartborder.errors import Conflict, PermissionDenied, ValidationFailed
from smartborder.formats.lists import LoadedList
from smartborder.lists.unit import ListsUnit
from smartborder.screening import ScreeningEngine

MAX_BATCH = 1000
# Lookouts written per transaction while a new version is staged. Small enough that the
# store's write lock (one writer on SQLite) is held for tens of milliseconds at a time:
# a booth's decision waits for at most one of them, not for 20,000 rows' writing.
STAGE_BATCH = 2_000
CLI_ACTOR = "system/cli"


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    watch_list: WatchList
    previous_version: str | None
    unchanged: bool  # the same file (by checksum) was already the loaded version


def load_list(
    units: Callable[[], ListsUnit],
    loaded: LoadedList,
    *,
    agency: Agency,
    actor: str = CLI_ACTOR,
) -> LoadOutcome:
    """Make ``loaded`` the current version of its list.

    ``uow`` makes a unit of work per transaction: the lookouts are staged in short
    transactions under the new version, then one transaction switches the list to it,
    so that screening keeps reading the previous version, whole, until that commit.
    """
    with units() as work:
        current = work.watchlists.get(loaded.list_id)
        # What an earlier attempt, killed between its commits, left: the previous
        # version's lookouts not yet pruned, or this version's, staged but never live.
        work.watchlists.prune(loaded.list_id)
        if current is None or current.version != loaded.version:
            work.watchlists.drop(loaded.list_id, loaded.version)
        work.commit()
    if current is not None and current.checksum == loaded.checksum:
        return LoadOutcome(current, current.version, unchanged=True)
    if current is not None and current.version == loaded.version:
        raise Conflict(f"{loaded.list_id} version {loaded.version} is loaded with other content")
    lookouts = loaded.lookouts
    try:
        for start in range(0, len(lookouts), STAGE_BATCH):
            with units() as work:
                work.watchlists.stage(
                    loaded.list_id, loaded.version, lookouts[start : start + STAGE_BATCH]
                )
                work.commit()
        watch_list = WatchList(
            list_id=loaded.list_id,
            version=loaded.version,
            source=loaded.source,
            loaded_at=utc_now(),
            entry_count=len(lookouts),
            checksum=loaded.checksum,
        )
        with units() as work:
            if work.watchlists.staged(loaded.list_id, loaded.version) != len(lookouts):
                raise Conflict(f"another load of {loaded.list_id} ran at the same time; load again")
            work.watchlists.activate(watch_list)
            work.audit.append(_load_event(loaded, current, agency, actor))
            work.commit()
    except BaseException:
        with units() as work:
            active = work.watchlists.get(loaded.list_id)
            if active is None or active.version != loaded.version:
                work.watchlists.drop(loaded.list_id, loaded.version)
                work.commit()
        raise
    with units() as work:
        work.watchlists.prune(loaded.list_id)
        work.commit()
    return LoadOutcome(watch_list, current.version if current else None, unchanged=False)


def _load_event(
    loaded: LoadedList, current: WatchList | None, agency: Agency, actor: str
) -> AuditEvent:
    return AuditEvent(
        actor=actor,
        agency=str(agency),
        action=AuditAction.UPDATE,
        purpose="watch-list load",
        record_type="watch_list",
        record_id=loaded.list_id,
        detail={
            "version": loaded.version,
            "previous": current.version if current else "",
            "entries": str(len(loaded.lookouts)),
            "sha256": loaded.checksum,
        },
    )


def loaded_lists(uow: ListsUnit) -> list[WatchList]:
    with uow:
        return uow.watchlists.list()


#: What a build can be given to pace its reading of the lookouts (``refresher.Pace``).
Pacer = Callable[[Iterable[Lookout]], Iterable[Lookout]]


def build_engine(uow: ListsUnit, pace: Pacer | None = None) -> ScreeningEngine:
    """An engine over the current version of every loaded list.

    One read transaction: the versions and the lookouts are those of one snapshot.
    """
    with uow.for_reading():
        versions = {w.list_id: w.version for w in uow.watchlists.list()}
        lookouts = uow.watchlists.lookouts()
        return ScreeningEngine(pace(lookouts) if pace else lookouts, versions)


def current_lookouts(uow: ListsUnit) -> tuple[dict[str, str], list[Lookout]]:
    """Every loaded list's version and the lookouts of the current versions, read in one
    snapshot (what an engine is built from)."""
    with uow.for_reading():
        versions = {w.list_id: w.version for w in uow.watchlists.list()}
        return versions, list(uow.watchlists.lookouts())


def list_versions(uow: ListsUnit) -> dict[str, str]:
    with uow.for_reading():
        return {w.list_id: w.version for w in uow.watchlists.list()}


class LiveEngine:
    """The node's engine over the store's lists, replaced whole when a list's version changes.

    Alone (the CLI, a test), ``engine()`` looks at the versions on each call and builds a
    new engine when one changed. Once a ``Refresher`` keeps it (``watched``), requests
    take the engine in service as it is and never build: the refresher builds the next
    one beside it and swaps it in with one assignment, so a request sees the old engine or
    the new one, whole, and its hits say which (``list_version``).
    """

    def __init__(self, build: Callable[[ListsUnit, Pacer | None], ScreeningEngine] | None = None):
        self._build = build or build_engine
        self._engine: ScreeningEngine | None = None
        self._building = threading.Lock()  # one build at a time
        self.watched = False

    @property
    def current(self) -> ScreeningEngine | None:
        """The engine in service (None before the first build)."""
        return self._engine

    def engine(self, uow: ListsUnit) -> ScreeningEngine:
        engine = self._engine
        if self.watched and engine is not None:
            return engine
        # Not watched, or not built yet: build here (a request that comes before the
        # node is ready waits for the refresher's first build on the lock, not for two).
        self.refresh(uow)
        assert self._engine is not None
        return self._engine

    def refresh(self, uow: ListsUnit, *, pace: Pacer | None = None) -> bool:
        """Build an engine if the store's versions are not the current one's; True if so."""
        with self._building:
            engine = self._engine
            if engine is not None and engine.versions == list_versions(uow):
                return False
            self._engine = self._build(uow, pace)
            return True


def screen(
    uow: ListsUnit,
    engine: ScreeningEngine,
    user: User,
    queries: Sequence[ScreeningQuery],
    *,
    node_agency: Agency,
    threshold: float,
    limit: int,
    purpose: str,
) -> list[WatchlistHit]:
    """Screen a batch for ``user``; the batch is audited as a read of personal data."""
    purpose = stated_purpose(purpose)
    if user.agency is not node_agency:
        raise PermissionDenied(f"this node screens for {node_agency} only")
    if not 1 <= len(queries) <= MAX_BATCH:
        raise ValidationFailed(f"a batch holds 1 to {MAX_BATCH} queries")
    if len({q.id for q in queries}) != len(queries):
        raise ValidationFailed("query ids must be unique within a batch")
    hits = [h for q in queries for h in engine.screen(q, threshold=threshold, limit=limit)]
    with uow:
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="screening",
                record_id=None,
                detail={
                    "queries": str(len(queries)),
                    "hits": str(len(hits)),
                    "lists": ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())),
                },
            )
        )
        uow.commit()
    return hits
