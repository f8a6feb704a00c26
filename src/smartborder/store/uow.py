"""The unit of work: the only way services touch storage.

A unit of work is a transaction with repositories hanging off it. Services receive one
(``with uow: ...; uow.commit()``) and never see a session, so that unit tests can give
them the in-memory fake from ``smartborder.store.memory`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from smartborder.domain import (
    Agency,
    AuditEntry,
    AuditEvent,
    CrossingRecord,
    Direction,
    Lookout,
    PortOfEntry,
    User,
    WatchList,
)


class UserRepository(Protocol):
    def add(self, user: User, token_hash: str) -> None: ...
    def by_token_hash(self, token_hash: str) -> User | None: ...
    def by_name(self, agency: Agency, name: str) -> User | None: ...
    def list(self, agency: Agency | None = None) -> list[User]: ...
    def revoke(self, user_id: str, at: datetime) -> None: ...


class PortRepository(Protocol):
    def put(self, port: PortOfEntry) -> None: ...
    def get(self, code: str) -> PortOfEntry | None: ...
    def list(self, agency: Agency | None = None) -> list[PortOfEntry]: ...


class CrossingRepository(Protocol):
    def add(self, record: CrossingRecord) -> None: ...
    def add_many(self, records: list[CrossingRecord]) -> None: ...

    def get(self, agency: Agency, record_id: str) -> CrossingRecord | None:
        """The record, or None when it does not exist or belongs to another agency."""
        ...

    def list(
        self,
        agency: Agency,
        *,
        direction: Direction | None = None,
        since: datetime | None = None,
        limit: int = 100,
    ) -> list[CrossingRecord]: ...

    def count(self, agency: Agency, direction: Direction | None = None) -> int: ...


class AuditLog(Protocol):
    def append(self, event: AuditEvent) -> AuditEntry:
        """Extend the chain by one entry, inside the current transaction."""
        ...

    def append_many(self, events: list[AuditEvent]) -> None: ...
    def entries(self, from_seq: int = 1) -> Iterator[AuditEntry]: ...

    def head(self) -> tuple[int, str]:
        """The sequence number and hash of the last entry the chain records."""
        ...

    def count(self) -> int: ...


class WatchlistRepository(Protocol):
    def get(self, list_id: str) -> WatchList | None: ...
    def list(self) -> list[WatchList]: ...

    def stage(self, list_id: str, version: str, lookouts: Sequence[Lookout]) -> None:
        """Write lookouts under a version that is not current: no reader sees them yet."""
        ...

    def staged(self, list_id: str, version: str) -> int:
        """How many lookouts a version has written."""
        ...

    def activate(self, watch_list: WatchList) -> None:
        """Make a staged version the current one; readers switch to it at commit."""
        ...

    def drop(self, list_id: str, version: str) -> None: ...

    def prune(self, list_id: str) -> None:
        """Delete the lookouts of every version of the list but the current one."""
        ...

    def lookouts(self, list_id: str | None = None) -> Iterator[Lookout]:
        """The lookouts of the current version of every list (or of one)."""
        ...


class UnitOfWork(Protocol):
    users: UserRepository
    ports: PortRepository
    crossings: CrossingRepository
    audit: AuditLog
    watchlists: WatchlistRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
    def rollback(self) -> None: ...
