"""Exit records received from the partner: what reconciliation and retention need of them.

They are rows of ``crossings`` (direction ``exit``); reading them one by one goes through
the crossing repository, these are the set-wise questions of the exchange.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from smartborder.domain import Agency, Direction
from smartborder.store.tables.base import CrossingRow

_EXIT = str(Direction.EXIT)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start, start + timedelta(days=1)


class SqlPartnerRecords:
    def __init__(self, session: Session) -> None:
        self._session = session

    def exit_ids(self, agency: Agency, day: date) -> list[str]:
        start, end = day_bounds(day)
        return [
            str(pid)
            for pid in self._session.scalars(
                select(CrossingRow.partner_id).where(
                    CrossingRow.agency == str(agency),
                    CrossingRow.direction == _EXIT,
                    CrossingRow.crossed_at >= start,
                    CrossingRow.crossed_at < end,
                )
            )
        ]

    def exit_days(self, agency: Agency) -> list[date]:
        # The day of each record is computed here rather than in SQL: date functions
        # differ between SQLite and PostgreSQL, and the first and last crossing suffice.
        bounds = self._session.execute(
            select(func.min(CrossingRow.crossed_at), func.max(CrossingRow.crossed_at)).where(
                CrossingRow.agency == str(agency), CrossingRow.direction == _EXIT
            )
        ).one()
        first, last = bounds
        if first is None or last is None:
            return []
        first_day = _as_utc(first).date()
        span = (_as_utc(last).date() - first_day).days
        return [first_day + timedelta(days=n) for n in range(span + 1)]

    def purge_exits(self, agency: Agency, recorded_before: datetime) -> int:
        result = self._session.execute(
            delete(CrossingRow).where(
                CrossingRow.agency == str(agency),
                CrossingRow.direction == _EXIT,
                CrossingRow.recorded_at < recorded_before,
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def _as_utc(value: datetime) -> datetime:
    # Aggregates bypass the column type: SQLite hands back naive text-parsed values.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
