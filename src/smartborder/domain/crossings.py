"""Crossing records: the entry recorded by one country, the exit record the other receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import as_utc, utc_now
from smartborder.domain.documents import TravelDocument
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.ids import new_id
from smartborder.domain.people import PersonName, Sex
from smartborder.domain.ports import LaneType


class Direction(AnyCaseStrEnum):
    ENTRY = "entry"  # recorded by this agency at its own port
    EXIT = "exit"  # received from the partner: their entry is our exit


@dataclass(frozen=True, slots=True)
class CrossingRecord:
    agency: Agency  # whose record this is
    direction: Direction
    name: PersonName
    birth_date: date | None
    nationality: str | None
    sex: Sex
    document: TravelDocument | None
    port_code: str
    crossed_at: datetime
    lane: LaneType | None = None
    partner_id: str | None = None  # the partner's id for a received exit record
    recorded_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "crossed_at", as_utc(self.crossed_at, field="crossed_at"))
        object.__setattr__(self, "recorded_at", as_utc(self.recorded_at, field="recorded_at"))
