"""Time at the border is always timezone-aware UTC; local time is a display concern."""

from __future__ import annotations

from datetime import UTC, date, datetime

from smartborder.errors import ValidationFailed


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime, *, field: str = "time") -> datetime:
    """The same instant in UTC; a naive datetime is refused, never guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationFailed(f"{field} must carry a timezone (got naive {moment.isoformat()})")
    return moment.astimezone(UTC)


#: The years of the instants and days the node takes in from outside. Wide enough for any
#: record (a birth in 1900, a document valid for decades), and far enough from the ends of
#: ``datetime`` (years 1 and 9999) that converting an offset to UTC, adding a week of
#: forecast or the day after never overflows: outside them those raise OverflowError.
FIRST_YEAR = 1900
LAST_YEAR = 2999


def calendar_problem(moment: date | datetime) -> str | None:
    """Why ``moment`` is outside the years the node takes in, or None when it is inside.

    Checked on the year as written, before any arithmetic: an offset of ±24 h at most
    cannot carry an instant of these years out of ``datetime``'s range.
    """
    if FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return (
        f"{moment.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR} "
        "that this node takes"
    )


def instant_or_none(value: object) -> datetime | None:
    """An instant stored in a record's facts (an ISO text, or a datetime), in UTC; None
    when there is none or it is not one (facts are what a message said)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value.astimezone(UTC)
    return None
