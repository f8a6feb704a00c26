"""An arrival: one traveller presenting at a port, by air or by land."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import as_utc
from smartborder.domain.ids import new_id
from smartborder.domain.people import Traveller
from smartborder.domain.ports import LaneType
from smartborder.domain.transport import Conveyance, Flight, TransportMode


@dataclass(frozen=True, slots=True)
class Arrival:
    agency: Agency
    port_code: str
    traveller: Traveller
    arrived_at: datetime
    mode: TransportMode
    lane: LaneType = LaneType.GENERAL
    conveyance: Conveyance | None = None
    flight: Flight | None = None
    booking_reference: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "arrived_at", as_utc(self.arrived_at, field="arrived_at"))
