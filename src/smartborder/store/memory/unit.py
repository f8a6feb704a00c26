"""In-memory fakes of the repositories and the unit of work, for fast unit tests.

They keep the same promises as the SQL versions (agency scoping, chain extension,
rollback of uncommitted work) so that a service tested against them behaves the same on
a real database; ``tests/integration/store`` runs one suite against both.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from smartborder.domain import (
    Agency,
    AuditEntry,
    AuditEvent,
    CrossingRecord,
    Direction,
    ListFetch,
    Lookout,
    PortOfEntry,
    User,
    WatchList,
)
from smartborder.domain.applications import Application, EnrolmentCentre
from smartborder.domain.audit import GENESIS_HASH, chain
from smartborder.domain.waits import LaneWait
from smartborder.domain.waits import Slot as WaitKey
from smartborder.domain.web_sessions import WebSession
from smartborder.errors import Conflict
from smartborder.repositories.applications import (
    ApplicationRepository,
    CentreRepository,
    RevetMarkRepository,
)
from smartborder.repositories.exchange import (
    InboxRepository,
    OutboxRepository,
    PartnerRecordRepository,
)
from smartborder.repositories.goods import (
    CargoModelRepository,
    ExaminationRepository,
    ManifestRepository,
    ShipmentRepository,
    TraderRepository,
)
from smartborder.repositories.unit import (
    AuditLog,
    CrossingRepository,
    DecisionRepository,
    HitRepository,
    IdempotencyRepository,
    ListFetchRepository,
    MessageRepository,
    NexusRepository,
    PortRepository,
    RuleSetRepository,
    UserRepository,
    WaitTimeRepository,
    WatchlistRepository,
    WebSessionRepository,
)
from smartborder.store.memory.clearance import (
    ClearanceState,
    MemoryDecisionRepository,
    MemoryHitRepository,
    MemoryIdempotencyRepository,
    MemoryMessageRepository,
    MemoryNexusRepository,
    MemoryRuleSetRepository,
)
from smartborder.store.memory.exchange import (
    ExchangeMemoryState,
    MemoryInbox,
    MemoryOutbox,
    MemoryPartnerRecords,
)
from smartborder.store.memory.goods import (
    GoodsState,
    MemoryCargoModelRepository,
    MemoryExaminationRepository,
    MemoryManifestRepository,
    MemoryShipmentRepository,
    MemoryTraderRepository,
)
from smartborder.store.memory.programmes import (
    MemoryApplicationRepository,
    MemoryCentreRepository,
    MemoryRevetMarkRepository,
)
from smartborder.store.memory.wait_times import MemoryWaitTimeRepository
from smartborder.store.memory.watchlists import (
    MemoryListFetchRepository,
    MemoryWatchlistRepository,
)


def _copied(value: Any) -> Any:
    """A copy of one collection of the state (the exchange's state copies itself)."""
    copier = getattr(value, "copy", None)
    return copier() if callable(copier) else copy.copy(value)


@dataclass
class MemoryState(ClearanceState):
    users: dict[str, tuple[User, str]] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # user id -> Argon2id hash
    web_sessions: dict[str, WebSession] = field(default_factory=dict)
    ports: dict[str, PortOfEntry] = field(default_factory=dict)
    crossings: dict[str, CrossingRecord] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    exchange: ExchangeMemoryState = field(default_factory=ExchangeMemoryState)
    wait_times: dict[WaitKey, LaneWait] = field(default_factory=dict)
    goods: GoodsState = field(default_factory=GoodsState)
    watchlists: dict[str, WatchList] = field(default_factory=dict)
    lookouts: dict[tuple[str, str], tuple[Lookout, ...]] = field(default_factory=dict)
    list_fetches: list[ListFetch] = field(default_factory=list)
    applications: dict[str, Application] = field(default_factory=dict)
    revet_marks: dict[str, str] = field(default_factory=dict)  # list entry ref -> digest
    centres: dict[str, EnrolmentCentre] = field(default_factory=dict)

    def copy(self) -> MemoryState:
        """A copy whose collections can change without touching this state."""
        return MemoryState(
            **{f.name: _copied(getattr(self, f.name)) for f in dataclasses.fields(self)}
        )


class MemoryUserRepository:
    def __init__(self, state: MemoryState) -> None:
        self._state = state

    def add(self, user: User, token_hash: str) -> None:
        if self.by_name(user.agency, user.name) is not None:
            raise Conflict(f"a user named {user.name!r} already exists in {user.agency}")
        self._state.users[user.id] = (user, token_hash)

    def by_token_hash(self, token_hash: str) -> User | None:
        return next((u for u, h in self._state.users.values() if h == token_hash), None)

    def by_name(self, agency: Agency, name: str) -> User | None:
        return next(
            (u for u, _ in self._state.users.values() if u.agency is agency and u.name == name),
            None,
        )

    def list(self, agency: Agency | None = None) -> list[User]:
        users = sorted((u for u, _ in self._state.users.values()), key=lambda u: u.id)
        return [u for u in users if agency is None or u.agency is agency]

    def revoke(self, user_id: str, at: datetime) -> None:
        user, token_hash = self._state.users[user_id]
        self._state.users[user_id] = (replace(user, revoked_at=at), token_hash)

    def replace_token(self, user_id: str, token_hash: str, expires_at: datetime) -> None:
        user, _ = self._state.users[user_id]
        self._state.users[user_id] = (replace(user, token_expires_at=expires_at), token_hash)

    def get(self, user_id: str) -> User | None:
        found = self._state.users.get(user_id)
        return found[0] if found else None

    def set_password(self, user_id: str, password_hash: str) -> None:
        self._state.passwords[user_id] = password_hash

    def password_hash(self, user_id: str) -> str | None:
        return self._state.passwords.get(user_id)


class MemoryWebSessionRepository:
    def __init__(self, state: MemoryState) -> None:
        self._state = state

    def add(self, session: WebSession) -> None:
        self._state.web_sessions[session.token_hash] = session

    def get(self, token_hash: str) -> WebSession | None:
        return self._state.web_sessions.get(token_hash)

    def _set(self, token_hash: str, **values: object) -> None:
        found = self._state.web_sessions.get(token_hash)
        if found is not None:
            self._state.web_sessions[token_hash] = replace(found, **values)  # type: ignore[arg-type]

    def touch(self, token_hash: str, at: datetime) -> None:
        self._set(token_hash, last_seen_at=at)

    def set_purpose(self, token_hash: str, purpose: str) -> None:
        self._set(token_hash, purpose=purpose)

    def end(self, token_hash: str, at: datetime) -> None:
        self._set(token_hash, ended_at=at)

    def end_all(self, user_id: str, at: datetime) -> None:
        for key, found in list(self._state.web_sessions.items()):
            if found.user_id == user_id and found.ended_at is None:
                self._set(key, ended_at=at)


class MemoryPortRepository:
    def __init__(self, state: MemoryState) -> None:
        self._state = state

    def put(self, port: PortOfEntry) -> None:
        self._state.ports[port.code] = port

    def get(self, code: str) -> PortOfEntry | None:
        return self._state.ports.get(code)

    def by_airport(self, agency: Agency, iata: str) -> PortOfEntry | None:
        return next(
            (
                p
                for p in self._state.ports.values()
                if p.agency is agency and p.airport == iata.upper()
            ),
            None,
        )

    def list(self, agency: Agency | None = None) -> list[PortOfEntry]:
        ports = sorted(self._state.ports.values(), key=lambda p: p.code)
        return [p for p in ports if agency is None or p.agency is agency]


class MemoryCrossingRepository:
    def __init__(self, state: MemoryState) -> None:
        self._state = state

    def add(self, record: CrossingRecord) -> None:
        self.add_many([record])

    def add_many(self, records: list[CrossingRecord]) -> None:
        for record in records:
            if record.partner_id is not None and any(
                r.agency is record.agency and r.partner_id == record.partner_id
                for r in self._state.crossings.values()
            ):
                raise Conflict(f"partner record {record.partner_id} is already stored")
            self._state.crossings[record.id] = record

    def get(self, agency: Agency, record_id: str) -> CrossingRecord | None:
        record = self._state.crossings.get(record_id)
        return record if record is not None and record.agency is agency else None

    def list(
        self,
        agency: Agency,
        *,
        direction: Direction | None = None,
        since: datetime | None = None,
        limit: int = 100,
    ) -> list[CrossingRecord]:
        found = [
            r
            for r in self._state.crossings.values()
            if r.agency is agency
            and (direction is None or r.direction is direction)
            and (since is None or r.crossed_at >= since)
        ]
        return sorted(found, key=lambda r: (r.crossed_at, r.id))[:limit]

    def count(self, agency: Agency, direction: Direction | None = None) -> int:
        return len(self.list(agency, direction=direction, limit=len(self._state.crossings)))


class MemoryAuditLog:
    def __init__(self, state: MemoryState) -> None:
        self._state = state

    def append(self, event: AuditEvent) -> AuditEntry:
        seq, prev = self.head()
        entry = chain(seq + 1, event, prev)
        self._state.audit.append(entry)
        return entry

    def append_many(self, events: list[AuditEvent]) -> None:
        for event in events:
            self.append(event)

    def entries(self, from_seq: int = 1) -> Iterator[AuditEntry]:
        return iter([e for e in self._state.audit if e.seq >= from_seq])

    def latest(
        self,
        agency: str,
        *,
        actor: str | None = None,
        record: str | None = None,
        before: int | None = None,
        limit: int = 50,
    ) -> list[AuditEntry]:
        def about(event: AuditEvent) -> bool:
            ids = event.detail.get("ids", [])
            return event.record_id == record or (isinstance(ids, list) and record in ids)

        found = [
            e
            for e in reversed(self._state.audit)
            if e.event.agency == agency
            and (actor is None or e.event.actor == actor)
            and (record is None or about(e.event))
            and (before is None or e.seq < before)
        ]
        return found[:limit]

    def head(self) -> tuple[int, str]:
        if not self._state.audit:
            return 0, GENESIS_HASH
        last = self._state.audit[-1]
        return last.seq, last.hash

    def count(self) -> int:
        return len(self._state.audit)


class MemoryUnitOfWork:
    """Works on a copy of the committed state; ``commit()`` makes the copy the state."""

    def __init__(self, state: MemoryState | None = None) -> None:
        self.state = state or MemoryState()
        self.committed = False
        self._read_only = False

    def for_reading(self) -> Self:
        """Use this unit only to read: like the SQL unit, it cannot commit (the contract
        suite, tests/contracts, holds both to it)."""
        self._read_only = True
        return self

    def __enter__(self) -> Self:
        self._working = self.state.copy()
        self.users: UserRepository = MemoryUserRepository(self._working)
        self.web_sessions: WebSessionRepository = MemoryWebSessionRepository(self._working)
        self.ports: PortRepository = MemoryPortRepository(self._working)
        self.crossings: CrossingRepository = MemoryCrossingRepository(self._working)
        self.audit: AuditLog = MemoryAuditLog(self._working)
        self.decisions: DecisionRepository = MemoryDecisionRepository(self._working)
        self.hits: HitRepository = MemoryHitRepository(self._working)
        self.messages: MessageRepository = MemoryMessageRepository(self._working)
        self.idempotency: IdempotencyRepository = MemoryIdempotencyRepository(self._working)
        self.rule_sets: RuleSetRepository = MemoryRuleSetRepository(self._working)
        self.nexus: NexusRepository = MemoryNexusRepository(self._working)
        self.applications: ApplicationRepository = MemoryApplicationRepository(
            self._working.applications
        )
        self.revet_marks: RevetMarkRepository = MemoryRevetMarkRepository(self._working.revet_marks)
        self.centres: CentreRepository = MemoryCentreRepository(self._working.centres)
        self.wait_times: WaitTimeRepository = MemoryWaitTimeRepository(self._working.wait_times)
        self.outbox: OutboxRepository = MemoryOutbox(self._working.exchange)
        self.inbox: InboxRepository = MemoryInbox(self._working.exchange)
        self.partner_records: PartnerRecordRepository = MemoryPartnerRecords(
            self._working.crossings
        )
        self.manifests: ManifestRepository = MemoryManifestRepository(self._working.goods)
        self.shipments: ShipmentRepository = MemoryShipmentRepository(self._working.goods)
        self.traders: TraderRepository = MemoryTraderRepository(self._working.goods)
        self.examinations: ExaminationRepository = MemoryExaminationRepository(self._working.goods)
        self.cargo_models: CargoModelRepository = MemoryCargoModelRepository(self._working.goods)
        self.watchlists: WatchlistRepository = MemoryWatchlistRepository(
            self._working.watchlists, self._working.lookouts
        )
        self.list_fetches: ListFetchRepository = MemoryListFetchRepository(
            self._working.list_fetches
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a unit of work opened for reading cannot commit")
        for f in dataclasses.fields(self.state):
            setattr(self.state, f.name, getattr(self._working, f.name))
        self.committed = True
        self.__enter__()

    def rollback(self) -> None:
        self.__enter__()
