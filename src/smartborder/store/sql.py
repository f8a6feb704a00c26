"""The SQLAlchemy unit of work."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from smartborder.store.audit import SqlAuditLog
from smartborder.store.crossings import SqlCrossingRepository
from smartborder.store.ports import SqlPortRepository
from smartborder.store.uow import (
    AuditLog,
    CrossingRepository,
    PortRepository,
    UserRepository,
    WatchlistRepository,
)
from smartborder.store.users import SqlUserRepository
from smartborder.store.watchlists import SqlWatchlistRepository


class SqlUnitOfWork:
    """One transaction. Leaving the ``with`` block without ``commit()`` rolls it back."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.users: UserRepository = SqlUserRepository(self.session)
        self.ports: PortRepository = SqlPortRepository(self.session)
        self.crossings: CrossingRepository = SqlCrossingRepository(self.session)
        self.audit: AuditLog = SqlAuditLog(self.session)
        self.watchlists: WatchlistRepository = SqlWatchlistRepository(self.session)
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

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
