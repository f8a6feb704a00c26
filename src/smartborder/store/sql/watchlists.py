"""Watch lists on disk: each list's current version and its lookouts.

A new version is first *staged*: its lookouts are written, in as many short
transactions as it takes, under a version no reader looks at (readers join on the list
row's current version). Then one short transaction *activates* it, and the old version's
rows are pruned. Readers (screening included) see the previous version, whole, until the
activation commits, and are never held up for longer than one short transaction, even
on SQLite where every transaction takes the write lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from smartborder.domain import ListedDocument, Lookout, PersonName, Sex, SubjectKind, WatchList
from smartborder.store.tables.lists import LookoutRow, WatchListRow

_BATCH = 5000


def lookout_data(lookout: Lookout) -> dict[str, Any]:
    """The facts of a lookout beyond its keys, as JSON."""
    data: dict[str, Any] = {
        "names": [[n.surname, list(n.given_names), n.original_script] for n in lookout.names],
    }
    if lookout.birth_dates:
        data["birth_dates"] = list(lookout.birth_dates)
    if lookout.nationalities:
        data["nationalities"] = list(lookout.nationalities)
    if lookout.sex is not None:
        data["sex"] = str(lookout.sex)
    if lookout.documents:
        data["documents"] = [[d.number, d.kind, d.country] for d in lookout.documents]
    if lookout.programmes:
        data["programmes"] = list(lookout.programmes)
    if lookout.remarks:
        data["remarks"] = lookout.remarks
    return data


def lookout_of(list_id: str, source_id: str, kind: str, data: dict[str, Any]) -> Lookout:
    return Lookout(
        list_id=list_id,
        source_id=source_id,
        kind=SubjectKind(kind),
        names=tuple(
            PersonName(surname=s, given_names=tuple(g), original_script=o)
            for s, g, o in data["names"]
        ),
        birth_dates=tuple(data.get("birth_dates", ())),
        nationalities=tuple(data.get("nationalities", ())),
        sex=Sex(data["sex"]) if data.get("sex") else None,
        documents=tuple(ListedDocument(n, k, c) for n, k, c in data.get("documents", ())),
        programmes=tuple(data.get("programmes", ())),
        remarks=data.get("remarks", ""),
    )


def _watch_list(row: WatchListRow) -> WatchList:
    return WatchList(
        list_id=row.list_id,
        version=row.version,
        source=row.source,
        loaded_at=row.loaded_at,
        entry_count=row.entry_count,
        checksum=row.checksum,
    )


class SqlWatchlistRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, list_id: str) -> WatchList | None:
        row = self._session.get(WatchListRow, list_id)
        return _watch_list(row) if row else None

    def list(self) -> list[WatchList]:
        rows = self._session.scalars(select(WatchListRow).order_by(WatchListRow.list_id))
        return [_watch_list(r) for r in rows]

    def stage(self, list_id: str, version: str, lookouts: Sequence[Lookout]) -> None:
        """Write lookouts under a version that is not current: no reader sees them yet."""
        for start in range(0, len(lookouts), _BATCH):
            self._session.execute(
                insert(LookoutRow),
                [
                    {
                        "list_id": list_id,
                        "version": version,
                        "source_id": lk.source_id,
                        "kind": str(lk.kind),
                        "data": lookout_data(lk),
                    }
                    for lk in lookouts[start : start + _BATCH]
                ],
            )

    def staged(self, list_id: str, version: str) -> int:
        query = select(func.count()).where(
            LookoutRow.list_id == list_id, LookoutRow.version == version
        )
        return int(self._session.scalar(query) or 0)

    def activate(self, watch_list: WatchList) -> None:
        """Make a staged version the current one; readers switch to it at commit."""
        row = self._session.get(WatchListRow, watch_list.list_id)
        if row is None:
            row = WatchListRow(list_id=watch_list.list_id)
            self._session.add(row)
        row.version = watch_list.version
        row.source = watch_list.source
        row.checksum = watch_list.checksum
        row.loaded_at = watch_list.loaded_at
        row.entry_count = watch_list.entry_count
        self._session.flush()

    def drop(self, list_id: str, version: str) -> None:
        """Delete the lookouts of one version (one that failed to load, say)."""
        self._session.execute(
            delete(LookoutRow).where(LookoutRow.list_id == list_id, LookoutRow.version == version)
        )

    def prune(self, list_id: str) -> None:
        """Delete the lookouts of every version of the list but the current one."""
        current = self._session.get(WatchListRow, list_id)
        if current is not None:
            self._session.execute(
                delete(LookoutRow).where(
                    LookoutRow.list_id == list_id, LookoutRow.version != current.version
                )
            )

    def lookouts(self, list_id: str | None = None) -> Iterator[Lookout]:
        """The lookouts of the current version of every list (or of one)."""
        query = select(
            LookoutRow.list_id, LookoutRow.source_id, LookoutRow.kind, LookoutRow.data
        ).join(
            WatchListRow,
            (WatchListRow.list_id == LookoutRow.list_id)
            & (WatchListRow.version == LookoutRow.version),
        )
        if list_id is not None:
            query = query.where(LookoutRow.list_id == list_id)
        result = self._session.execute(
            query.order_by(LookoutRow.id).execution_options(yield_per=_BATCH)
        )
        for row in result:
            yield lookout_of(row.list_id, row.source_id, row.kind, row.data)
