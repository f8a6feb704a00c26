"""Tokens revoked, rotated and expired: refused from the next request on (issue 14)."""

from datetime import timedelta

import pytest

from smartborder.accounts import service
from smartborder.bootstrap import Container
from smartborder.domain import Agency, AuditAction, Role, utc_now
from smartborder.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed


def _officer(container: Container, **options: timedelta) -> service.NewUser:
    return service.create_user(
        container.units(),
        name="officer-9",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=container.secret,
        **options,
    )


def test_a_revoked_token_is_refused_at_the_next_request(memory_container: Container) -> None:
    created = _officer(memory_container)
    assert memory_container.authenticate(created.token).name == "officer-9"
    service.revoke_user(memory_container.units(), agency=Agency.CBSA, name="officer-9")
    with pytest.raises(NotAuthenticated, match="revoked"):
        memory_container.authenticate(created.token)


def test_a_token_expires_after_its_lifetime_with_the_date_said(
    memory_container: Container,
) -> None:
    created = _officer(memory_container, lifetime=timedelta(days=30))
    expires = created.user.token_expires_at
    assert expires is not None
    assert timedelta(days=29) < expires - utc_now() <= timedelta(days=30)
    units, secret = memory_container.units, memory_container.secret
    assert service.authenticate(units(), created.token, secret=secret, now=expires - timedelta(1))
    with pytest.raises(NotAuthenticated) as refused:
        service.authenticate(units(), created.token, secret=secret, now=expires)
    assert str(refused.value) == (
        f"the bearer token expired on {expires:%Y-%m-%d %H:%M} UTC; ask for a new one"
    )


def test_tokens_last_90_days_unless_told(memory_container: Container) -> None:
    expires = _officer(memory_container).user.token_expires_at
    assert expires is not None
    assert timedelta(days=89) < expires - utc_now() <= timedelta(days=90)


def test_a_lifetime_must_be_positive(memory_container: Container) -> None:
    with pytest.raises(ValidationFailed, match="positive"):
        _officer(memory_container, lifetime=timedelta(0))


def test_rotating_refuses_the_old_token_at_once_and_audits(memory_container: Container) -> None:
    old = _officer(memory_container, lifetime=timedelta(days=1))
    assert memory_container.authenticate(old.token)
    new = service.rotate_token(
        memory_container.units(),
        agency=Agency.CBSA,
        name="officer-9",
        secret=memory_container.secret,
        lifetime=timedelta(days=60),
    )
    assert new.token != old.token and new.user.id == old.user.id
    with pytest.raises(NotAuthenticated):
        memory_container.authenticate(old.token)
    user = memory_container.authenticate(new.token)
    assert user.token_expires_at == new.user.token_expires_at
    assert user.token_expires_at is not None
    assert user.token_expires_at - utc_now() > timedelta(days=59)
    with memory_container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.action, last.record_id, last.detail["token"]) == (
        AuditAction.UPDATE,
        old.user.id,
        "rotated",
    )
    assert new.token not in str(last.detail)


def test_a_revoked_or_unknown_user_cannot_be_rotated(memory_container: Container) -> None:
    old = _officer(memory_container)
    service.revoke_user(memory_container.units(), agency=Agency.CBSA, name="officer-9")
    rotate = service.rotate_token
    with pytest.raises(Conflict, match="revoked"):
        rotate(memory_container.units(), agency=Agency.CBSA, name="officer-9", secret="s" * 40)
    with pytest.raises(NotFound):
        rotate(memory_container.units(), agency=Agency.CBP, name="officer-9", secret="s" * 40)
    with pytest.raises(NotAuthenticated):
        memory_container.authenticate(old.token)
