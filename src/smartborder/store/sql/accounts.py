"""Users and their token hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from smartborder.domain import Agency, Role, User
from smartborder.store.tables.base import UserRow


def _to_domain(row: UserRow) -> User:
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
        row = self._session.execute(
            select(*_COLUMNS).where(UserRow.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        return User(
            id=row.id,
            name=row.name,
            role=Role(row.role),
            agency=Agency(row.agency),
            created_at=row.created_at,
            revoked_at=row.revoked_at,
            token_expires_at=row.token_expires_at,
        )

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
