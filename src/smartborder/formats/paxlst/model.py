"""What a PAXLST message says, in the domain's words plus what only API data carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum

from smartborder.domain import Address, Flight, FlightLeg, Traveller
from smartborder.formats.edifact import Separators
from smartborder.formats.findings import Finding


class ListType(StrEnum):
    PASSENGER = "passenger"
    CREW = "crew"


#: BGM document codes (1001) of the WCO/IATA/ICAO guidelines and what list each gives.
LIST_TYPES: dict[str, ListType] = {
    "745": ListType.PASSENGER,  # passenger list
    "266": ListType.PASSENGER,  # passenger flight close-out (with BGM 1004 CLOB, CLNB...)
    "250": ListType.CREW,  # crew list declaration
    "336": ListType.CREW,  # master crew list
}


@dataclass(frozen=True, slots=True)
class ScheduledLeg:
    """One leg as the message gives it: times are local to each airport, without a zone."""

    departure_airport: str
    arrival_airport: str
    departure_time: datetime | None = None
    arrival_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReportedFlight:
    """A flight (TDT) and its legs (LOC/DTM groups)."""

    carrier: str
    number: str
    legs: tuple[ScheduledLeg, ...] = ()

    def to_flight(self, zones: Mapping[str, tzinfo] | None = None) -> Flight:
        """The domain's flight; a leg's times are kept only where ``zones`` knows the airport.

        PAXLST times are local to each airport and the message does not say the zone, so
        turning them into instants needs the caller's airport table.
        """
        zones = zones or {}

        def instant(moment: datetime | None, airport: str) -> datetime | None:
            zone = zones.get(airport)
            return moment.replace(tzinfo=zone) if moment and zone else None

        return Flight(
            carrier=self.carrier,
            number=self.number,
            legs=tuple(
                FlightLeg(
                    leg.departure_airport,
                    leg.arrival_airport,
                    instant(leg.departure_time, leg.departure_airport),
                    instant(leg.arrival_time, leg.arrival_airport),
                )
                for leg in self.legs
            ),
        )


@dataclass(frozen=True, slots=True)
class ReportedTraveller:
    """One passenger or crew member of a list, with what only API data carries."""

    traveller: Traveller
    party: str  # NAD qualifier: FL passenger, FM crew, DDT / DDU in transit
    document_codes: tuple[str, ...] = ()  # DOC codes, one per traveller document: P, V, C...
    embarkation: str | None = None  # LOC+178
    debarkation: str | None = None  # LOC+179
    clearance: str | None = None  # LOC+22: where the traveller clears the border
    booking_reference: str | None = None  # RFF+AVF
    seat: str | None = None  # RFF+SEA
    references: tuple[tuple[str, str], ...] = ()  # other RFF: ABO, AEA, CR...
    address: Address | None = None
    verified: bool = False  # GEI+4+173: the carrier checked the document against the holder


@dataclass(frozen=True, slots=True)
class PassengerList:
    """One PAXLST message: a passenger or crew list for one flight."""

    version: str  # "D:05B"
    sender: str
    recipient: str
    reference: str  # UNH message reference
    list_type: ListType
    document_code: str = "745"  # BGM 1001
    document_variant: str = ""  # BGM 1004: CLOB, CLNB, CP, C...
    reporting_party: str | None = None  # NAD+MS
    reporting_phones: tuple[str, ...] = ()
    flights: tuple[ReportedFlight, ...] = ()
    travellers: tuple[ReportedTraveller, ...] = ()
    declared_count: int | None = None  # CNT
    prepared: datetime | None = None  # of the group or interchange
    findings: tuple[Finding, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class PaxlstInterchange:
    """Every passenger list of an interchange, with what was noticed on the envelope."""

    separators: Separators
    sender: str
    recipient: str
    control_reference: str
    messages: tuple[PassengerList, ...]
    findings: tuple[Finding, ...]

    @property
    def travellers(self) -> int:
        return sum(len(m.travellers) for m in self.messages)
