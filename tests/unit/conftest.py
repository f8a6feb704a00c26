"""Fixtures the services' unit tests share."""

from __future__ import annotations

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role, User


@pytest.fixture
def analyst(memory_container: Container) -> User:
    return ensure_user(
        memory_container.units(),
        name="analyst",
        role=Role.ANALYST,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
