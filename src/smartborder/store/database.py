"""Engines and sessions for the embedded SQLite default and for PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from smartborder.errors import ConfigurationError


def _sqlite_file(url: str) -> Path | None:
    path = url.split(":///", 1)[-1] if ":///" in url else ""
    return None if path in ("", ":memory:") or path.startswith("file:") else Path(path)


CONNECT_TIMEOUT = 5  # seconds, PostgreSQL only

#: Execution option of a connection that only reads (see ``SqlUnitOfWork.for_reading``).
READ_ONLY = "smartborder_read_only"


def _json_dumps(value: Any) -> str:
    # Every decision stores its facts, reasons and versions as JSON: orjson (Apache-2.0 /
    # MIT) writes them several times faster than the standard library.
    return orjson.dumps(value, default=str).decode()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine with the settings each backend needs to be safe under concurrency.

    SQLite: WAL (readers never block the writer), foreign keys on, a busy timeout, and
    ``BEGIN IMMEDIATE`` for every transaction. Most of our transactions write (even a read
    of personal data appends to the audit log), and a deferred transaction that read first
    can fail to upgrade to a writer under WAL; taking the write lock at BEGIN avoids that.
    """
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 30},
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy, not the driver, decide where transactions begin.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            # A day's decisions and crossings outgrow SQLite's 2 MB default page cache within
            # the hour; inserts then wait on page reads for their indexes.
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            options = connection.get_execution_options()
            if options.get("isolation_level") == "AUTOCOMMIT":
                return  # each statement its own transaction (the token check's reads)
            read_only = options.get(READ_ONLY, False)
            connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql"):
        # A server half-way through a restart can take a connection and never answer: a
        # request waits CONNECT_TIMEOUT seconds for it at most, then gets a 503.
        timeout = {} if "connect_timeout" in url else {"connect_timeout": CONNECT_TIMEOUT}
        return create_engine(
            url,
            echo=echo,
            connect_args=timeout,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=10,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
        )
    raise ConfigurationError(
        f"unsupported database URL {url.split(':', 1)[0]!r}: use sqlite:///PATH or "
        "postgresql+psycopg://..."
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
