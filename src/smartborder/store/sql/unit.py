"""The SQLAlchemy unit of work."""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

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
from smartborder.store.database import READ_ONLY
from smartborder.store.sql.accounts import SqlUserRepository, SqlWebSessionRepository
from smartborder.store.sql.applications import (
    SqlApplicationRepository,
    SqlCentreRepository,
    SqlRevetMarkRepository,
)
from smartborder.store.sql.audit import SqlAuditLog
from smartborder.store.sql.crossings import SqlCrossingRepository
from smartborder.store.sql.decisions import SqlDecisionRepository
from smartborder.store.sql.examinations import (
    SqlCargoModelRepository,
    SqlExaminationRepository,
)
from smartborder.store.sql.goods import (
    SqlManifestRepository,
    SqlShipmentRepository,
    SqlTraderRepository,
)
from smartborder.store.sql.hits import SqlHitRepository
from smartborder.store.sql.inbox import SqlInbox
from smartborder.store.sql.intake import (
    SqlIdempotencyRepository,
    SqlMessageRepository,
    SqlNexusRepository,
    SqlRuleSetRepository,
)
from smartborder.store.sql.list_fetches import SqlListFetchRepository
from smartborder.store.sql.outbox import SqlOutbox
from smartborder.store.sql.partner_records import SqlPartnerRecords
from smartborder.store.sql.ports import SqlPortRepository
from smartborder.store.sql.wait_times import SqlWaitTimeRepository
from smartborder.store.sql.watchlists import SqlWatchlistRepository


class SqlUnitOfWork:
    """One transaction. Leaving the ``with`` block without ``commit()`` rolls it back.

    ``writer`` is the embedded SQLite store's in-process lock: every SQLite transaction
    here takes the write lock at BEGIN, and threads that queue on a Python lock are served
    in turn, where SQLite's own busy handler would make them sleep and retry (tens of
    milliseconds at a time, under load). PostgreSQL needs none.
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        writer: AbstractContextManager[Any] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._writer = writer
        self._read_only = False

    def for_reading(self) -> Self:
        """Use this unit only to read: on SQLite it neither waits for nor holds the write
        lock (a plain BEGIN, reading a snapshot under WAL); it cannot commit."""
        self._read_only = True
        return self

    def __enter__(self) -> Self:
        if self._writer is not None and not self._read_only:
            self._writer.__enter__()
        self.session = self._session_factory()
        if self._read_only:
            self.session.connection(execution_options={READ_ONLY: True})
        self.users: UserRepository = SqlUserRepository(self.session)
        self.web_sessions: WebSessionRepository = SqlWebSessionRepository(self.session)
        self.ports: PortRepository = SqlPortRepository(self.session)
        self.crossings: CrossingRepository = SqlCrossingRepository(self.session)
        self.audit: AuditLog = SqlAuditLog(self.session)
        self.decisions: DecisionRepository = SqlDecisionRepository(self.session)
        self.hits: HitRepository = SqlHitRepository(self.session)
        self.messages: MessageRepository = SqlMessageRepository(self.session)
        self.idempotency: IdempotencyRepository = SqlIdempotencyRepository(self.session)
        self.rule_sets: RuleSetRepository = SqlRuleSetRepository(self.session)
        self.nexus: NexusRepository = SqlNexusRepository(self.session)
        self.applications: ApplicationRepository = SqlApplicationRepository(self.session)
        self.revet_marks: RevetMarkRepository = SqlRevetMarkRepository(self.session)
        self.centres: CentreRepository = SqlCentreRepository(self.session)
        self.wait_times: WaitTimeRepository = SqlWaitTimeRepository(self.session)
        self.outbox: OutboxRepository = SqlOutbox(self.session)
        self.inbox: InboxRepository = SqlInbox(self.session)
        self.partner_records: PartnerRecordRepository = SqlPartnerRecords(self.session)
        self.manifests: ManifestRepository = SqlManifestRepository(self.session)
        self.shipments: ShipmentRepository = SqlShipmentRepository(self.session)
        self.traders: TraderRepository = SqlTraderRepository(self.session)
        self.examinations: ExaminationRepository = SqlExaminationRepository(self.session)
        self.cargo_models: CargoModelRepository = SqlCargoModelRepository(self.session)
        self.watchlists: WatchlistRepository = SqlWatchlistRepository(self.session)
        self.list_fetches: ListFetchRepository = SqlListFetchRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            if self._writer is not None and not self._read_only:
                self._writer.__exit__(None, None, None)
        if isinstance(exc, IntegrityError):
            # A key or a reference the store already holds (or lacks): the same Conflict
            # the in-memory store raises, not the driver's error (tests/contracts).
            raise Conflict(f"the store refused the change: {_first_line(exc.orig)}") from exc

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a unit of work opened for reading cannot commit")
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def _first_line(error: BaseException | None) -> str:
    """The driver's message, first line only: it names the constraint, not the values."""
    return str(error).strip().splitlines()[0][:200] if error is not None else "a constraint"
