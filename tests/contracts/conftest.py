"""The store's contract: every test here runs on the in-memory fake, on SQLite and on
PostgreSQL, so that a fake the unit tests lean on cannot drift from the real store.

A key or reference the store refuses raises ``Conflict`` on every backend (the SQL unit
turns the driver's IntegrityError into it); times given at ``PACIFIC``'s offset come back
as the same instant in UTC."""

from collections.abc import Iterator
from datetime import timedelta, timezone

import pytest

from smartborder.bootstrap import Container, bootstrap, bootstrap_memory
from tests.conftest import make_settings

PACIFIC = timezone(timedelta(hours=-7))  # an offset other than UTC's


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[Container]:
    """A node on each backend in turn: the fake, then a real migrated database."""
    if request.param == "memory":
        yield bootstrap_memory(make_settings("sqlite://"))
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    node = bootstrap(make_settings(url), upgrade=True)
    yield node
    node.close()
