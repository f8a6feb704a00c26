"""A flight's legs from the LOC/DTM groups that follow its TDT.

LOC+125 is a departure airport, LOC+87 an arrival airport; a multi-leg message names
each stop in between with LOC+92, which ends one leg and starts the next. DTM+189 is
the departure time at the airport just named, DTM+232 the arrival time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smartborder.formats.paxlst.model import ScheduledLeg

DEPARTS = frozenset({"125", "92"})
ARRIVES = frozenset({"87", "92"})


@dataclass
class Stop:
    qualifier: str
    airport: str
    departure: datetime | None = None
    arrival: datetime | None = None


def legs_of(stops: list[Stop]) -> tuple[ScheduledLeg, ...]:
    """Each stop that can be left, paired with the next stop that can be reached."""
    legs: list[ScheduledLeg] = []
    for here, there in zip(stops, stops[1:], strict=False):
        if here.qualifier in DEPARTS and there.qualifier in ARRIVES:
            legs.append(ScheduledLeg(here.airport, there.airport, here.departure, there.arrival))
    if len(stops) == 1 and not legs:
        only = stops[0]
        # A list that names only one end of the flight still says something.
        if only.qualifier in DEPARTS:
            legs.append(ScheduledLeg(only.airport, "", only.departure, None))
        else:
            legs.append(ScheduledLeg("", only.airport, None, only.arrival))
    return tuple(legs)
