"""Passwords and browser sessions, kept the same by every backend."""

from datetime import UTC, datetime, timedelta

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role, User
from smartborder.domain.web_sessions import WebSession
from tests.contracts.conftest import PACIFIC

SIGNED_IN = datetime(2026, 7, 3, 9, 0, tzinfo=PACIFIC)


def test_a_password_hash_and_a_session_round_trip_and_end(store: Container) -> None:
    user = User(name="ana", role=Role.ANALYST, agency=Agency.CBSA)
    session = WebSession("c" * 64, user.id, SIGNED_IN, SIGNED_IN)
    with store.units() as uow:
        uow.users.add(user, "d" * 64)
        assert uow.users.password_hash(user.id) is None
        uow.users.set_password(user.id, "$argon2id$v=19$m=65536,t=3,p=4$salt$hash")
        uow.web_sessions.add(session)
        uow.commit()
    later = SIGNED_IN + timedelta(minutes=5)
    with store.units() as uow:
        assert uow.users.get(user.id) == user
        assert uow.users.password_hash(user.id) == "$argon2id$v=19$m=65536,t=3,p=4$salt$hash"
        found = uow.web_sessions.get("c" * 64)
        assert found == session and found.created_at.tzinfo is UTC
        uow.web_sessions.touch("c" * 64, later)
        uow.web_sessions.set_purpose("c" * 64, "targeting")
        uow.commit()
    with store.units() as uow:
        found = uow.web_sessions.get("c" * 64)
        assert found is not None and (found.last_seen_at, found.purpose) == (later, "targeting")
        uow.web_sessions.end_all(user.id, later)
        uow.commit()
    with store.units() as uow:
        ended = uow.web_sessions.get("c" * 64)
        assert ended is not None and ended.ended_at == later
        assert uow.web_sessions.get("e" * 64) is None
