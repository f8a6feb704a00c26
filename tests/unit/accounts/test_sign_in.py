"""Signing in with a password: Argon2id, sessions that end, and an audit of every try."""

from dataclasses import replace
from datetime import timedelta

import pytest

from smartborder.accounts.service import create_user, revoke_user
from smartborder.accounts.sign_in import session_user, set_password, sign_in, sign_out
from smartborder.accounts.tokens import hash_token
from smartborder.bootstrap import Container
from smartborder.domain import Agency, AuditAction, Role
from smartborder.errors import NotAuthenticated, NotFound, ValidationFailed

PASSWORD = "a long and hard password"
IDLE, LONGEST = timedelta(minutes=20), timedelta(hours=12)


@pytest.fixture
def node(memory_container: Container) -> Container:
    create_user(
        memory_container.units(),
        name="ana",
        role=Role.ANALYST,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    set_password(memory_container.units(), agency=Agency.CBSA, name="ana", password=PASSWORD)
    return memory_container


def _sign_in(node: Container, password: str = PASSWORD, agency: Agency = Agency.CBSA) -> str:
    done = sign_in(node.units(), agency=agency, name="ana", password=password, secret=node.secret)
    return done.token


def _user(node: Container, token: str) -> str:
    user, _ = session_user(node.units, token, secret=node.secret, idle=IDLE, longest=LONGEST)
    return user.name


def test_only_the_hash_is_kept_and_it_is_argon2id(node: Container) -> None:
    with node.units() as uow:
        user = uow.users.by_name(Agency.CBSA, "ana")
        assert user is not None
        stored = uow.users.password_hash(user.id)
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_the_right_password_opens_a_session_and_a_wrong_one_is_refused_and_logged(
    node: Container,
) -> None:
    assert _user(node, _sign_in(node)) == "ana"
    for wrong, agency in (("not the password!", Agency.CBSA), (PASSWORD, Agency.CBP)):
        with pytest.raises(NotAuthenticated, match="name or the password"):
            _sign_in(node, wrong, agency)
    with node.units() as uow:
        events = [e.event for e in uow.audit.entries() if e.event.record_type == "web session"]
    assert [(e.action, e.detail["event"]) for e in events] == [
        (AuditAction.LOGIN, "signed in"),
        (AuditAction.REJECT, "refused"),
        (AuditAction.REJECT, "refused"),
    ]
    assert events[0].actor == "CBSA/ana" and events[1].actor == "unverified"


@pytest.mark.parametrize(
    "password", ["short", "x" * 20, "y" * 257], ids=["short", "one letter", "too long"]
)
def test_a_weak_or_huge_password_is_refused_before_it_is_hashed(
    node: Container, password: str
) -> None:
    with pytest.raises(ValidationFailed):
        set_password(node.units(), agency=Agency.CBSA, name="ana", password=password)


def test_a_password_for_nobody_is_not_found(node: Container) -> None:
    with pytest.raises(NotFound):
        set_password(node.units(), agency=Agency.CBSA, name="bob", password=PASSWORD)


@pytest.mark.parametrize(
    ("field", "back"),
    [("last_seen_at", IDLE), ("created_at", LONGEST)],
    ids=["idle for the idle timeout", "signed in longer ago than the longest session"],
)
def test_a_session_ends_when_idle_too_long_or_too_old(
    node: Container, field: str, back: timedelta
) -> None:
    token = _sign_in(node)
    key = hash_token(token, node.secret)  # what the store keeps of the cookie's token
    with node.units() as uow:
        session = uow.web_sessions.get(key)
        assert session is not None
        uow.web_sessions.add(replace(session, **{field: getattr(session, field) - back}))
        uow.commit()
    with pytest.raises(NotAuthenticated, match="not signed in"):
        _user(node, token)


def test_signing_out_a_new_password_or_a_revocation_ends_every_session(node: Container) -> None:
    token = _sign_in(node)
    user, session = session_user(node.units, token, secret=node.secret, idle=IDLE, longest=LONGEST)
    sign_out(node.units(), user, session)
    with pytest.raises(NotAuthenticated):
        _user(node, token)
    token = _sign_in(node)
    set_password(node.units(), agency=Agency.CBSA, name="ana", password=PASSWORD + "!")
    with pytest.raises(NotAuthenticated):
        _user(node, token)
    token = _sign_in(node, PASSWORD + "!")
    revoke_user(node.units(), agency=Agency.CBSA, name="ana")
    with pytest.raises(NotAuthenticated):
        _user(node, token)
    with pytest.raises(NotAuthenticated):
        _sign_in(node, PASSWORD + "!")
