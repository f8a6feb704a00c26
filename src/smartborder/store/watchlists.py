"""Watch lists on disk: each list's current version and its lookouts.

Loading a version is one transaction: the new lookouts are written, the list row is
pointed at them and the old version's rows are deleted, all at commit. Until then every
reader (screening included) keeps seeing the previous version, whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from smartborder.domain import ListedDocument, Lookout, PersonName, Sex, SubjectKind, WatchList
from smartborder.store.lists_tables import LookoutRow, WatchListRow

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

    def replace(self, watch_list: WatchList, lookouts: Sequence[Lookout]) -> None:
        """Make ``lookouts`` the list's current version, at commit."""
        session = self._session
        old = session.get(WatchListRow, watch_list.list_id)
        for start in range(0, len(lookouts), _BATCH):
            session.execute(
                insert(LookoutRow),
                [
                    {
                        "list_id": watch_list.list_id,
                        "version": watch_list.version,
                        "source_id": lk.source_id,
                        "kind": str(lk.kind),
                        "data": lookout_data(lk),
                    }
                    for lk in lookouts[start : start + _BATCH]
                ],
            )
        session.execute(
            delete(LookoutRow).where(
                LookoutRow.list_id == watch_list.list_id,
                LookoutRow.version != watch_list.version,
            )
        )
        if old is None:
            session.add(
                WatchListRow(
                    list_id=watch_list.list_id,
                    version=watch_list.version,
                    source=watch_list.source,
                    checksum=watch_list.checksum,
                    loaded_at=watch_list.loaded_at,
                    entry_count=len(lookouts),
                )
            )
        else:
            old.version = watch_list.version
            old.source = watch_list.source
            old.checksum = watch_list.checksum
            old.loaded_at = watch_list.loaded_at
            old.entry_count = len(lookouts)
        session.flush()

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
