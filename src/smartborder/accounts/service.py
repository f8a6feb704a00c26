"""Create, list, revoke and authenticate users."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from smartborder.accounts.tokens import hash_token, new_token
from smartborder.accounts.unit import AccountsUnit
from smartborder.domain import Agency, AuditAction, AuditEvent, Role, User, utc_now
from smartborder.domain.users import user_name_problem
from smartborder.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

SYSTEM_ACTOR = "system/cli"


@dataclass(frozen=True, slots=True)
class NewUser:
    user: User
    token: str  # shown once; only its hash is kept


def create_user(
    uow: AccountsUnit, *, name: str, role: Role, agency: Agency, secret: str
) -> NewUser:
    name = name.strip()
    problem = user_name_problem(name)
    if problem is not None:
        raise ValidationFailed(problem)
    with uow:
        if uow.users.by_name(agency, name) is not None:
            raise Conflict(f"a user named {name!r} already exists in {agency}")
        user = User(name=name, role=role, agency=agency)
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
                detail={"name": name, "role": str(role)},
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
        uow.audit.append(
            AuditEvent(
                actor=SYSTEM_ACTOR,
                agency=str(agency),
                action=AuditAction.UPDATE,
                purpose="user administration",
                record_type="user",
                record_id=user.id,
                detail={"revoked": "true"},
            )
        )
        uow.commit()
        return user


def list_users(uow: AccountsUnit, agency: Agency | None = None) -> list[User]:
    with uow:
        return uow.users.list(agency)


def authenticate(uow: AccountsUnit, token: str, *, secret: str) -> User:
    """The active user a bearer token belongs to."""
    with uow.for_reading():
        user = uow.users.by_token_hash(hash_token(token, secret))
    if user is None or not user.active:
        raise NotAuthenticated("the bearer token is unknown or revoked")
    return user


class Authenticator:
    """Bearer tokens checked against the store, remembered for a few seconds.

    Every API call carries a token; looking each one up would cost a transaction per
    request. A revoked token stops working within ``ttl`` seconds.
    """

    def __init__(self, units: Callable[[], AccountsUnit], secret: str, ttl: float = 5.0) -> None:
        self._uow = units
        self._secret = secret
        self._ttl = ttl
        self._lock = threading.Lock()
        self._known: dict[str, tuple[float, User]] = {}

    def __call__(self, token: str) -> User:
        now = time.monotonic()
        with self._lock:
            known = self._known.get(token)
            if known is not None and now - known[0] < self._ttl:
                return known[1]
        user = authenticate(self._uow(), token, secret=self._secret)
        with self._lock:
            if len(self._known) > 10_000:
                self._known.clear()
            self._known[token] = (now, user)
        return user
