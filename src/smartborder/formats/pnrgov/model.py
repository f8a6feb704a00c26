"""What a PNRGOV message says about each booking (PNR), in the domain's words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from smartborder.domain import Address, Contact, PersonName, Traveller
from smartborder.formats.findings import Finding


@dataclass(frozen=True, slots=True)
class BookedFlight:
    """A flight segment (TVL): times are local to each airport, as the message gives them."""

    carrier: str
    number: str
    departure_airport: str
    arrival_airport: str
    departure_time: datetime | None = None
    arrival_time: datetime | None = None
    booking_class: str | None = None
    status: str | None = None  # RPI: HK confirmed, WL waitlisted...
    operating_carrier: str | None = None

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


@dataclass(frozen=True, slots=True)
class Ticket:
    number: str
    document_type: str | None = None  # T ticket, Y EMD...
    issued: date | None = None
    total: str | None = None  # MON total with its currency, e.g. "1250.00 CAD"


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment. ``card_number`` keeps only the last four digits: never more."""

    type: str  # CC card, CA cash, MS miscellaneous, CK cheque...
    card_vendor: str | None = None  # VI, CA, AX...
    card_number: str | None = None  # masked: "XXXXXXXXXXXX1111"
    card_expiry: str | None = None  # MMYY
    amount: str | None = None
    cardholder: str | None = None


@dataclass(frozen=True, slots=True)
class SeatAssignment:
    seat: str
    flight: str | None = None  # the flight's designator, when known
    passenger: str | None = None  # the passenger's reference (TIF), when given


@dataclass(frozen=True, slots=True)
class BaggageRecord:
    flight: str | None
    passenger: str | None
    count: int | None
    weight: str | None  # "23 KG"
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BookingOffice:
    """Who made or changed the booking (ORG): an airline office or a travel agency."""

    airline: str | None = None
    location: str | None = None
    agency_number: str | None = None  # IATA/ARC number of a travel agency
    office_id: str | None = None  # the pseudo city code
    originator_type: str | None = None  # A airline, T travel agent, E airline agent...
    country: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change to the booking, as the history (ABI/DAT/SAC or LTS) records it."""

    when: datetime | None
    by: str | None
    action: str | None  # SAC: A added, X cancelled, K changed...
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PnrPassenger:
    """A passenger of a booking: the traveller (with DOCS data when sent) and the rest."""

    traveller: Traveller
    booked_name: PersonName  # as booked (TIF), which may differ from the passport (DOCS)
    reference: str | None = None  # the TIF reference number linking seats, bags, tickets
    passenger_type: str | None = None  # A adult, C child, IN infant...
    frequent_flyer: tuple[str, ...] = ()  # "AC:123456789"
    addresses: tuple[Address, ...] = ()  # DOCA
    tickets: tuple[Ticket, ...] = ()
    special_requests: tuple[str, ...] = ()  # other SSRs, e.g. "WCHR", "VGML"


@dataclass(frozen=True, slots=True)
class Pnr:
    """One booking."""

    record_locator: str
    carrier: str | None = None  # the system or airline that owns the locator
    other_locators: tuple[str, ...] = ()  # "1A:XYZ789": the same booking in other systems
    created: datetime | None = None
    booking_office: BookingOffice | None = None
    travel_agency: BookingOffice | None = None
    passengers: tuple[PnrPassenger, ...] = ()
    itinerary: tuple[BookedFlight, ...] = ()
    contact: Contact = field(default_factory=Contact)
    payments: tuple[Payment, ...] = ()
    seats: tuple[SeatAssignment, ...] = ()
    bags: tuple[BaggageRecord, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    remarks: tuple[str, ...] = ()  # IFT free text, card numbers masked


@dataclass(frozen=True, slots=True)
class PnrMessage:
    """One PNRGOV message: the bookings on one flight, pushed by one carrier."""

    version: str  # "11.1", "13.1"...
    sender: str
    recipient: str
    reference: str
    flight: BookedFlight | None
    declared_count: int | None  # EQN: how many PNRs the sender says it sent
    pnrs: tuple[Pnr, ...]
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class PnrgovInterchange:
    sender: str
    recipient: str
    messages: tuple[PnrMessage, ...]
    findings: tuple[Finding, ...] = ()
