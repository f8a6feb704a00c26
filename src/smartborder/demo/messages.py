"""What the demo's travellers send ahead or show at the booth, in the real formats.

Flights become PAXLST interchanges (a passenger list and a crew list) and PNRGOV pushes,
written with our own writers and read back by the clearance pipeline; land travellers
become the machine-readable zones their documents would show a booth's reader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from smartborder.clearance.land import BoothRead
from smartborder.domain import Arrival, Contact, DocumentType, Traveller
from smartborder.formats.mrz import MrzFormat, generate_mrz, mrz_data_of
from smartborder.formats.paxlst import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
    counted,
    generate_paxlst,
)
from smartborder.formats.pnrgov import (
    BaggageRecord,
    BookedFlight,
    Payment,
    Pnr,
    PnrMessage,
    PnrPassenger,
    SeatAssignment,
    generate_pnrgov,
)
from smartborder.world.flights import ArrivingFlight, Booking

SEATS = "ABCDEFHJK"


def _seat(n: int) -> str:
    return f"{n // len(SEATS) + 10}{SEATS[n % len(SEATS)]}"


def paxlst_of(flight: ArrivingFlight, control: int) -> str:
    """The carrier's API interchange for the flight: passengers, then crew."""
    leg = ScheduledLeg(flight.origin, flight.destination, flight.departure, flight.arrival)
    reported = (ReportedFlight(flight.carrier, flight.number, (leg,)),)
    locators = {i: b.locator for b in flight.bookings for i in b.passengers}
    passengers = tuple(
        ReportedTraveller(
            t,
            "FL",
            ("P",),
            flight.origin,
            flight.destination,
            flight.destination,
            locators.get(n),
            _seat(n),
        )
        for n, t in enumerate(flight.passengers)
    )
    crew = tuple(
        ReportedTraveller(t, "FM", ("P",), flight.origin, flight.destination, flight.destination)
        for t in flight.crew
    )
    lists = []
    for reference, kind, code, travellers in (
        ("PAX", ListType.PASSENGER, "745", passengers),
        ("CRW", ListType.CREW, "250", crew),
    ):
        pl = PassengerList(
            version="D:05B",
            sender=f"{flight.carrier}APIS",
            recipient="BORDERAPI",
            reference=f"{reference}{control}",
            list_type=kind,
            document_code=code,
            reporting_party=f"{flight.carrier} API DESK",
            flights=reported,
            travellers=travellers,
        )
        lists.append(replace(pl, declared_count=counted(pl)))
    return generate_paxlst(
        lists,
        sender=f"{flight.carrier}APIS",
        recipient="BORDERAPI",
        prepared=flight.departure,
        control_reference=str(control),
    )


def _pnr(flight: ArrivingFlight, booking: Booking, booked: BookedFlight) -> Pnr:
    people = [flight.passengers[i] for i in booking.passengers]
    itinerary = [booked]
    if not booking.one_way:
        back = flight.departure + timedelta(days=10)
        itinerary.append(
            BookedFlight(
                flight.carrier,
                str(int(flight.number) + 1),
                flight.destination,
                flight.origin,
                back,
                back + (flight.arrival - flight.departure),
                "Y",
                "HK",
            )
        )
    payment = (
        Payment("CC", "VI", booking.card, "0129")
        if booking.payment == "CC"
        else Payment(booking.payment)
    )
    return Pnr(
        record_locator=booking.locator,
        carrier=flight.carrier,
        created=booking.created,
        passengers=tuple(PnrPassenger(t, t.name, str(n + 1), "A") for n, t in enumerate(people)),
        itinerary=tuple(itinerary),
        contact=Contact(phones=(booking.phone,), emails=(booking.email,)),
        payments=(payment,),
        seats=tuple(
            SeatAssignment(_seat(i), booked.designator, str(n + 1))
            for n, i in enumerate(booking.passengers)
        ),
        bags=(BaggageRecord(booked.designator, None, booking.bags, f"{booking.bags * 23} KG"),)
        if booking.bags
        else (),
    )


def pnrgov_of(flight: ArrivingFlight, control: int) -> str:
    """The carrier's PNR push for the flight, the day before it leaves."""
    booked = BookedFlight(
        flight.carrier,
        flight.number,
        flight.origin,
        flight.destination,
        flight.departure,
        flight.arrival,
        "Y",
        "HK",
    )
    pnrs = tuple(_pnr(flight, b, booked) for b in flight.bookings)
    message = PnrMessage("13.1", flight.carrier, "BORDERPNR", str(control), booked, len(pnrs), pnrs)
    return generate_pnrgov(
        message, prepared=flight.departure - timedelta(days=1), control_reference=str(control)
    )


def mrz_of(traveller: Traveller) -> tuple[str, ...]:
    """The zone of the traveller's document: passports TD3, cards TD1."""
    document = traveller.primary_document
    assert document is not None
    if document.type is DocumentType.PASSPORT:
        return generate_mrz(mrz_data_of(traveller, MrzFormat.TD3))
    return generate_mrz(replace(mrz_data_of(traveller, MrzFormat.TD1), document_code="I"))


def booth_read(arrival: Arrival, role: str = "passenger") -> BoothRead:
    plate = arrival.conveyance.identifier if arrival.conveyance else None
    return BoothRead(
        mrz=mrz_of(arrival.traveller),
        port_code=arrival.port_code,
        lane=arrival.lane,
        at=arrival.arrived_at,
        plate=plate,
        role=role,
    )
