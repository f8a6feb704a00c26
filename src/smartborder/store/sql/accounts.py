"""Users and their token hashes."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from smartborder.domain import Agency, Role, User
from smartborder.domain.web_sessions import WebSession
from smartborder.store.tables.base import UserRow, WebSessionRow


def _to_domain(row: Any) -> User:  # a UserRow, or a row of its _COLUMNS
    return User(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        agency=Agency(row.agency),
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        token_expires_at=row.token_expires_at,
    )


_COLUMNS = (
    UserRow.id,
    UserRow.name,
    UserRow.role,
    UserRow.agency,
    UserRow.created_at,
    UserRow.revoked_at,
    UserRow.token_expires_at,
)


_BY_TOKEN_HASH = select(*_COLUMNS).where(UserRow.token_hash == bindparam("token_hash"))


class SqlTokenLookup:
    """The user a token hash belongs to, read on a connection kept open for it.

    Every API request asks this, on the event loop: a unit of work (a session and its
    repositories) or even a pooled connection costs several times the indexed read
    itself. Each thread keeps one connection in autocommit, so that every read sees
    the latest commit (a token revoked from another process is refused at once) and
    none holds a snapshot or a lock. A connection the database dropped (a restart) is
    replaced and the read tried once more.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Connection] = []

    def __call__(self, token_hash: str) -> User | None:
        for attempt in (1, 2):
            connection = self._connection()
            try:
                row = connection.execute(_BY_TOKEN_HASH, {"token_hash": token_hash}).first()
            except DBAPIError as error:
                self._drop(connection)
                if attempt == 2 or not error.connection_invalidated:
                    raise
                continue
            return None if row is None else _to_domain(row)
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            opened, self._open = self._open, []
        for connection in opened:
            connection.close()

    def _connection(self) -> Connection:
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._local.connection = connection
            with self._lock:
                self._open.append(connection)
        return connection

    def _drop(self, connection: Connection) -> None:
        self._local.connection = None
        with self._lock:
            if connection in self._open:
                self._open.remove(connection)
        connection.invalidate()
        connection.close()


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User, token_hash: str) -> None:
        self._session.add(
            UserRow(
                id=user.id,
                name=user.name,
                role=str(user.role),
                agency=str(user.agency),
                token_hash=token_hash,
                created_at=user.created_at,
                revoked_at=user.revoked_at,
                token_expires_at=user.token_expires_at,
            )
        )
        self._session.flush()

    def by_token_hash(self, token_hash: str) -> User | None:
        # Every API request asks this: columns, not an ORM entity, so that nothing is
        # added to the session's identity map (measured about a third cheaper).
        row = self._session.execute(_BY_TOKEN_HASH, {"token_hash": token_hash}).first()
        return None if row is None else _to_domain(row)

    def get(self, user_id: str) -> User | None:
        row = self._session.get(UserRow, user_id)
        return _to_domain(row) if row else None

    def set_password(self, user_id: str, password_hash: str) -> None:
        self._session.execute(
            update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
        )

    def password_hash(self, user_id: str) -> str | None:
        return self._session.scalar(select(UserRow.password_hash).where(UserRow.id == user_id))

    def by_name(self, agency: Agency, name: str) -> User | None:
        row = self._session.scalars(
            select(UserRow).where(UserRow.agency == str(agency), UserRow.name == name)
        ).first()
        return _to_domain(row) if row else None

    def list(self, agency: Agency | None = None) -> list[User]:
        query = select(UserRow).order_by(UserRow.id)
        if agency is not None:
            query = query.where(UserRow.agency == str(agency))
        return [_to_domain(row) for row in self._session.scalars(query)]

    def revoke(self, user_id: str, at: datetime) -> None:
        self._session.execute(update(UserRow).where(UserRow.id == user_id).values(revoked_at=at))

    def replace_token(self, user_id: str, token_hash: str, expires_at: datetime) -> None:
        self._session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(token_hash=token_hash, token_expires_at=expires_at)
        )


class SqlWebSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, web: WebSession) -> None:
        self._session.add(
            WebSessionRow(
                token_hash=web.token_hash,
                user_id=web.user_id,
                created_at=web.created_at,
                last_seen_at=web.last_seen_at,
                ended_at=web.ended_at,
                purpose=web.purpose,
            )
        )
        self._session.flush()

    def get(self, token_hash: str) -> WebSession | None:
        row = self._session.get(WebSessionRow, token_hash)
        if row is None:
            return None
        return WebSession(
            token_hash=row.token_hash,
            user_id=row.user_id,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            ended_at=row.ended_at,
            purpose=row.purpose,
        )

    def _set(self, token_hash: str, **values: Any) -> None:
        self._session.execute(
            update(WebSessionRow).where(WebSessionRow.token_hash == token_hash).values(**values)
        )

    def touch(self, token_hash: str, at: datetime) -> None:
        self._set(token_hash, last_seen_at=at)

    def set_purpose(self, token_hash: str, purpose: str) -> None:
        self._set(token_hash, purpose=purpose)

    def end(self, token_hash: str, at: datetime) -> None:
        self._set(token_hash, ended_at=at)

    def end_all(self, user_id: str, at: datetime) -> None:
        self._session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.user_id == user_id, WebSessionRow.ended_at.is_(None))
            .values(ended_at=at)
        )
