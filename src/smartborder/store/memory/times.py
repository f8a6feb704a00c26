"""A time as the database keeps it, for the fakes: ``tables.types.UtcDateTime`` stores the
instant in UTC and refuses a naive datetime, so the in-memory store does the same."""

from __future__ import annotations

from datetime import UTC, datetime


def stored_time(moment: datetime) -> datetime:
    """The instant in UTC; a naive datetime is refused with the SQL column's message."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetimes are not stored; give a timezone")
    return moment.astimezone(UTC)
