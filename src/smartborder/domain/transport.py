"""Conveyances and flights: how travellers and goods reach the border."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smartborder.domain.clock import as_utc
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.errors import ValidationFailed


class ConveyanceKind(AnyCaseStrEnum):
    TRUCK = "truck"
    CAR = "car"
    BUS = "bus"
    RAIL = "rail"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    PEDESTRIAN = "pedestrian"


class TransportMode(AnyCaseStrEnum):
    """The eManifest modes."""

    HIGHWAY = "highway"
    RAIL = "rail"
    AIR = "air"
    MARINE = "marine"


@dataclass(frozen=True, slots=True)
class Conveyance:
    """A vehicle: a plate (with its jurisdiction), a VIN, a vessel's IMO number, a tail."""

    kind: ConveyanceKind
    identifier: str
    jurisdiction: str | None = None  # plate issuer: "WA", "BC", or a country


@dataclass(frozen=True, slots=True)
class FlightLeg:
    departure_airport: str  # IATA
    arrival_airport: str
    departure_time: datetime | None = None
    arrival_time: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("departure_time", "arrival_time"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_utc(value, field=name))
        if self.departure_time and self.arrival_time and self.arrival_time < self.departure_time:
            raise ValidationFailed("a flight leg cannot arrive before it departs")


@dataclass(frozen=True, slots=True)
class Flight:
    carrier: str  # IATA airline designator
    number: str
    legs: tuple[FlightLeg, ...] = ()

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"

    @property
    def origin(self) -> str | None:
        return self.legs[0].departure_airport if self.legs else None

    @property
    def destination(self) -> str | None:
        return self.legs[-1].arrival_airport if self.legs else None
