"""The border's vocabulary: plain dataclasses and enums, no I/O and no framework."""

from smartborder.domain.agencies import Agency, Role
from smartborder.domain.arrivals import Arrival
from smartborder.domain.audit import AuditAction, AuditEntry, AuditEvent
from smartborder.domain.clock import as_utc, utc_now
from smartborder.domain.crossings import CrossingRecord, Direction
from smartborder.domain.decisions import Decision, DecisionKind, Reason, ReasonKind
from smartborder.domain.documents import DocumentType, TravelDocument
from smartborder.domain.goods import CommodityLine, Party, PartyRole, Shipment
from smartborder.domain.ids import new_id
from smartborder.domain.manifests import (
    ExamOutcome,
    Manifest,
    MembershipStatus,
    SelectivityLane,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
)
from smartborder.domain.people import Address, Contact, PersonName, Sex, Traveller, TravellerRole
from smartborder.domain.ports import LaneType, PortOfEntry
from smartborder.domain.transport import (
    Conveyance,
    ConveyanceKind,
    Flight,
    FlightLeg,
    TransportMode,
)
from smartborder.domain.users import User
from smartborder.domain.watchlists import (
    FetchOutcome,
    ListedDocument,
    ListFetch,
    Lookout,
    ScreeningQuery,
    SubjectKind,
    WatchList,
    WatchlistHit,
)

__all__ = [
    "Address",
    "Agency",
    "Arrival",
    "AuditAction",
    "AuditEntry",
    "AuditEvent",
    "CommodityLine",
    "Contact",
    "Conveyance",
    "ConveyanceKind",
    "CrossingRecord",
    "Decision",
    "DecisionKind",
    "Direction",
    "DocumentType",
    "ExamOutcome",
    "FetchOutcome",
    "Flight",
    "FlightLeg",
    "LaneType",
    "ListFetch",
    "ListedDocument",
    "Lookout",
    "Manifest",
    "MembershipStatus",
    "Party",
    "PartyRole",
    "PersonName",
    "PortOfEntry",
    "Reason",
    "ReasonKind",
    "Role",
    "ScreeningQuery",
    "SelectivityLane",
    "Sex",
    "Shipment",
    "SubjectKind",
    "TraderKind",
    "TraderProgramme",
    "TransportMode",
    "TravelDocument",
    "Traveller",
    "TravellerRole",
    "TrustedTrader",
    "User",
    "WatchList",
    "WatchlistHit",
    "as_utc",
    "new_id",
    "utc_now",
]
