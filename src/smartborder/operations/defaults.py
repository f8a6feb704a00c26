"""Default service times and traveller mix, each with where it comes from.

Published figures are cited; where we found none the value is our assumption and says so:
a port that knows its own times should put them in its YAML configuration instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.operations.model import Credential
from smartborder.operations.service_times import Distribution, ServiceTime

CAR, BUS, TRUCK = ConveyanceKind.CAR, ConveyanceKind.BUS, ConveyanceKind.TRUCK

#: Primary inspection of a car in a general lane. Source: Villegas et al. (2006), El Paso
#: land ports, mean primary inspection time of passenger vehicles about 34 s.
CAR_GENERAL_SECONDS = 34.0
#: Ready lanes (RFID documents read as the car approaches) are about 20% faster.
#: Source: CBP's Ready Lane evaluations as cited in issue 8 of this project.
READY_FACTOR = 0.8
#: NEXUS: every occupant pre-vetted, cards read by RFID. Assumption: half the general
#: time; no published mean was found.
NEXUS_FACTOR = 0.5
#: A bus: every passenger is seen. Assumption: 10 minutes.
BUS_SECONDS = 600.0
#: A truck at commercial primary (eManifest already received). Assumption: 2 minutes.
TRUCK_COMMERCIAL_SECONDS = 120.0
#: A FAST truck: pre-approved driver, carrier and importer. Assumption: 1 minute.
TRUCK_FAST_SECONDS = 60.0
#: Spread of booth times. Assumption: lognormal, coefficient of variation 0.6 (most cars
#: quick, a few long); M/M/c checks use the exponential (cv 1).
CV = 0.6
#: Secondary inspection of a referred vehicle. Assumption: 10 minutes on average, cv 0.8.
SECONDARY = ServiceTime(600.0, Distribution.LOGNORMAL, 0.8)
#: Share of vehicles referred to secondary. Placeholder until the clearance engine's
#: decisions supply the real rate: an assumption of 3%.
REFERRAL_RATE = 0.03
#: Lane choice: drivers leave their dedicated lane only for a gain of this many seconds.
SWITCH_MARGIN_SECONDS = 60.0


def _car(seconds: float) -> ServiceTime:
    return ServiceTime(seconds, Distribution.LOGNORMAL, CV)


SERVICE: Mapping[LaneType, Mapping[ConveyanceKind, ServiceTime]] = {
    LaneType.GENERAL: {CAR: _car(CAR_GENERAL_SECONDS), BUS: _car(BUS_SECONDS)},
    LaneType.READY: {CAR: _car(CAR_GENERAL_SECONDS * READY_FACTOR)},
    LaneType.NEXUS: {CAR: _car(CAR_GENERAL_SECONDS * NEXUS_FACTOR)},
    LaneType.COMMERCIAL: {TRUCK: _car(TRUCK_COMMERCIAL_SECONDS)},
    LaneType.FAST: {TRUCK: _car(TRUCK_FAST_SECONDS)},
}

#: Share of each class holding a credential: the demo's synthetic mix for a busy Pacific
#: crossing (a fifth of cars NEXUS, a third Ready, a third of trucks FAST). Illustrative.
CREDENTIAL_SHARES: Mapping[ConveyanceKind, Mapping[Credential, float]] = {
    CAR: {Credential.NEXUS: 0.20, Credential.READY: 0.32},
    TRUCK: {Credential.FAST: 0.35},
}
