"""Fetch a watch list from its source and load it, and keep a record of every fetch.

``smartborder lists fetch`` and the console's Lists page both come here, so a list
fetched either way is downloaded, checked, loaded and recorded by the same code. A fetch
is recorded as it begins (running) and finished with its outcome in transactions of its
own: the page, another process, a later look, all see where it stands. A failed fetch
loads nothing (``sources.fetch`` raises before) and the version before keeps serving.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from smartborder.domain import Agency, FetchOutcome, ListFetch, Role, User, WatchList, utc_now
from smartborder.errors import Conflict, PermissionDenied, ValidationFailed
from smartborder.lists import sources
from smartborder.lists.unit import ListsUnit
from smartborder.lists.watchlists import CLI_ACTOR, LoadOutcome, load_list

#: A fetch still "running" after this long was cut off (its process was stopped): it no
#: longer holds back the next one. The longest real fetch, OFAC's, takes minutes.
CUT_OFF_AFTER = timedelta(minutes=30)
RECENT = 10  # fetches shown on the Lists page


@dataclass(frozen=True, slots=True)
class SourceState:
    """One source the console may fetch: from where, and its last fetch."""

    source: str
    address: str
    last: ListFetch | None

    @property
    def running(self) -> bool:
        return self.last is not None and self.last.outcome is FetchOutcome.RUNNING


@dataclass(frozen=True, slots=True)
class ListsOverview:
    """What the Lists page shows: the versions loaded, the sources, the recent fetches."""

    lists: list[WatchList]
    sources: list[SourceState]  # empty when the node names none (SMARTBORDER_LIST_SOURCES)
    recent: list[ListFetch]  # newest first: the versions fetched before the current ones


@dataclass(frozen=True, slots=True)
class Fetched:
    fetch: ListFetch  # finished
    download: sources.Download
    outcome: LoadOutcome


def lists_overview(uow: ListsUnit, configured: Mapping[str, str | None]) -> ListsOverview:
    """The loaded lists, each configured source with its last fetch, the recent fetches."""
    with uow.for_reading():
        loaded = uow.watchlists.list()
        recent = uow.list_fetches.latest(50)
    now = utc_now()
    recent = [_as_seen(f, now) for f in recent]
    states = [
        SourceState(
            source=name,
            address=address or sources.SOURCES[name].base,
            last=next((f for f in recent if f.source == name), None),
        )
        for name, address in configured.items()
    ]
    return ListsOverview(lists=loaded, sources=states, recent=recent[:RECENT])


def order_fetch(
    units: Callable[[], ListsUnit],
    user: User,
    source: str,
    configured: Mapping[str, str | None],
) -> ListFetch:
    """An administrator's fetch of a configured source, recorded as running: the caller
    runs it (``fetch_and_load``) off the request."""
    if user.role is not Role.ADMIN:
        raise PermissionDenied("only an administrator loads a new version of a list")
    if source not in configured:
        raise ValidationFailed(f"this node fetches no list named {source!r}")
    return begin_fetch(units, source, actor=user.actor)


def begin_fetch(
    units: Callable[[], ListsUnit],
    source: str,
    *,
    actor: str = CLI_ACTOR,
    list_id: str | None = None,
) -> ListFetch:
    """Record that a fetch of ``source`` begins; refused while another one of it runs."""
    if source not in sources.SOURCES:
        raise ValidationFailed(
            f"unknown source {source!r}; use one of {', '.join(sources.SOURCES)}"
        )
    now = utc_now()
    with units() as work:
        for earlier in work.list_fetches.latest(50):
            if earlier.source == source and _as_seen(earlier, now).outcome is FetchOutcome.RUNNING:
                raise Conflict(
                    f"a fetch of {source} is running already (since {earlier.started_at})"
                )
        fetch = work.list_fetches.add(
            ListFetch(source=source, list_id=list_id or source, actor=actor, started_at=now)
        )
        work.commit()
    return fetch


def fetch_and_load(
    units: Callable[[], ListsUnit],
    fetch: ListFetch,
    get: sources.Get,
    folder: Path,
    *,
    agency: Agency,
    base_url: str | None = None,
) -> Fetched:
    """Download, check and load the list ``fetch`` names, then finish its record with
    the outcome; whatever goes wrong is recorded as the fetch's problem, then raised."""
    try:
        download = sources.fetch(
            fetch.source, folder, get, list_id=fetch.list_id, base_url=base_url
        )
        outcome = load_list(units, download.loaded, agency=agency, actor=fetch.actor)
    except BaseException as error:
        failed = replace(
            fetch, outcome=FetchOutcome.FAILED, finished_at=utc_now(), problem=_one_line(error)
        )
        _finish(units, failed)
        raise
    listed = outcome.watch_list
    done = replace(
        fetch,
        outcome=FetchOutcome.UNCHANGED if outcome.unchanged else FetchOutcome.LOADED,
        finished_at=utc_now(),
        version=listed.version,
        entries=listed.entry_count,
        checksum=download.checksum,
    )
    _finish(units, done)
    return Fetched(done, download, outcome)


def _finish(units: Callable[[], ListsUnit], fetch: ListFetch) -> None:
    with units() as work:
        work.list_fetches.finish(fetch)
        work.commit()


def _as_seen(fetch: ListFetch, now: datetime) -> ListFetch:
    """A fetch "running" for longer than ``CUT_OFF_AFTER`` is one that was cut off."""
    if fetch.outcome is FetchOutcome.RUNNING and now - fetch.started_at > CUT_OFF_AFTER:
        return replace(fetch, outcome=FetchOutcome.FAILED, problem="cut off before it finished")
    return fetch


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:500]
