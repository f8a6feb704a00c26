"""The in-memory fake of the watch-list repository, for unit tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from smartborder.domain import Lookout, WatchList


class MemoryWatchlistRepository:
    def __init__(self, lists: dict[str, tuple[WatchList, tuple[Lookout, ...]]]) -> None:
        self._lists = lists

    def get(self, list_id: str) -> WatchList | None:
        found = self._lists.get(list_id)
        return found[0] if found else None

    def list(self) -> list[WatchList]:
        return [self._lists[k][0] for k in sorted(self._lists)]

    def replace(self, watch_list: WatchList, lookouts: Sequence[Lookout]) -> None:
        stored = replace(watch_list, entry_count=len(lookouts))
        self._lists[watch_list.list_id] = (stored, tuple(lookouts))

    def lookouts(self, list_id: str | None = None) -> Iterator[Lookout]:
        for key in sorted(self._lists):
            if list_id is None or key == list_id:
                yield from self._lists[key][1]
