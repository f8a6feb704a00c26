"""The in-memory fakes of the watch-list and list-fetch repositories, for unit tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from smartborder.domain import ListFetch, Lookout, WatchList
from smartborder.errors import NotFound
from smartborder.store.memory.times import stored_time


class MemoryWatchlistRepository:
    """Lists and the lookouts of each (list, version), as the SQL tables hold them."""

    def __init__(
        self,
        lists: dict[str, WatchList],
        rows: dict[tuple[str, str], tuple[Lookout, ...]],
    ) -> None:
        self._lists = lists
        self._rows = rows

    def get(self, list_id: str) -> WatchList | None:
        return self._lists.get(list_id)

    def list(self) -> list[WatchList]:
        return [self._lists[k] for k in sorted(self._lists)]

    def stage(self, list_id: str, version: str, lookouts: Sequence[Lookout]) -> None:
        key = (list_id, version)
        self._rows[key] = self._rows.get(key, ()) + tuple(lookouts)

    def staged(self, list_id: str, version: str) -> int:
        return len(self._rows.get((list_id, version), ()))

    def activate(self, watch_list: WatchList) -> None:
        loaded_at = stored_time(watch_list.loaded_at)
        self._lists[watch_list.list_id] = replace(watch_list, loaded_at=loaded_at)

    def drop(self, list_id: str, version: str) -> None:
        self._rows.pop((list_id, version), None)

    def prune(self, list_id: str) -> None:
        current = self._lists.get(list_id)
        if current is None:  # a list never activated keeps its staged versions, as in SQL
            return
        for key in [k for k in self._rows if k[0] == list_id]:
            if key[1] != current.version:
                del self._rows[key]

    def lookouts(self, list_id: str | None = None) -> Iterator[Lookout]:
        # In the order the versions were staged, as SQL reads rows by id (not by list id).
        for (listed, version), rows in list(self._rows.items()):
            current = self._lists.get(listed)
            if current is not None and current.version == version:
                if list_id is None or listed == list_id:
                    yield from rows


class MemoryListFetchRepository:
    """Fetches in the order they began, as the SQL table numbers them."""

    def __init__(self, fetches: list[ListFetch]) -> None:
        self._fetches = fetches

    def add(self, fetch: ListFetch) -> ListFetch:
        added = _stored(replace(fetch, id=len(self._fetches) + 1))
        self._fetches.append(added)
        return added

    def finish(self, fetch: ListFetch) -> None:
        if not 1 <= fetch.id <= len(self._fetches):
            raise NotFound(f"no list fetch numbered {fetch.id}")
        begun = self._fetches[fetch.id - 1]  # as in SQL: what it began with stays
        ended = replace(
            begun,
            outcome=fetch.outcome,
            finished_at=fetch.finished_at,
            version=fetch.version,
            entries=fetch.entries,
            checksum=fetch.checksum,
            problem=fetch.problem,
        )
        self._fetches[fetch.id - 1] = _stored(ended)

    def latest(self, limit: int = 50) -> list[ListFetch]:
        return self._fetches[::-1][:limit]


def _stored(fetch: ListFetch) -> ListFetch:
    """As the SQL store gives it back: times in UTC, the problem cut at its column."""
    finished = stored_time(fetch.finished_at) if fetch.finished_at else None
    return replace(
        fetch,
        started_at=stored_time(fetch.started_at),
        finished_at=finished,
        problem=fetch.problem[:500],
    )
