"""Alembic environment: runs on the engine that ``smartborder.store.migrate`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

# Importing each table module registers its tables in Base.metadata, which Alembic
# compares migrations against.
from smartborder.store.tables import (  # noqa: F401
    clearance,
    exchange,
    goods,
    lists,
    operations,
    programmes,
)
from smartborder.store.tables.base import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only reachable from the alembic CLI
    raise RuntimeError("run migrations with `smartborder db upgrade`")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
