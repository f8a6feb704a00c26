"""Fixtures for two nodes on real databases: each backend in turn, one database per node."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from smartborder.bootstrap import Container, bootstrap
from smartborder.config import load_settings
from tests.conftest import TEST_SECRET
from tests.unit.exchange.support import Side, wire

POSTGRES_URL = os.environ.get("SMARTBORDER_TEST_POSTGRES_URL", "")


def postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def node_urls(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two databases on the backend of ``database_url``: the first is that one."""
    if database_url.startswith("sqlite"):
        yield database_url, f"sqlite:///{tmp_path / 'partner.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield database_url, postgres_schema_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def node_container(url: str, agency: str) -> Container:
    settings = load_settings(
        environment="test", secret_key=TEST_SECRET, database_url=url, agency=agency
    )
    return bootstrap(settings, upgrade=True)


@pytest.fixture
def sql_pair(node_urls: tuple[str, str]) -> Iterator[tuple[Side, Side]]:
    """CBSA and CBP in this process, each on its own real database."""
    cbsa = node_container(node_urls[0], "CBSA")
    cbp = node_container(node_urls[1], "CBP")
    try:
        yield wire(cbsa, cbp)
    finally:
        cbsa.close()
        cbp.close()
