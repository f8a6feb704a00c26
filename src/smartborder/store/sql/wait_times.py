"""Waits per port, lane type and hour, in SQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from smartborder.domain import LaneType
from smartborder.domain.waits import CURRENT_SOURCES, LaneWait, WaitSource, newest_by_lane, slot
from smartborder.store.tables.operations import WaitTimeRow

CHUNK = 500


def _to_domain(row: WaitTimeRow) -> LaneWait:
    return LaneWait(
        port_code=row.port_code,
        lane=LaneType(row.lane),
        hour=row.hour,
        delay_minutes=row.delay_minutes,
        source=WaitSource(row.source),
        lanes_open=row.lanes_open,
    )


class SqlWaitTimeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put_many(self, waits: list[LaneWait], recorded_at: datetime) -> None:
        unique = {slot(w): w for w in waits}
        groups: dict[tuple[str, str, str], list[datetime]] = defaultdict(list)
        for key in unique:
            groups[(key[0], str(key[1]), str(key[2]))].append(key[3])
        for (port, lane_name, source_name), hours in groups.items():
            for i in range(0, len(hours), CHUNK):
                self._session.execute(
                    delete(WaitTimeRow).where(
                        WaitTimeRow.port_code == port,
                        WaitTimeRow.lane == lane_name,
                        WaitTimeRow.source == source_name,
                        WaitTimeRow.hour.in_(hours[i : i + CHUNK]),
                    )
                )
        rows = [
            {
                "port_code": w.port_code,
                "lane": str(w.lane),
                "source": str(w.source),
                "hour": w.hour,
                "delay_minutes": float(w.delay_minutes),
                "lanes_open": w.lanes_open,
                "recorded_at": recorded_at,
            }
            for w in unique.values()
        ]
        for i in range(0, len(rows), CHUNK):
            self._session.execute(insert(WaitTimeRow), rows[i : i + CHUNK])

    def latest(self, port_code: str, at: datetime) -> dict[LaneType, LaneWait]:
        found: list[LaneWait] = []
        for lane in LaneType:
            rows = self._session.scalars(
                select(WaitTimeRow)
                .where(
                    WaitTimeRow.port_code == port_code,
                    WaitTimeRow.lane == str(lane),
                    WaitTimeRow.source.in_([str(s) for s in CURRENT_SOURCES]),
                    WaitTimeRow.hour <= at,
                )
                .order_by(WaitTimeRow.hour.desc())
                .limit(2)
            )
            found.extend(_to_domain(r) for r in rows)
        return newest_by_lane(found)

    def forecast(self, port_code: str, after: datetime, until: datetime) -> list[LaneWait]:
        rows = self._session.scalars(
            select(WaitTimeRow)
            .where(
                WaitTimeRow.port_code == port_code,
                WaitTimeRow.source == str(WaitSource.FORECAST),
                WaitTimeRow.hour > after,
                WaitTimeRow.hour <= until,
            )
            .order_by(WaitTimeRow.lane, WaitTimeRow.hour)
        )
        return [_to_domain(r) for r in rows]

    def between(
        self, port_code: str, source: WaitSource, first: datetime, end: datetime
    ) -> list[LaneWait]:
        rows = self._session.scalars(
            select(WaitTimeRow)
            .where(
                WaitTimeRow.port_code == port_code,
                WaitTimeRow.source == str(source),
                WaitTimeRow.hour >= first,
                WaitTimeRow.hour < end,
            )
            .order_by(WaitTimeRow.lane, WaitTimeRow.hour)
        )
        return [_to_domain(r) for r in rows]

    def most_lanes_open(self, port_code: str) -> dict[LaneType, int]:
        rows = self._session.execute(
            select(WaitTimeRow.lane, func.max(WaitTimeRow.lanes_open))
            .where(WaitTimeRow.port_code == port_code)
            .group_by(WaitTimeRow.lane)
        )
        return {LaneType(lane): int(most or 0) for lane, most in rows}
