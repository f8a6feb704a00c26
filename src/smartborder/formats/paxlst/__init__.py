"""UN/EDIFACT PAXLST: advance passenger information (API) lists of passengers and crew."""

from smartborder.formats.paxlst.generate import counted, generate_paxlst
from smartborder.formats.paxlst.model import (
    ListType,
    PassengerList,
    PaxlstInterchange,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
)
from smartborder.formats.paxlst.parse import parse_paxlst

__all__ = [
    "ListType",
    "PassengerList",
    "PaxlstInterchange",
    "ReportedFlight",
    "ReportedTraveller",
    "ScheduledLeg",
    "counted",
    "generate_paxlst",
    "parse_paxlst",
]
