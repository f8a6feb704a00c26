"""Waits per port, lane type and hour, in memory."""

from __future__ import annotations

from datetime import datetime

from smartborder.domain import LaneType
from smartborder.domain.waits import (
    CURRENT_SOURCES,
    LaneWait,
    Slot,
    WaitSource,
    newest_by_lane,
    slot,
)
from smartborder.store.memory.times import stored_time


class MemoryWaitTimeRepository:
    def __init__(self, rows: dict[Slot, LaneWait]) -> None:
        self._rows = rows

    def put_many(self, waits: list[LaneWait], recorded_at: datetime) -> None:
        if waits:
            stored_time(recorded_at)  # a naive time refused, as by the SQL column
        for wait in waits:
            self._rows[slot(wait)] = wait

    def latest(self, port_code: str, at: datetime) -> dict[LaneType, LaneWait]:
        return newest_by_lane(
            [
                w
                for w in self._rows.values()
                if w.port_code == port_code and w.source in CURRENT_SOURCES and w.hour <= at
            ]
        )

    def forecast(self, port_code: str, after: datetime, until: datetime) -> list[LaneWait]:
        found = [
            w
            for w in self._rows.values()
            if w.port_code == port_code
            and w.source is WaitSource.FORECAST
            and after < w.hour <= until
        ]
        return sorted(found, key=lambda w: (str(w.lane), w.hour))

    def between(
        self, port_code: str, source: WaitSource, first: datetime, end: datetime
    ) -> list[LaneWait]:
        found = [
            w
            for w in self._rows.values()
            if w.port_code == port_code and w.source is source and first <= w.hour < end
        ]
        return sorted(found, key=lambda w: (str(w.lane), w.hour))

    def most_lanes_open(self, port_code: str) -> dict[LaneType, int]:
        most: dict[LaneType, int] = {}
        for w in self._rows.values():
            if w.port_code == port_code:
                most[w.lane] = max(most.get(w.lane, 0), w.lanes_open or 0)
        return most
