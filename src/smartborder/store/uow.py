"""The unit of work: the only way services touch storage.

A unit of work is a transaction with repositories hanging off it. Services receive one
(``with uow: ...; uow.commit()``) and never see a session, so that unit tests can give
them the in-memory fake from ``smartborder.store.memory`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from smartborder.domain import (
    Agency,
    AuditEntry,
    AuditEvent,
    CrossingRecord,
    Direction,
    PortOfEntry,
    User,
)
from smartborder.store.goods_repositories import (
    CargoModelRepository,
    ExaminationRepository,
    ManifestRepository,
    ShipmentRepository,
    TraderRepository,
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


class UnitOfWork(Protocol):
    users: UserRepository
    ports: PortRepository
    crossings: CrossingRepository
    audit: AuditLog
    manifests: ManifestRepository
    shipments: ShipmentRepository
    traders: TraderRepository
    examinations: ExaminationRepository
    cargo_models: CargoModelRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
    def rollback(self) -> None: ...
