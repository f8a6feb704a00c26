"""Advance commercial information: a trip's eManifest, and trusted traders.

A carrier transmits a trip (conveyance, crew, port and time of arrival) with the
shipments it carries before the conveyance reaches the border. Trusted-trader programmes
(CBP's C-TPAT, CBSA's Partners in Protection, and the two agencies' joint FAST for
drivers) vouch for importers, carriers and drivers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import as_utc, utc_now
from smartborder.domain.decisions import Reason
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.goods import Party, Shipment
from smartborder.domain.ids import new_id
from smartborder.domain.transport import Conveyance, TransportMode
from smartborder.errors import ValidationFailed


@dataclass(frozen=True, slots=True)
class Manifest:
    """One trip's eManifest as accepted: the conveyance, its crew and its shipments."""

    trip_number: str  # CBSA's conveyance reference number / CBP's trip number
    mode: TransportMode
    carrier_code: str
    conveyance: Conveyance
    port_code: str
    estimated_arrival: datetime
    shipments: tuple[Shipment, ...]
    crew: tuple[Party, ...] = ()  # role DRIVER (highway) or crew; identifier = FAST card
    loaded_at: datetime | None = None  # marine: loading at the foreign port
    fast: bool = False  # the carrier asks for the FAST lane
    amendment: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "estimated_arrival", as_utc(self.estimated_arrival, field="estimated_arrival")
        )
        if self.loaded_at is not None:
            object.__setattr__(self, "loaded_at", as_utc(self.loaded_at, field="loaded_at"))
        if not self.shipments:
            raise ValidationFailed(f"trip {self.trip_number} carries no shipments")


class TraderProgramme(AnyCaseStrEnum):
    CTPAT = "ctpat"  # CBP: Customs Trade Partnership Against Terrorism
    PIP = "pip"  # CBSA: Partners in Protection
    FAST = "fast"  # Free and Secure Trade: the commercial driver card of both agencies


class TraderKind(AnyCaseStrEnum):
    IMPORTER = "importer"
    CARRIER = "carrier"
    DRIVER = "driver"


class MembershipStatus(AnyCaseStrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class TrustedTrader:
    """A member of a trusted-trader programme, as one agency's registry holds it."""

    agency: Agency
    programme: TraderProgramme
    kind: TraderKind
    identifier: str  # business number, carrier code, FAST card number
    name: str
    country: str | None = None
    status: MembershipStatus = MembershipStatus.ACTIVE
    changed_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)

    @property
    def active(self) -> bool:
        return self.status is MembershipStatus.ACTIVE


class SelectivityLane(AnyCaseStrEnum):
    """The selectivity lanes of a shipment (after ASYCUDA)."""

    RED = "red"  # physical examination
    YELLOW = "yellow"  # documentary check
    GREEN = "green"  # release
    BLUE = "blue"  # release now, post-clearance audit


class ExamOutcome(AnyCaseStrEnum):
    COMPLIANT = "compliant"
    ILLICIT = "illicit"  # a finding: undervaluation, misdescription, prohibited goods...


@dataclass(frozen=True, slots=True)
class ManifestSubmission:
    """One transmission as received: its acknowledgement, and the document if it parsed."""

    agency: Agency
    received_at: datetime
    status: str  # accepted | rejected
    acknowledgement: dict[str, Any]
    submitted_by: str
    trip_number: str | None = None
    amendment: bool = False
    document: dict[str, Any] | None = None
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class ShipmentRecord:
    """A shipment as the node holds it: the goods, where and when, and its lane with reasons."""

    agency: Agency
    submission_id: str
    trip_number: str
    port_code: str
    estimated_arrival: datetime
    shipment: Shipment
    lane: SelectivityLane
    reasons: tuple[Reason, ...] = ()
    risk: float | None = None  # the model's probability that it is illicit
    score: float | None = None  # the ranking score for examination
    model_version: str | None = None
    decided_at: datetime = field(default_factory=utc_now)
    active: bool = True  # False once an amendment withdrew it

    @property
    def id(self) -> str:
        return self.shipment.id


@dataclass(frozen=True, slots=True)
class PortDayPage:
    """Some of a port's day of trips, with the day's totals: a port sees a thousand trucks
    and more a day, too many to read (or show) at once."""

    trips: int  # the day's trips in all
    shipments: int  # the day's active shipments in all
    lanes: dict[str, int]  # the day's shipments per lane
    records: tuple[ShipmentRecord, ...]  # the shipments of the trips asked for


@dataclass(frozen=True, slots=True)
class Examination:
    """A shipment selected for examination on a day, and, once recorded, what was found."""

    agency: Agency
    shipment_id: str
    port_code: str
    day: date
    selected_by: str  # required | targeted | random
    score: float
    selected_at: datetime = field(default_factory=utc_now)
    # The day's capacity the queue was built under: what "over capacity" is measured
    # against when the queue is read again (None for queues built before it was kept).
    capacity: int | None = None
    outcome: ExamOutcome | None = None
    revenue: float | None = None
    findings: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class CargoModelRecord:
    """A trained cargo risk model kept by the node (its JSON document, never pickle)."""

    agency: Agency
    version: str  # the model document's checksum, shortened
    document: str
    trained_on: dict[str, Any]
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
