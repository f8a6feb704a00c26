"""The synthetic day's arriving international flights: passengers, crew and bookings.

Each agency's node receives flights at one airport (Vancouver for CBSA, Seattle for CBP)
from the other country and from overseas. Passengers are grouped into bookings of one to
four, booked weeks ahead and paid by card, as most are; the few bookings that differ are
planted by ``demo.plants`` so that the report can say whether the rules found them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from smartborder.domain import Agency, DocumentType, Traveller, TravellerRole
from smartborder.formats.airports import airport_zone
from smartborder.world.day import People

#: Destination airport of each agency's demo node.
AIRPORTS = {Agency.CBSA: "YVR", Agency.CBP: "SEA"}
#: (origin, carrier, flight-number base, hours in the air, origin country) per destination.
ROUTES = {
    "YVR": (
        ("LHR", "BA", 80, 9.5, "GBR"),
        ("FRA", "LH", 492, 10, "DEU"),
        ("NRT", "NH", 116, 9, "JPN"),
        ("HKG", "CX", 888, 12, "CHN"),
        ("MEX", "AM", 696, 5.5, "MEX"),
        ("SFO", "UA", 530, 2, "USA"),
        ("LAX", "AS", 580, 3, "USA"),
        ("DXB", "EK", 837, 15, "ARE"),
        ("DEL", "AI", 185, 15, "IND"),
        ("MNL", "PR", 116, 12, "PHL"),
    ),
    "SEA": (
        ("LHR", "BA", 49, 9.5, "GBR"),
        ("CDG", "AF", 368, 10, "FRA"),
        ("ICN", "KE", 19, 10, "KOR"),
        ("PEK", "CA", 985, 11, "CHN"),
        ("YYZ", "AC", 539, 4.5, "CAN"),
        ("YUL", "AC", 365, 5.5, "CAN"),
        ("IST", "TK", 203, 12, "TUR"),
        ("AMS", "KL", 6035, 10, "NLD"),
        ("NRT", "JL", 68, 9, "JPN"),
        ("SYD", "QF", 11, 14, "AUS"),
    ),
}
SEATS = "ABCDEFGHJK"


@dataclass(frozen=True, slots=True)
class Booking:
    locator: str
    created: datetime  # local time at the booking office; naive as PNRs give it
    payment: str  # CC card, CA cash
    card: str | None
    phone: str
    email: str
    one_way: bool
    passengers: tuple[int, ...]  # indexes into the flight's passengers
    bags: int


@dataclass(frozen=True, slots=True)
class ArrivingFlight:
    agency: Agency
    carrier: str
    number: str
    origin: str
    destination: str
    departure: datetime  # local at the origin, naive, as PAXLST gives it
    arrival: datetime  # local at the destination, naive
    passengers: tuple[Traveller, ...]
    crew: tuple[Traveller, ...]
    bookings: tuple[Booking, ...]

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


def _card(rng: random.Random) -> str:
    body = "4" + "".join(rng.choices("0123456789", k=14))
    total = 0
    for i, char in enumerate(reversed(body)):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def booking(
    rng: random.Random,
    day: date,
    party: tuple[int, ...],
    *,
    lead_days: int | None = None,
    payment: str = "CC",
    phone: str | None = None,
    one_way: bool | None = None,
) -> Booking:
    lead = lead_days if lead_days is not None else rng.choice((7, 14, 21, 30, 45, 60, 90, 120))
    return Booking(
        locator="".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=6)),
        created=datetime.combine(day - timedelta(days=lead), time(rng.randrange(24))),
        payment=payment,
        card=_card(rng) if payment == "CC" else None,
        phone=phone or f"+1604{rng.randrange(10**7):07d}",
        email=f"traveller{rng.randrange(10**6)}@example.org",
        one_way=rng.random() < 0.15 if one_way is None else one_way,
        passengers=party,
        bags=rng.randint(0, 2) * len(party),
    )


def _minor(traveller: Traveller, day: date) -> bool:
    born = traveller.birth_date
    return born is not None and (day - born).days < 16 * 365


def generate_flights(
    rng: random.Random, people: People, day: date, travellers: int
) -> list[ArrivingFlight]:
    """About ``travellers`` passengers on flights into both agencies' airports."""
    flights: list[ArrivingFlight] = []
    flown: dict[tuple[str, int], int] = {}
    made = 0
    while made < travellers:
        agency = Agency.CBSA if len(flights) % 2 == 0 else Agency.CBP
        destination = AIRPORTS[agency]
        origin, carrier, base, hours, origin_country = rng.choice(ROUTES[destination])
        size = min(rng.randint(120, 300), travellers - made)
        home = agency.country
        passengers = tuple(
            people.traveller(
                home
                if roll < 0.45
                else origin_country
                if roll < 0.8
                else people.nationality(home, agency.partner.country),
                DocumentType.PASSPORT,
            )
            for roll in (rng.random() for _ in range(size))
        )
        crew = tuple(
            people.traveller(
                origin_country if origin_country in ("CAN", "USA") else home,
                DocumentType.PASSPORT,
                role=TravellerRole.CREW,
                adult=True,
            )
            for _ in range(rng.randint(4, 12))
        )
        arrival = datetime.combine(day, time(rng.randint(6, 23), rng.choice((0, 15, 30, 45))))
        # The departure in the origin's own clock, as the carrier reports it.
        landed = arrival.replace(tzinfo=airport_zone(destination))
        departure = (landed - timedelta(hours=hours)).astimezone(airport_zone(origin))
        route = (carrier, base)
        flown[route] = flown.get(route, 0) + 1
        bookings: list[Booking] = []
        index = 0
        while index < size:
            group = tuple(range(index, min(size, index + rng.choice((1, 1, 1, 2, 2, 3, 4)))))
            if len(group) == 1 and index + 1 < size and _minor(passengers[index], day):
                group = (index, index + 1)  # children travel with someone
            bookings.append(booking(rng, day, group))
            index += len(group)
        flights.append(
            ArrivingFlight(
                agency=agency,
                carrier=carrier,
                number=str(base + 2 * (flown[route] - 1)),
                origin=origin,
                destination=destination,
                departure=departure.replace(tzinfo=None),
                arrival=arrival,
                passengers=passengers,
                crew=crew,
                bookings=tuple(bookings),
            )
        )
        made += size
    return flights
