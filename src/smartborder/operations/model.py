"""The port as the simulation sees it: lanes, booths hour by hour, service times, secondary.

Plain frozen dataclasses, checked when built; ``config.py`` builds them from YAML with
documented defaults, the demo and the staffing search build them in code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.errors import ValidationFailed
from smartborder.operations.service_times import ServiceTime

#: The vehicles a land port's primary lanes see.
VEHICLE_CLASSES = (ConveyanceKind.CAR, ConveyanceKind.BUS, ConveyanceKind.TRUCK)


class Credential(StrEnum):
    """What the occupants of a vehicle hold that opens a faster lane to them."""

    NONE = "none"
    READY = "ready"  # RFID-enabled documents (enhanced driver's licence, passport card)
    NEXUS = "nexus"  # every occupant a NEXUS member
    FAST = "fast"  # a FAST driver, carrier and importer


#: The lanes each credential may use, the dedicated lane first. A NEXUS car may use the
#: Ready and general lanes too; a FAST truck the commercial lanes.
ELIGIBLE: Mapping[tuple[ConveyanceKind, Credential], tuple[LaneType, ...]] = {
    (ConveyanceKind.CAR, Credential.NONE): (LaneType.GENERAL,),
    (ConveyanceKind.CAR, Credential.READY): (LaneType.READY, LaneType.GENERAL),
    (ConveyanceKind.CAR, Credential.NEXUS): (LaneType.NEXUS, LaneType.READY, LaneType.GENERAL),
    (ConveyanceKind.BUS, Credential.NONE): (LaneType.GENERAL,),
    (ConveyanceKind.TRUCK, Credential.NONE): (LaneType.COMMERCIAL,),
    (ConveyanceKind.TRUCK, Credential.FAST): (LaneType.FAST, LaneType.COMMERCIAL),
}


def eligible_lanes(kind: ConveyanceKind, credential: Credential) -> tuple[LaneType, ...]:
    try:
        return ELIGIBLE[(kind, credential)]
    except KeyError:
        raise ValidationFailed(f"a {kind} cannot hold the {credential} credential") from None


@dataclass(frozen=True, slots=True)
class Lane:
    """One lane type at the port: its booths open in each hour and its service times."""

    type: LaneType
    booths: tuple[int, ...]  # booths open in each hour of the horizon
    service: Mapping[ConveyanceKind, ServiceTime]

    def __post_init__(self) -> None:
        if not self.booths:
            raise ValidationFailed(f"lane {self.type}: booths needs at least one hour")
        if any(b < 0 or b > 200 for b in self.booths):
            raise ValidationFailed(f"lane {self.type}: booths must be between 0 and 200")

    def open_at(self, hour: int) -> int:
        """Booths open in ``hour``; past the horizon the last hour's booths stay open."""
        return self.booths[min(hour, len(self.booths) - 1)]

    @property
    def officer_hours(self) -> int:
        return sum(self.booths)


@dataclass(frozen=True, slots=True)
class Secondary:
    """Secondary inspection: the share referred from primary and the booths that take them."""

    referral_rate: float = 0.0
    booths: tuple[int, ...] = (1,)
    service: ServiceTime = field(default_factory=lambda: ServiceTime(600.0))

    def __post_init__(self) -> None:
        if not 0 <= self.referral_rate <= 1:
            raise ValidationFailed(
                f"referral_rate must be between 0 and 1 (got {self.referral_rate})"
            )
        if not self.booths or any(b < 0 for b in self.booths):
            raise ValidationFailed("secondary booths must be >= 0, one value per hour")
        if self.referral_rate > 0 and not any(self.booths):
            raise ValidationFailed("vehicles are referred to secondary but no booth is open")


@dataclass(frozen=True, slots=True)
class PortModel:
    """A land port for one day (or any number of hours): lanes and secondary inspection."""

    code: str
    lanes: tuple[Lane, ...]
    secondary: Secondary = field(default_factory=Secondary)
    name: str = ""

    def __post_init__(self) -> None:
        types = [lane.type for lane in self.lanes]
        if not types:
            raise ValidationFailed(f"port {self.code}: at least one lane is needed")
        if len(set(types)) != len(types):
            raise ValidationFailed(f"port {self.code}: each lane type may appear once")

    def lane(self, lane_type: LaneType) -> Lane | None:
        return next((lane for lane in self.lanes if lane.type is lane_type), None)

    @property
    def hours(self) -> int:
        return max(len(lane.booths) for lane in self.lanes)

    @property
    def officer_hours(self) -> int:
        """Primary booth-hours scheduled (one officer per open booth per hour)."""
        return sum(lane.officer_hours for lane in self.lanes)
