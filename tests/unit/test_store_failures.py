"""Which database errors are the database's (503, try again) and which are ours (500)."""

import sqlite3

from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from smartborder.errors import StoreUnavailable
from smartborder.store.failures import store_failure


def test_a_full_disk_or_a_lost_server_is_the_store_being_unavailable() -> None:
    full = OperationalError("INSERT ...", {}, sqlite3.OperationalError("database or disk is full"))
    failed = store_failure(full)
    assert isinstance(failed, StoreUnavailable) and failed.http_status == 503
    assert "database or disk is full" in str(failed)


def test_a_broken_constraint_or_statement_is_ours() -> None:
    assert store_failure(IntegrityError("INSERT ...", {}, sqlite3.IntegrityError("UNIQUE"))) is None
    assert store_failure(ProgrammingError("SELEC", {}, sqlite3.ProgrammingError("syntax"))) is None
    assert store_failure(ValueError("not a database error")) is None
