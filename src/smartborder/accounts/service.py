"""Create, list, revoke and authenticate users."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from smartborder.accounts.tokens import hash_token, new_token
from smartborder.accounts.unit import AccountsUnit
from smartborder.domain import Agency, AuditAction, AuditEvent, Role, User, utc_now
from smartborder.domain.users import user_name_problem
from smartborder.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

SYSTEM_ACTOR = "system/cli"

#: How long a token is accepted when the caller does not say (the setting's default).
DEFAULT_TOKEN_LIFETIME = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class NewUser:
    user: User
    token: str  # shown once; only its hash is kept


def administered(agency: Agency, user_id: str, **changed: str) -> AuditEvent:
    """The audit entry of a change to a user's account made by the operator."""
    detail: dict[str, str | list[str]] = dict(changed)
    return AuditEvent(
        actor=SYSTEM_ACTOR,
        agency=str(agency),
        action=AuditAction.UPDATE,
        purpose="user administration",
        record_type="user",
        record_id=user_id,
        detail=detail,
    )


def _check_lifetime(lifetime: timedelta) -> None:
    if lifetime <= timedelta(0):
        raise ValidationFailed("a token's lifetime must be positive")


def create_user(
    uow: AccountsUnit,
    *,
    name: str,
    role: Role,
    agency: Agency,
    secret: str,
    lifetime: timedelta = DEFAULT_TOKEN_LIFETIME,
) -> NewUser:
    name = name.strip()
    problem = user_name_problem(name)
    if problem is not None:
        raise ValidationFailed(problem)
    _check_lifetime(lifetime)
    with uow:
        if uow.users.by_name(agency, name) is not None:
            raise Conflict(f"a user named {name!r} already exists in {agency}")
        now = utc_now()
        expires = now + lifetime
        user = User(name=name, role=role, agency=agency, created_at=now, token_expires_at=expires)
        token = new_token()
        uow.users.add(user, hash_token(token, secret))
        uow.audit.append(
            AuditEvent(
                actor=SYSTEM_ACTOR,
                agency=str(agency),
                action=AuditAction.CREATE,
                purpose="user administration",
                record_type="user",
                record_id=user.id,
                detail={
                    "name": name,
                    "role": str(role),
                    "token_expires_at": expires.isoformat(),
                },
            )
        )
        uow.commit()
    return NewUser(user=user, token=token)


def ensure_user(uow: AccountsUnit, *, name: str, role: Role, agency: Agency, secret: str) -> User:
    """The user of that name, created (with a token nobody sees) if it does not exist yet."""
    with uow:
        existing = uow.users.by_name(agency, name)
    if existing is not None:
        return existing
    return create_user(uow, name=name, role=role, agency=agency, secret=secret).user


def revoke_user(uow: AccountsUnit, *, agency: Agency, name: str) -> User:
    with uow:
        user = uow.users.by_name(agency, name)
        if user is None:
            raise NotFound(f"no user named {name!r} in {agency}")
        uow.users.revoke(user.id, utc_now())
        uow.web_sessions.end_all(user.id, utc_now())
        uow.audit.append(administered(agency, user.id, revoked="true"))
        uow.commit()
        return user


def rotate_token(
    uow: AccountsUnit,
    *,
    agency: Agency,
    name: str,
    secret: str,
    lifetime: timedelta = DEFAULT_TOKEN_LIFETIME,
) -> NewUser:
    """A new token for the user; the old one is refused from the next request on.

    A revoked user stays revoked: rotating is for a token that leaked or expires, not a
    way round a revocation (create a new user for that).
    """
    _check_lifetime(lifetime)
    with uow:
        user = uow.users.by_name(agency, name)
        if user is None:
            raise NotFound(f"no user named {name!r} in {agency}")
        if not user.active:
            raise Conflict(f"{name!r} in {agency} is revoked; create a new user instead")
        token = new_token()
        expires = utc_now() + lifetime
        uow.users.replace_token(user.id, hash_token(token, secret), expires)
        uow.audit.append(
            administered(agency, user.id, token="rotated", token_expires_at=expires.isoformat())
        )
        uow.commit()
    return NewUser(user=replace(user, token_expires_at=expires), token=token)


def list_users(uow: AccountsUnit, agency: Agency | None = None) -> list[User]:
    with uow:
        return uow.users.list(agency)


def authenticate(
    uow: AccountsUnit, token: str, *, secret: str, now: datetime | None = None
) -> User:
    """The active user a bearer token belongs to, while the token has not expired."""
    with uow.for_reading():
        user = uow.users.by_token_hash(hash_token(token, secret))
    return _admitted(user, now or utc_now())


def _admitted(user: User | None, now: datetime) -> User:
    if user is None or not user.active:
        raise NotAuthenticated("the bearer token is unknown or revoked")
    if user.token_expired(now):
        assert user.token_expires_at is not None
        raise NotAuthenticated(
            f"the bearer token expired on {user.token_expires_at:%Y-%m-%d %H:%M} UTC; "
            "ask for a new one"
        )
    return user


#: The user a token hash belongs to, read straight from the store (see ``Authenticator``).
TokenLookup = Callable[[str], User | None]


class Authenticator:
    """Bearer tokens checked against the store on every request.

    No cache: a token revoked or rotated (by ``smartborder users``, another process) is
    refused from the next request on, as the help says. The check is one indexed read;
    given a ``lookup`` (the SQL store gives one: a connection kept for it) it is made
    without a unit of work, whose session and repositories would cost several times the
    read itself on every request.
    """

    def __init__(
        self, units: Callable[[], AccountsUnit], secret: str, *, lookup: TokenLookup | None = None
    ) -> None:
        self._uow = units
        self._secret = secret
        self._lookup = lookup

    def __call__(self, token: str) -> User:
        if self._lookup is None:
            return authenticate(self._uow(), token, secret=self._secret)
        return _admitted(self._lookup(hash_token(token, self._secret)), utc_now())
