"""The unit of work: the only way services touch storage.

A unit of work is a transaction with repositories hanging off it. Services receive one
(``with uow: ...; uow.commit()``) and never see a session, so that unit tests can give
them the in-memory fake from ``smartborder.store.memory.unit`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from smartborder.domain import (
    Agency,
    AuditEntry,
    AuditEvent,
    CrossingRecord,
    Direction,
    LaneType,
    Lookout,
    PortOfEntry,
    User,
    WatchList,
)
from smartborder.domain.decisions import (
    DecidedFacts,
    FlightDay,
    History,
    RecordedOutcome,
    TravellerDecision,
)
from smartborder.domain.hits import (
    Dismissal,
    Disposition,
    Hit,
    HitKind,
    HitStatus,
    OutcomeRecord,
    QueuedHit,
    QueueFilter,
    SecondaryOutcome,
)
from smartborder.domain.intake import IdempotencyRecord, MessageReceipt, RuleSetRecord
from smartborder.domain.nexus import NexusMember, RegistryRow
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.domain.watchlists import ListFetch
from smartborder.domain.web_sessions import WebSession
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


class UserRepository(Protocol):
    def add(self, user: User, token_hash: str) -> None: ...
    def by_token_hash(self, token_hash: str) -> User | None: ...
    def by_name(self, agency: Agency, name: str) -> User | None: ...
    def get(self, user_id: str) -> User | None: ...
    def list(self, agency: Agency | None = None) -> list[User]: ...
    def revoke(self, user_id: str, at: datetime) -> None: ...

    def replace_token(self, user_id: str, token_hash: str, expires_at: datetime) -> None:
        """Give the user a new token: the old hash no longer finds them."""
        ...

    def set_password(self, user_id: str, password_hash: str) -> None:
        """Keep the user's new password hash (Argon2id, ``accounts.passwords``)."""
        ...

    def password_hash(self, user_id: str) -> str | None: ...


class WebSessionRepository(Protocol):
    def add(self, session: WebSession) -> None: ...
    def get(self, token_hash: str) -> WebSession | None: ...
    def touch(self, token_hash: str, at: datetime) -> None: ...
    def set_purpose(self, token_hash: str, purpose: str) -> None: ...

    def end(self, token_hash: str, at: datetime) -> None:
        """Sign the session out."""
        ...

    def end_all(self, user_id: str, at: datetime) -> None: ...


class PortRepository(Protocol):
    def put(self, port: PortOfEntry) -> None: ...
    def get(self, code: str) -> PortOfEntry | None: ...
    def by_airport(self, agency: Agency, iata: str) -> PortOfEntry | None: ...
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

    def latest(
        self,
        agency: str,
        *,
        actor: str | None = None,
        record: str | None = None,
        before: int | None = None,
        limit: int = 50,
    ) -> list[AuditEntry]:
        """The agency's entries newest first, before sequence ``before``: those by
        ``actor``, or about ``record`` (its id, or named among a list read's ids)."""
        ...

    def head(self) -> tuple[int, str]:
        """The sequence number and hash of the last entry the chain records."""
        ...

    def count(self) -> int: ...


class DecisionRepository(Protocol):
    def add_many(self, items: list[TravellerDecision]) -> None: ...
    def get(self, agency: Agency, decision_id: str) -> TravellerDecision | None: ...

    def for_message(self, agency: Agency, message_id: str) -> list[TravellerDecision]: ...

    def flights_on(self, agency: Agency, travel_date: date) -> list[FlightDay]:
        """The day's flights with their travellers, referrals and hits, soonest first."""
        ...

    def for_flight(
        self, agency: Agency, flight: str, travel_date: date
    ) -> list[TravellerDecision]: ...

    def facts_between(
        self, agency: Agency, since: date, until: date | None = None
    ) -> Iterator[DecidedFacts]: ...

    def history(
        self, agency: Agency, identity_keys: list[str], since: date
    ) -> dict[str, History]: ...

    def record_outcome(self, record: OutcomeRecord) -> None: ...
    def outcome(self, agency: Agency, decision_id: str) -> SecondaryOutcome | None: ...
    def outcomes(self, agency: Agency, decision_ids: list[str]) -> dict[str, SecondaryOutcome]: ...

    def adverse_outcomes(self, agency: Agency, identity_key: str) -> list[RecordedOutcome]:
        """Every finding other than no action that secondary inspection recorded for the
        identity's crossings at ``agency``, oldest crossing first."""
        ...


class HitRepository(Protocol):
    def add_many(self, hits: list[Hit]) -> None: ...
    def get(self, agency: Agency, hit_id: str) -> Hit | None: ...

    def queue(
        self,
        agency: Agency,
        *,
        status: HitStatus | None = HitStatus.OPEN,
        kind: HitKind | None = None,
        ref: str | None = None,
        limit: int = 100,
    ) -> list[Hit]: ...

    def by_arrival(self, agency: Agency, shown: QueueFilter, limit: int) -> list[QueuedHit]:
        """The hits under ``shown`` with their decision's flight, port and arrival,
        soonest arrival first (those without one last), then the strongest."""
        ...

    def for_decision(self, agency: Agency, decision_id: str) -> list[Hit]: ...
    def dispose(self, hit_id: str, disposition: Disposition) -> None: ...

    def counts(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[tuple[str, str, str], int]: ...

    def decisions_with_hits(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[str, list[str]]: ...

    def confirmed(self, agency: Agency, identity_keys: list[str]) -> dict[str, set[str]]: ...
    def add_dismissal(self, dismissal: Dismissal) -> None: ...
    def dismissals(self, agency: Agency, identity_keys: list[str]) -> list[Dismissal]: ...


class MessageRepository(Protocol):
    def find(
        self, agency: Agency, kind: str, sender: str, reference: str, content_hash: str
    ) -> MessageReceipt | None:
        """The receipt of this reference with this content, if it was taken in."""
        ...

    def with_reference(
        self, agency: Agency, kind: str, sender: str, reference: str
    ) -> list[MessageReceipt]:
        """Every receipt of this reference, whatever its content, oldest first."""
        ...

    def add(self, receipt: MessageReceipt) -> None: ...


class IdempotencyRepository(Protocol):
    def get(self, actor: str, scope: str, key: str) -> IdempotencyRecord | None: ...
    def add(self, record: IdempotencyRecord) -> None: ...
    def expire(self, actor: str, before: datetime) -> int:
        """Forget ``actor``'s keys created before ``before``; how many were forgotten."""
        ...


class RuleSetRepository(Protocol):
    def add(self, record: RuleSetRecord) -> None: ...
    def by_version(self, agency: Agency, version: str) -> RuleSetRecord | None: ...
    def active(self, agency: Agency) -> RuleSetRecord | None: ...
    def activate(self, agency: Agency, version: str) -> None: ...
    def list(self, agency: Agency) -> list[RuleSetRecord]: ...


class NexusRepository(Protocol):
    def put_many(self, members: list[NexusMember]) -> None: ...
    def get(self, card_number: str) -> NexusMember | None: ...
    def get_many(self, card_numbers: list[str]) -> dict[str, NexusMember]: ...
    def active_count(self) -> int: ...

    def active_page(self, *, after: str = "", limit: int = 10_000) -> list[RegistryRow]:
        """Active members in card-number order, those after ``after`` (to page through
        them all: re-vetting reads two million), as light rows."""
        ...


class WaitTimeRepository(Protocol):
    def put_many(self, waits: list[LaneWait], recorded_at: datetime) -> None:
        """Store waits, replacing any already held for the same port, lane, source, hour."""
        ...

    def latest(self, port_code: str, at: datetime) -> dict[LaneType, LaneWait]:
        """Per lane, the newest observed or simulated wait at or before ``at``."""
        ...

    def forecast(self, port_code: str, after: datetime, until: datetime) -> list[LaneWait]: ...

    def between(
        self, port_code: str, source: WaitSource, first: datetime, end: datetime
    ) -> list[LaneWait]: ...

    def most_lanes_open(self, port_code: str) -> dict[LaneType, int]: ...


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


class ListFetchRepository(Protocol):
    """Each fetch of a list from its source: begun, then finished with its outcome."""

    def add(self, fetch: ListFetch) -> ListFetch:
        """Record a fetch that begins; it comes back with the store's number."""
        ...

    def finish(self, fetch: ListFetch) -> None:
        """Record how the fetch numbered ``fetch.id`` ended (its outcome and findings)."""
        ...

    def latest(self, limit: int = 50) -> list[ListFetch]:
        """The most recent fetches, newest first."""
        ...


class Unit(Protocol):
    """What every unit of work does, whatever repositories it carries: a context's own
    unit (``waits.service.WaitsUnit``) names only the repositories its service uses."""

    def for_reading(self) -> Self:
        """Mark this unit as read-only: it may run beside writers, and cannot commit."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWork(Unit, Protocol):
    """The store's unit: every repository. The composition root hands it to services,
    which may type it as their context's narrower unit."""

    users: UserRepository
    web_sessions: WebSessionRepository
    ports: PortRepository
    crossings: CrossingRepository
    audit: AuditLog
    decisions: DecisionRepository
    hits: HitRepository
    messages: MessageRepository
    idempotency: IdempotencyRepository
    rule_sets: RuleSetRepository
    nexus: NexusRepository
    applications: ApplicationRepository
    revet_marks: RevetMarkRepository
    centres: CentreRepository
    wait_times: WaitTimeRepository
    outbox: OutboxRepository
    inbox: InboxRepository
    partner_records: PartnerRecordRepository
    manifests: ManifestRepository
    shipments: ShipmentRepository
    traders: TraderRepository
    examinations: ExaminationRepository
    cargo_models: CargoModelRepository
    watchlists: WatchlistRepository
    list_fetches: ListFetchRepository
