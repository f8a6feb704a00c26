"""Small port models shared by the operations tests."""

from __future__ import annotations

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.operations.model import Lane, PortModel, Secondary
from smartborder.operations.service_times import Distribution, ServiceTime

CAR = ConveyanceKind.CAR


def single_lane(
    booths: tuple[int, ...], mean: float = 60.0, dist: Distribution = Distribution.EXPONENTIAL
) -> PortModel:
    return PortModel(
        code="T1",
        lanes=(
            Lane(
                LaneType.GENERAL,
                booths,
                {CAR: ServiceTime(mean, dist, 1.0 if dist is Distribution.EXPONENTIAL else 0.5)},
            ),
        ),
    )


def three_lanes(hours: int = 24, referral: float = 0.0) -> PortModel:
    service = ServiceTime(34.0)
    return PortModel(
        code="T3",
        lanes=(
            Lane(LaneType.GENERAL, (3,) * hours, {CAR: service}),
            Lane(LaneType.READY, (2,) * hours, {CAR: service.scaled(0.8)}),
            Lane(LaneType.NEXUS, (1,) * hours, {CAR: service.scaled(0.5)}),
        ),
        secondary=Secondary(referral, (2,) * hours, ServiceTime(600.0)),
    )
