"""Fetches of lists from their sources, on disk: one row each, finished in place."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from smartborder.domain import FetchOutcome, ListFetch
from smartborder.errors import NotFound
from smartborder.store.tables.lists import ListFetchRow

PROBLEM_LENGTH = 500  # the column's: a longer message is cut, not refused


def _fetch(row: ListFetchRow) -> ListFetch:
    return ListFetch(
        source=row.source,
        list_id=row.list_id,
        actor=row.actor,
        started_at=row.started_at,
        outcome=FetchOutcome(row.outcome),
        finished_at=row.finished_at,
        version=row.version,
        entries=row.entries,
        checksum=row.checksum,
        problem=row.problem,
        id=row.id,
    )


class SqlListFetchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, fetch: ListFetch) -> ListFetch:
        row = ListFetchRow(
            source=fetch.source,
            list_id=fetch.list_id,
            actor=fetch.actor,
            started_at=fetch.started_at,
            finished_at=fetch.finished_at,
            outcome=str(fetch.outcome),
            version=fetch.version,
            entries=fetch.entries,
            checksum=fetch.checksum,
            problem=fetch.problem[:PROBLEM_LENGTH],
        )
        self._session.add(row)
        self._session.flush()
        return _fetch(row)

    def finish(self, fetch: ListFetch) -> None:
        row = self._session.get(ListFetchRow, fetch.id)
        if row is None:
            raise NotFound(f"no list fetch numbered {fetch.id}")
        row.finished_at = fetch.finished_at
        row.outcome = str(fetch.outcome)
        row.version = fetch.version
        row.entries = fetch.entries
        row.checksum = fetch.checksum
        row.problem = fetch.problem[:PROBLEM_LENGTH]
        self._session.flush()

    def latest(self, limit: int = 50) -> list[ListFetch]:
        query = select(ListFetchRow).order_by(ListFetchRow.id.desc()).limit(limit)
        return [_fetch(r) for r in self._session.scalars(query)]
