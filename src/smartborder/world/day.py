"""A reproducible synthetic day at a pair of partner ports.

Everything is drawn from one seeded ``random.Random``, so the same seed and sizes give the
same day. Proportions are plausible for a busy Pacific-coast crossing (a fifth of cars in
NEXUS, a third in Ready lanes, a third of trucks in FAST); they are illustrations, not
statistics of any real port.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from smartborder.domain import (
    Agency,
    Arrival,
    CommodityLine,
    Conveyance,
    ConveyanceKind,
    DocumentType,
    LaneType,
    Party,
    PartyRole,
    PersonName,
    PortOfEntry,
    Sex,
    Shipment,
    TransportMode,
    TravelDocument,
    Traveller,
    TravellerRole,
)
from smartborder.world.catalogue import names

# Share of the day's traffic in each local hour: quiet nights, a long afternoon peak.
HOURLY_PROFILE = (
    0.8,
    0.5,
    0.4,
    0.3,
    0.4,
    0.9,
    2.0,
    3.5,
    4.8,
    5.6,
    6.2,
    6.6,
    6.8,
    6.9,
    6.9,
    6.8,
    6.5,
    6.0,
    5.4,
    4.6,
    3.6,
    2.7,
    1.9,
    1.3,
)
OCCUPANTS = ((1, 45), (2, 30), (3, 13), (4, 9), (5, 3))
OTHER_NATIONALITIES = ("MEX", "GBR", "IND", "CHN", "PHL", "KOR", "FRA", "DEU", "AUS", "JPN")

# HS-6 codes that cross this border by truck, with a plausible value per kilogram (USD).
COMMODITIES = (
    ("080810", "Fresh apples", Decimal("1.6")),
    ("440711", "Sawn pine lumber", Decimal("0.5")),
    ("870323", "Passenger cars, 1500-3000 cc", Decimal("18")),
    ("870899", "Motor vehicle parts", Decimal("12")),
    ("271019", "Lubricating oils", Decimal("1.9")),
    ("030212", "Fresh Pacific salmon", Decimal("9")),
    ("220830", "Whisky", Decimal("14")),
    ("847130", "Portable computers", Decimal("160")),
    ("300490", "Medicaments, packaged", Decimal("95")),
    ("940360", "Wooden furniture", Decimal("6")),
    ("070200", "Fresh tomatoes", Decimal("2.1")),
    ("760120", "Aluminium alloys, unwrought", Decimal("2.6")),
)
IMPORTERS = (
    "Cascadia Fresh Foods",
    "Fraser Valley Timber",
    "Northline Auto Parts",
    "Harbour Pharma Distribution",
    "Salish Sea Seafoods",
    "Lions Gate Furniture",
    "Puget Sound Beverages",
    "Coastal Electronics Supply",
    "Okanagan Orchards",
    "Skagit Metals",
)
CARRIERS = (
    ("CXTR", "Cascade Express Transport"),
    ("NWFL", "Northwest Freight Lines"),
    ("PCHL", "Pacific Coast Haulage"),
    ("BDRX", "Borderline Express"),
)


@dataclass(frozen=True, slots=True)
class TruckTrip:
    """A truck at the commercial lanes: its driver's arrival and the shipments it carries."""

    arrival: Arrival
    shipments: tuple[Shipment, ...]
    fast: bool


@dataclass(frozen=True, slots=True)
class SyntheticDay:
    day: date
    seed: int
    ports: tuple[PortOfEntry, PortOfEntry]
    land: tuple[Arrival, ...]  # travellers in cars, in time order
    trucks: tuple[TruckTrip, ...]


class People:
    """Makes fictional travellers: names from many languages, documents, birth dates."""

    def __init__(self, rng: random.Random, day: date) -> None:
        self.rng = rng
        self.day = day
        self.parts = names()
        self._cards: set[str] = set()  # a card number belongs to one person

    def nationality(self, home: str, away: str) -> str:
        roll = self.rng.random()
        if roll < 0.62:
            return home
        if roll < 0.94:
            return away
        return self.rng.choice(OTHER_NATIONALITIES)

    def traveller(
        self,
        nationality: str,
        document: DocumentType,
        role: TravellerRole = TravellerRole.PASSENGER,
        adult: bool = False,
    ) -> Traveller:
        rng = self.rng
        roll = rng.random()
        sex = Sex.UNSPECIFIED if roll < 0.003 else (Sex.FEMALE if roll < 0.5 else Sex.MALE)
        pool = self.parts.female if sex is Sex.FEMALE else self.parts.male
        given = (rng.choice(pool),) if rng.random() < 0.7 else (rng.choice(pool), rng.choice(pool))
        age = rng.randint(18 if adult else 0, 85)
        birth = self.day - timedelta(days=age * 365 + rng.randint(0, 364))
        return Traveller(
            name=PersonName(surname=rng.choice(self.parts.surnames), given_names=given),
            birth_date=birth,
            sex=sex,
            nationality=nationality,
            documents=(self.document(document, nationality),),
            role=role,
        )

    def document(self, kind: DocumentType, nationality: str) -> TravelDocument:
        rng = self.rng
        if kind in (DocumentType.NEXUS_CARD, DocumentType.FAST_CARD):
            number = "50" + "".join(rng.choices("0123456789", k=7))
            while number in self._cards:
                number = "50" + "".join(rng.choices("0123456789", k=7))
            self._cards.add(number)
            issuer = nationality if nationality in ("CAN", "USA") else "USA"
        elif nationality == "USA":
            number = "".join(rng.choices("0123456789", k=9))
            issuer = nationality
        else:
            number = "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2)) + "".join(
                rng.choices("0123456789", k=6)
            )
            issuer = nationality
        expiry = self.day + timedelta(days=rng.randint(30, 3650))
        return TravelDocument(type=kind, number=number, issuing_state=issuer, expiry_date=expiry)


def _moment(rng: random.Random, day: date, port: PortOfEntry) -> datetime:
    """A time on ``day`` at the port, drawn from the hourly profile of local time."""
    hour = rng.choices(range(24), weights=HOURLY_PROFILE)[0]
    start = datetime.combine(day, time(hour), tzinfo=ZoneInfo(port.timezone))
    return (start + timedelta(seconds=rng.randrange(3600))).astimezone(UTC)


def _plate(rng: random.Random) -> str:
    letters = "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=3))
    return f"{letters}{rng.randint(100, 9999)}"


def generate_day(
    ports: tuple[PortOfEntry, PortOfEntry],
    *,
    day: date,
    seed: int,
    travellers: int,
    shipments: int,
) -> SyntheticDay:
    """``travellers`` people in cars and ``shipments`` shipments on trucks, both directions.

    ``ports`` is a facing pair, one per agency; each traveller enters the country of the
    port they arrive at, so half the day is recorded by each agency.
    """
    rng = random.Random(seed)
    people = People(rng, day)
    land: list[Arrival] = []
    while len(land) < travellers:
        port = rng.choice(ports)
        home = port.agency.country
        away = port.agency.partner.country
        size = min(
            rng.choices([n for n, _ in OCCUPANTS], [w for _, w in OCCUPANTS])[0],
            travellers - len(land),
        )
        lane_roll = rng.random()
        if lane_roll < 0.2 and LaneType.NEXUS in port.lanes:
            lane, document = LaneType.NEXUS, DocumentType.NEXUS_CARD
        elif lane_roll < 0.52 and LaneType.READY in port.lanes:
            lane, document = LaneType.READY, DocumentType.ENHANCED_DRIVERS_LICENCE
        else:
            lane, document = LaneType.GENERAL, DocumentType.PASSPORT
        car = Conveyance(ConveyanceKind.CAR, _plate(rng), jurisdiction=rng.choice(("WA", "BC")))
        at = _moment(rng, day, port)
        for seat in range(size):
            nationality = people.nationality(home, away)
            if document is not DocumentType.PASSPORT and nationality not in ("CAN", "USA"):
                nationality = rng.choice(("CAN", "USA"))
            traveller = people.traveller(nationality, document, adult=seat == 0)
            land.append(
                Arrival(
                    agency=port.agency,
                    port_code=port.code,
                    traveller=traveller,
                    arrived_at=at,
                    mode=TransportMode.HIGHWAY,
                    lane=lane,
                    conveyance=car,
                )
            )
    land.sort(key=lambda a: a.arrived_at)
    return SyntheticDay(
        day=day,
        seed=seed,
        ports=ports,
        land=tuple(land),
        trucks=tuple(_trucks(rng, people, ports, day, shipments)),
    )


def _trucks(
    rng: random.Random,
    people: People,
    ports: tuple[PortOfEntry, PortOfEntry],
    day: date,
    shipments: int,
) -> list[TruckTrip]:
    trips: list[TruckTrip] = []
    made = 0
    while made < shipments:
        port = rng.choice(ports)
        fast = rng.random() < 0.35
        count = min(rng.randint(1, 3), shipments - made)
        carrier_code, carrier_name = rng.choice(CARRIERS)
        nationality = rng.choice(("CAN", "USA"))
        driver = people.traveller(
            nationality,
            DocumentType.FAST_CARD if fast else DocumentType.PASSPORT,
            role=TravellerRole.DRIVER,
            adult=True,
        )
        loads = []
        for _ in range(count):
            made += 1
            lines = []
            for _ in range(rng.randint(1, 4)):
                hs, description, per_kg = rng.choice(COMMODITIES)
                weight = Decimal(rng.randint(200, 12000))
                value = (weight * per_kg * Decimal(rng.uniform(0.7, 1.3))).quantize(Decimal(1))
                lines.append(
                    CommodityLine(
                        hs_code=hs,
                        description=description,
                        quantity=Decimal(rng.randint(1, 400)),
                        weight_kg=weight,
                        value=value,
                        origin=port.agency.partner.country
                        if rng.random() < 0.85
                        else rng.choice(OTHER_NATIONALITIES),
                    )
                )
            loads.append(
                Shipment(
                    cargo_control_number=f"{carrier_code}{day:%y%m%d}{made:06d}",
                    lines=tuple(lines),
                    parties=(
                        Party(PartyRole.IMPORTER, rng.choice(IMPORTERS), port.agency.country),
                        Party(PartyRole.CARRIER, carrier_name, identifier=carrier_code),
                        Party(PartyRole.DRIVER, driver.name.full, nationality),
                    ),
                )
            )
        arrival = Arrival(
            agency=port.agency,
            port_code=port.code,
            traveller=driver,
            arrived_at=_moment(rng, day, port),
            mode=TransportMode.HIGHWAY,
            lane=LaneType.FAST if fast else LaneType.COMMERCIAL,
            conveyance=Conveyance(ConveyanceKind.TRUCK, _plate(rng), jurisdiction="WA"),
        )
        trips.append(TruckTrip(arrival=arrival, shipments=tuple(loads), fast=fast))
    trips.sort(key=lambda t: t.arrival.arrived_at)
    return trips


def partner_pair(ports: tuple[PortOfEntry, ...], code: str) -> tuple[PortOfEntry, PortOfEntry]:
    """The port with ``code`` and the port facing it across the line."""
    by_code = {p.code: p for p in ports}
    port = by_code[code]
    if port.partner_port_code is None or port.partner_port_code not in by_code:
        raise ValueError(f"port {code} has no partner port in the catalogue")
    partner = by_code[port.partner_port_code]
    return (port, partner) if port.agency is Agency.CBSA else (partner, port)
