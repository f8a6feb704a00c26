"""What the demo plants in its day so that the report can say what clearance found.

Listed persons (from the demo's fictional lookouts) fly in and drive up, written as they
reach a border: a typo, names in another order, a middle name left out. Bookings with
the patterns the demo's rules look for, NEXUS-lane travellers who are not members in
good standing, and expired passports complete the set. Each plant says which reason a
decision must carry for the plant to count as found.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from smartborder.demo.flights import ArrivingFlight, booking
from smartborder.domain import (
    Arrival,
    DocumentType,
    LaneType,
    Lookout,
    PersonName,
    Sex,
    SubjectKind,
    TravelDocument,
    Traveller,
)

LISTED_BY_AIR = 6
LISTED_BY_LAND = 6
PATTERNS_PER_RULE = 5
NEXUS_NON_MEMBERS = 8
EXPIRED_PASSPORTS = 8


@dataclass(frozen=True, slots=True)
class Plant:
    kind: str  # listed, rule, programme, document
    expected: str  # the reason ref (or its prefix) a decision must carry
    traveller: Traveller
    how: str  # in words, for the report's list of misses


@dataclass
class PlantedDay:
    flights: list[ArrivingFlight]
    land: list[Arrival]
    plants: list[Plant]
    suspended_cards: set[str]  # NEXUS cards registered as suspended
    missing_cards: set[str]  # NEXUS cards left out of the registry


def _variant(rng: random.Random, name: PersonName, way: int) -> tuple[PersonName, str]:
    if way == 0 and len(name.surname) > 4:
        at = rng.randrange(1, len(name.surname) - 1)
        letter = "E" if name.surname[at] != "E" else "A"
        return replace(
            name, surname=name.surname[:at] + letter + name.surname[at + 1 :], original_script=None
        ), "surname misspelt"
    if way == 1 and name.given_names:
        return PersonName(
            name.given_names[0], (name.surname, *name.given_names[1:])
        ), "surname and given name swapped"
    if way == 2 and len(name.given_names) > 1:
        return replace(
            name, given_names=name.given_names[:1], original_script=None
        ), "middle name left out"
    return replace(name, original_script=None), "as listed"


def _listed_traveller(
    rng: random.Random, lookout: Lookout, way: int, day: date
) -> tuple[Traveller, str]:
    latin = next(n for n in lookout.names if n.full.isascii())
    upper = PersonName(latin.surname.upper(), tuple(g.upper() for g in latin.given_names))
    name, how = _variant(rng, upper, way)
    birth = next(
        (date.fromisoformat(d) for d in lookout.birth_dates if len(d) == 10), date(1975, 1, 1)
    )
    nationality = lookout.nationalities[0] if lookout.nationalities else "CAN"
    listed = lookout.documents[0].number if lookout.documents else ""
    # The listed passport when an MRZ can carry it; otherwise a new one (a renewal).
    number = listed if re.fullmatch(r"[A-Z0-9]{5,9}", listed) else f"X{rng.randrange(10**7):07d}"
    document = TravelDocument(DocumentType.PASSPORT, number, nationality, day + timedelta(days=900))
    return Traveller(
        name=name,
        birth_date=birth,
        sex=lookout.sex or Sex.UNSPECIFIED,
        nationality=nationality,
        documents=(document,),
    ), how


def plant(
    rng: random.Random,
    day: date,
    flights: Sequence[ArrivingFlight],
    land: Sequence[Arrival],
    lookouts: Sequence[Lookout],
    watched_phone: str,
) -> PlantedDay:
    flights = list(flights)
    arrivals = list(land)
    plants: list[Plant] = []
    persons = [
        lk
        for lk in lookouts
        if lk.kind is SubjectKind.PERSON
        and any(len(d) == 10 for d in lk.birth_dates)
        and any(n.full.isascii() for n in lk.names)
    ]
    chosen = rng.sample(persons, min(len(persons), LISTED_BY_AIR + LISTED_BY_LAND))

    used: set[tuple[int, int]] = set()  # (flight, seat) already planted: one plant each
    for n, lookout in enumerate(chosen[:LISTED_BY_AIR]):
        traveller, how = _listed_traveller(rng, lookout, n % 4, day)
        f = rng.randrange(len(flights))
        flight = flights[f]
        seat = rng.randrange(len(flight.passengers))
        used.add((f, seat))
        passengers = list(flight.passengers)
        passengers[seat] = traveller
        flights[f] = replace(flight, passengers=tuple(passengers))
        plants.append(
            Plant("listed", lookout.ref, traveller, f"{lookout.ref} on {flight.designator}, {how}")
        )

    general = [i for i, a in enumerate(arrivals) if a.lane is LaneType.GENERAL]
    for n, lookout in enumerate(chosen[LISTED_BY_AIR:]):
        traveller, how = _listed_traveller(rng, lookout, n % 4, day)
        i = general.pop(rng.randrange(len(general)))
        arrivals[i] = replace(arrivals[i], traveller=traveller)
        plants.append(
            Plant(
                "listed",
                lookout.ref,
                traveller,
                f"{lookout.ref} at port {arrivals[i].port_code}, {how}",
            )
        )

    for rule in ("late-cash-one-way", "watched-phone", "unaccompanied-minor"):
        for _ in range(PATTERNS_PER_RULE):
            f = rng.randrange(len(flights))
            flight = flights[f]
            alone = [
                b
                for b in flight.bookings
                if len(b.passengers) == 1 and (f, b.passengers[0]) not in used
            ]
            if not alone:
                continue
            old = rng.choice(alone)
            seat = old.passengers[0]
            used.add((f, seat))
            passengers = list(flight.passengers)
            if rule == "late-cash-one-way":
                new = booking(rng, day, old.passengers, lead_days=1, payment="CA", one_way=True)
            elif rule == "watched-phone":
                new = booking(rng, day, old.passengers, phone=watched_phone)
            else:
                new = booking(rng, day, old.passengers)
                passengers[seat] = replace(
                    passengers[seat], birth_date=day - timedelta(days=12 * 365 + 100)
                )
            bookings = [new if b is old else b for b in flight.bookings]
            flights[f] = replace(flight, passengers=tuple(passengers), bookings=tuple(bookings))
            plants.append(
                Plant(
                    "rule",
                    rule,
                    passengers[seat],
                    f"{rule} on {flight.designator} booking {new.locator}",
                )
            )

    nexus = [i for i, a in enumerate(arrivals) if a.lane is LaneType.NEXUS]
    suspended: set[str] = set()
    missing: set[str] = set()
    for n in range(min(NEXUS_NON_MEMBERS, len(nexus))):
        i = nexus.pop(rng.randrange(len(nexus)))
        traveller = arrivals[i].traveller
        card = traveller.documents[0].number
        (suspended if n % 2 else missing).add(card)
        state = "suspended member" if n % 2 else "card not in the registry"
        plants.append(
            Plant(
                "programme",
                "nexus:",
                traveller,
                f"NEXUS lane at port {arrivals[i].port_code}, {state}",
            )
        )

    for _ in range(min(EXPIRED_PASSPORTS, len(general))):
        i = general.pop(rng.randrange(len(general)))
        traveller = arrivals[i].traveller
        old_doc = traveller.documents[0]
        expired = replace(old_doc, expiry_date=day - timedelta(days=rng.randint(1, 400)))
        traveller = replace(traveller, documents=(expired,))
        arrivals[i] = replace(arrivals[i], traveller=traveller)
        plants.append(
            Plant(
                "document",
                "document:expired",
                traveller,
                f"expired passport at port {arrivals[i].port_code}",
            )
        )
    return PlantedDay(flights, arrivals, plants, suspended, missing)
