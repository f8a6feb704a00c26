"""The database's own failures, told apart from our bugs.

A PostgreSQL server restarting, a connection cut, a SQLite file on a full disk or locked
past its busy timeout: none is a fault of the request, and each passes. The API answers
them 503 with Retry-After, the CLI with one line; everything else stays an internal error.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from smartborder.errors import StoreUnavailable


def store_failure(exc: BaseException) -> StoreUnavailable | None:
    """``exc`` as ``StoreUnavailable`` when the database failed, else None."""
    if not isinstance(exc, DBAPIError):
        return None
    if not (isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated):
        return None  # a constraint, a bad statement: ours to fix, not the database's
    detail = " ".join(str(exc.orig).split())[:200] if exc.orig is not None else type(exc).__name__
    return StoreUnavailable(
        f"the database could not be reached or could not write ({detail}); "
        "nothing after the last commit was kept: try again once it is back"
    )
