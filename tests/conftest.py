"""Fixtures every tier shares: settings, containers and databases (SQLite always,
PostgreSQL when SMARTBORDER_TEST_POSTGRES_URL names a server)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartborder.bootstrap import Container, bootstrap, bootstrap_memory
from smartborder.config import Settings, load_settings

POSTGRES_URL = os.environ.get("SMARTBORDER_TEST_POSTGRES_URL", "")
TEST_SECRET = "test-secret-that-is-long-enough-for-the-check-0123456789"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's SMARTBORDER_* settings or writes ./var."""
    for name in list(os.environ):
        if name.startswith("SMARTBORDER_") and name != "SMARTBORDER_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def make_settings(database_url: str, **overrides: object) -> Settings:
    return load_settings(
        environment="test", secret_key=TEST_SECRET, database_url=database_url, **overrides
    )


@pytest.fixture
def memory_container() -> Container:
    return bootstrap_memory(make_settings("sqlite://"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'smartborder.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the test server for one test, dropped afterwards.

    Each test gets its own schema (through the connection's search_path) so that tests,
    and several checkouts running CI at once, never see each other's tables.
    """
    if not POSTGRES_URL:
        pytest.skip("SMARTBORDER_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Run a test once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def container(database_url: str) -> Iterator[Container]:
    """A node on a real, migrated database (each backend in turn)."""
    node = bootstrap(make_settings(database_url), upgrade=True)
    yield node
    node.close()
