"""Signing in to the web console: passwords (Argon2id) and browser sessions.

A user of the API holds a bearer token; a person at a browser signs in with the same
account's name and a password (``smartborder users password NAME``), and the browser
gets a session cookie. Only hashes are stored: the password's Argon2id hash
(argon2-cffi, the reference implementation's bindings, with its default parameters, the
RFC 9106 "second recommended" choice), and the session token's keyed hash, as for API
tokens. A session ends at sign-out, after ``idle`` without a request, and after
``longest`` whatever happens; a new password or a revocation ends every session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from smartborder.accounts.service import administered
from smartborder.accounts.tokens import hash_token, new_token
from smartborder.accounts.unit import AccountsUnit
from smartborder.domain import Agency, AuditAction, AuditEvent, User, utc_now
from smartborder.domain.audit import stated_purpose
from smartborder.domain.web_sessions import WebSession
from smartborder.errors import NotAuthenticated, NotFound, ValidationFailed

MIN_PASSWORD = 12  # NIST SP 800-63B asks for at least 8; a border console, more
#: Checked before hashing: Argon2 of a megabyte of "password" is work an attacker chooses.
MAX_PASSWORD = 256
#: A session's token is written to the store at most this often (not on every page).
TOUCH_EVERY = timedelta(seconds=30)

_hasher = PasswordHasher()
# Verified when the name is unknown, so that an unknown name takes as long as a wrong
# password and the answer does not tell which names exist.
_DUMMY = _hasher.hash("not anyone's password, only to spend the same time")


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"a password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"a password must have at most {MAX_PASSWORD} characters"
    if len(set(password)) < 4:
        return "a password needs more than three different characters"
    return None


def set_password(uow: AccountsUnit, *, agency: Agency, name: str, password: str) -> User:
    """Give the user a (new) password; every session they have open ends."""
    problem = password_problem(password)
    if problem is not None:
        raise ValidationFailed(problem)
    hashed = _hasher.hash(password)
    with uow:
        user = uow.users.by_name(agency, name)
        if user is None:
            raise NotFound(f"no user named {name!r} in {agency}")
        uow.users.set_password(user.id, hashed)
        uow.web_sessions.end_all(user.id, utc_now())
        uow.audit.append(administered(agency, user.id, password="set"))
        uow.commit()
    return user


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    token: str  # the cookie's value; only its keyed hash is stored
    session: WebSession


def sign_in(
    uow: AccountsUnit, *, agency: Agency, name: str, password: str, secret: str
) -> SignedIn:
    """A new session for the user, when the password is theirs; audited either way."""
    now = utc_now()
    with uow:
        user = uow.users.by_name(agency, name.strip()) if len(name) <= 200 else None
        hashed = uow.users.password_hash(user.id) if user is not None else None
        if not _verified(hashed, password) or user is None or not user.active:
            uow.audit.append(_event(agency, "unverified", "refused", {"name": name[:200]}))
            uow.commit()
            raise NotAuthenticated("the name or the password is not right")
        if hashed is not None and _hasher.check_needs_rehash(hashed):
            uow.users.set_password(user.id, _hasher.hash(password))
        token = new_token()
        session = WebSession(hash_token(token, secret), user.id, now, now)
        uow.web_sessions.add(session)
        uow.audit.append(_event(agency, user.actor, "signed in", {}, user.id))
        uow.commit()
    return SignedIn(user, token, session)


def _verified(hashed: str | None, password: str) -> bool:
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return _hasher.verify(hashed or _DUMMY, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def session_user(
    units: Callable[[], AccountsUnit],
    token: str,
    *,
    secret: str,
    idle: timedelta,
    longest: timedelta,
) -> tuple[User, WebSession]:
    """The signed-in user of a cookie's token, their session kept alive; or
    ``NotAuthenticated`` (unknown, signed out, idle too long, too old, user revoked).

    Every console page asks this: read without the store's write lock, and written only
    every ``TOUCH_EVERY``.
    """
    now = utc_now()
    key = hash_token(token, secret)
    with units().for_reading() as reading:
        session = reading.web_sessions.get(key)
        if session is None or not session.live(now, idle, longest):
            raise NotAuthenticated("not signed in, or signed out after a time without use")
        user = reading.users.get(session.user_id)
    if user is None or not user.active:
        raise NotAuthenticated("this account can no longer sign in")
    if now - session.last_seen_at >= TOUCH_EVERY:
        with units() as uow:
            uow.web_sessions.touch(key, now)
            uow.commit()
    return user, session


def state_purpose(uow: AccountsUnit, session: WebSession, purpose: str) -> str:
    """Why the person in this session reads personal data (checked as the API checks it)."""
    purpose = stated_purpose(purpose)
    with uow:
        uow.web_sessions.set_purpose(session.token_hash, purpose)
        uow.commit()
    return purpose


def sign_out(uow: AccountsUnit, user: User, session: WebSession) -> None:
    with uow:
        uow.web_sessions.end(session.token_hash, utc_now())
        uow.audit.append(_event(user.agency, user.actor, "signed out", {}, user.id))
        uow.commit()


def _event(
    agency: Agency, actor: str, what: str, detail: dict[str, str], user_id: str | None = None
) -> AuditEvent:
    return AuditEvent(
        actor=actor,
        agency=str(agency),
        action=AuditAction.REJECT if what == "refused" else AuditAction.LOGIN,
        purpose="web console sign-in",
        record_type="web session",
        record_id=user_id,
        detail={"event": what, **detail},
    )
