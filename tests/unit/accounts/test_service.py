"""Users and tokens, against the in-memory store."""

import pytest

from smartborder.accounts import service
from smartborder.accounts.tokens import hash_token
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from smartborder.errors import Conflict, NotAuthenticated
from smartborder.store.memory.unit import MemoryUnitOfWork


def test_a_token_authenticates_its_user_and_only_its_hash_is_kept(
    memory_container: Container,
) -> None:
    created = service.create_user(
        memory_container.units(),
        name="officer-1",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    user = service.authenticate(
        memory_container.units(), created.token, secret=memory_container.secret
    )
    assert (user.name, user.role, user.agency) == ("officer-1", Role.OFFICER, Agency.CBSA)

    uow = memory_container.units()
    assert isinstance(uow, MemoryUnitOfWork)
    stored = [h for _, h in uow.state.users.values()]
    assert created.token not in stored
    assert stored == [hash_token(created.token, memory_container.secret)]


def test_unknown_and_revoked_tokens_are_refused(memory_container: Container) -> None:
    created = service.create_user(
        memory_container.units(),
        name="analyst-1",
        role=Role.ANALYST,
        agency=Agency.CBP,
        secret=memory_container.secret,
    )
    with pytest.raises(NotAuthenticated):
        service.authenticate(memory_container.units(), "sbt_guess", secret=memory_container.secret)
    service.revoke_user(memory_container.units(), agency=Agency.CBP, name="analyst-1")
    with pytest.raises(NotAuthenticated):
        service.authenticate(
            memory_container.units(), created.token, secret=memory_container.secret
        )


def test_a_token_hashed_under_another_secret_does_not_authenticate(
    memory_container: Container,
) -> None:
    created = service.create_user(
        memory_container.units(),
        name="officer-2",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    with pytest.raises(NotAuthenticated):
        service.authenticate(memory_container.units(), created.token, secret="another-secret")


def test_names_are_unique_within_an_agency_not_across(memory_container: Container) -> None:
    for agency in (Agency.CBSA, Agency.CBP):
        service.create_user(
            memory_container.units(),
            name="supervisor",
            role=Role.SUPERVISOR,
            agency=agency,
            secret=memory_container.secret,
        )
    with pytest.raises(Conflict):
        service.create_user(
            memory_container.units(),
            name="supervisor",
            role=Role.ADMIN,
            agency=Agency.CBSA,
            secret=memory_container.secret,
        )


def test_creating_a_user_is_audited(memory_container: Container) -> None:
    created = service.create_user(
        memory_container.units(),
        name="admin",
        role=Role.ADMIN,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    with memory_container.units() as uow:
        entries = list(uow.audit.entries())
    assert [(e.event.record_type, e.event.record_id) for e in entries] == [
        ("user", created.user.id)
    ]
