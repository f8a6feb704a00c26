"""Time at the border is always timezone-aware UTC; local time is a display concern."""

from __future__ import annotations

from datetime import UTC, datetime

from smartborder.errors import ValidationFailed


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime, *, field: str = "time") -> datetime:
    """The same instant in UTC; a naive datetime is refused, never guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationFailed(f"{field} must carry a timezone (got naive {moment.isoformat()})")
    return moment.astimezone(UTC)
