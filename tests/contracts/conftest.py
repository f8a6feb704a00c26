"""The store's contract: every test here runs on the in-memory fake, on SQLite and on
PostgreSQL, so that a fake the unit tests lean on cannot drift from the real store."""

from collections.abc import Iterator

import pytest

from smartborder.bootstrap import Container, bootstrap, bootstrap_memory
from tests.conftest import make_settings


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
