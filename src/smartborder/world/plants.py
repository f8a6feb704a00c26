"""What the demo plants in its day so that the report can say what clearance found.

Listed persons (from the demo's fictional lookouts) fly in and drive up, written as they
reach a border: a typo, names in another order, a middle name left out; and with the
papers they really carry: the listed birth date and passport, a document without a birth
date (the name is all the list can go on), or the listed birth date on a passport whose
number the list does not know. Some lookouts bear common names, so the day also holds
people who look like listed ones and are not: travellers who share a listed person's
name (and are born on another day, with another nationality) or surname. A few such
namesakes are planted on purpose, so that every day has some; the report counts how many
of all of them clearance referred on a watch-list hit.

Bookings with the patterns the demo's rules look for, NEXUS-lane travellers who are not
members in good standing, and expired passports complete the set. Each plant says which
reason a decision must carry for the plant to count as found.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

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
from smartborder.world.catalogue import names
from smartborder.world.flights import ArrivingFlight, booking

LISTED_BY_AIR = 8
LISTED_BY_LAND = 8
#: Of the listed persons planted, how many bear a common name (one travellers share).
COMMON_NAMES_PLANTED = 4
#: Namesakes planted per common-name lookout, one by air and one by land.
NAMESAKES_PER_LOOKOUT = 2
#: What a planted listed person's document carries, in turn.
PAPERS = (
    "birth date and passport as listed",
    "no birth date (name only)",
    "listed birth date, other passport",
)
PATTERNS_PER_RULE = 5
NEXUS_NON_MEMBERS = 8
EXPIRED_PASSPORTS = 8


@dataclass(frozen=True, slots=True)
class Plant:
    kind: str  # listed, rule, programme, document
    expected: str  # the reason ref (or its prefix) a decision must carry
    traveller: Traveller
    how: str  # in words, for the report's list of misses
    papers: str = ""  # for a listed person: one of PAPERS


@dataclass
class PlantedDay:
    flights: list[ArrivingFlight]
    land: list[Arrival]
    plants: list[Plant]
    suspended_cards: set[str]  # NEXUS cards registered as suspended
    missing_cards: set[str]  # NEXUS cards left out of the registry
    lookouts: tuple[Lookout, ...] = ()  # the list the day is screened against
    namesakes: list[Traveller] = field(default_factory=list)  # planted look-alikes


def common_name(lookout: Lookout) -> bool:
    """Whether the lookout's surname is one the day's travellers are given."""
    surnames = {s.upper() for s in names().surnames}
    return any(n.surname.upper() in surnames for n in lookout.names)


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


def _latin_upper(lookout: Lookout) -> PersonName:
    latin = next(n for n in lookout.names if n.full.isascii())
    return PersonName(latin.surname.upper(), tuple(g.upper() for g in latin.given_names))


def _listed_birth(rng: random.Random, lookout: Lookout) -> tuple[date, str]:
    full = next((d for d in lookout.birth_dates if len(d) == 10), None)
    if full is not None:
        return date.fromisoformat(full), ""
    # The list knows the year only: the document has a day in it.
    year = int(lookout.birth_dates[0][:4]) if lookout.birth_dates else 1975
    return date(year, 1, 1) + timedelta(days=rng.randrange(365)), ", the list gives the year only"


def _listed_traveller(
    rng: random.Random, lookout: Lookout, way: int, papers: int, day: date
) -> tuple[Traveller, str]:
    name, how = _variant(rng, _latin_upper(lookout), way)
    birth, year_only = _listed_birth(rng, lookout)
    nationality = lookout.nationalities[0] if lookout.nationalities else "CAN"
    listed = lookout.documents[0].number if lookout.documents else ""
    new_number = f"X{rng.randrange(10**7):07d}"
    # The listed passport when an MRZ can carry it; otherwise a new one (a renewal).
    number = listed if papers == 0 and re.fullmatch(r"[A-Z0-9]{5,9}", listed) else new_number
    document = TravelDocument(DocumentType.PASSPORT, number, nationality, day + timedelta(days=900))
    return Traveller(
        name=name,
        birth_date=None if papers == 1 else birth,
        sex=lookout.sex or Sex.UNSPECIFIED,
        nationality=nationality,
        documents=(document,),
    ), f"{how}, {PAPERS[papers]}{'' if papers == 1 else year_only}"


def _namesake(rng: random.Random, lookout: Lookout, like: Traveller, day: date) -> Traveller:
    """Someone else with the listed person's name: born another day, of another country."""
    listed_births = {d[:4] for d in lookout.birth_dates}
    born = day - timedelta(days=rng.randint(18 * 365, 85 * 365))
    while born.isoformat()[:4] in listed_births:
        born -= timedelta(days=rng.randint(400, 4000))
    listed_nationalities = set(lookout.nationalities)
    nationality = next(
        n
        for n in rng.sample(["CAN", "USA", "GBR", "IND", "MEX"], 5)
        if n not in listed_nationalities
    )
    name = _latin_upper(lookout)
    document = replace(like.documents[0], issuing_state=nationality) if like.documents else None
    return replace(
        like,
        name=name,
        birth_date=born,
        sex=lookout.sex or like.sex,
        nationality=nationality,
        documents=(document,) if document else (),
    )


def _free_seat(
    rng: random.Random, flights: Sequence[ArrivingFlight], used: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """A (flight, seat) not planted yet, or None when every seat is."""
    if len(used) >= sum(len(f.passengers) for f in flights):
        return None
    while True:
        f = rng.randrange(len(flights))
        if not flights[f].passengers:
            continue
        at = (f, rng.randrange(len(flights[f].passengers)))
        if at not in used:
            used.add(at)
            return at


def _seat_traveller(
    flights: list[ArrivingFlight], at: tuple[int, int], traveller: Traveller
) -> ArrivingFlight:
    flight = flights[at[0]]
    passengers = list(flight.passengers)
    passengers[at[1]] = traveller
    flights[at[0]] = replace(flight, passengers=tuple(passengers))
    return flights[at[0]]


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
        and lk.birth_dates
        and any(n.full.isascii() for n in lk.names)
    ]
    common = [lk for lk in persons if common_name(lk)]
    rare = [lk for lk in persons if not common_name(lk)]
    chosen = rng.sample(common, min(len(common), COMMON_NAMES_PLANTED))
    chosen += rng.sample(rare, min(len(rare), LISTED_BY_AIR + LISTED_BY_LAND - len(chosen)))
    rng.shuffle(chosen)

    used: set[tuple[int, int]] = set()  # (flight, seat) already planted: one plant each
    for n, lookout in enumerate(chosen[:LISTED_BY_AIR]):
        traveller, how = _listed_traveller(rng, lookout, n % 4, n % len(PAPERS), day)
        at = _free_seat(rng, flights, used)
        if at is None:
            break
        flight = _seat_traveller(flights, at, traveller)
        plants.append(
            Plant(
                "listed",
                lookout.ref,
                traveller,
                f"{lookout.ref} on {flight.designator}, {how}",
                PAPERS[n % len(PAPERS)],
            )
        )

    general = [i for i, a in enumerate(arrivals) if a.lane is LaneType.GENERAL]
    for n, lookout in enumerate(chosen[LISTED_BY_AIR:]):
        if not general:
            break
        traveller, how = _listed_traveller(rng, lookout, n % 4, n % len(PAPERS), day)
        i = general.pop(rng.randrange(len(general)))
        arrivals[i] = replace(arrivals[i], traveller=traveller)
        plants.append(
            Plant(
                "listed",
                lookout.ref,
                traveller,
                f"{lookout.ref} at port {arrivals[i].port_code}, {how}",
                PAPERS[n % len(PAPERS)],
            )
        )

    namesakes: list[Traveller] = []
    for lookout in common:
        for n in range(NAMESAKES_PER_LOOKOUT):
            if n % 2 == 0:
                at = _free_seat(rng, flights, used)
                if at is None:
                    continue
                like = flights[at[0]].passengers[at[1]]
                namesakes.append(_namesake(rng, lookout, like, day))
                _seat_traveller(flights, at, namesakes[-1])
            elif general:
                i = general.pop(rng.randrange(len(general)))
                namesakes.append(_namesake(rng, lookout, arrivals[i].traveller, day))
                arrivals[i] = replace(arrivals[i], traveller=namesakes[-1])

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
    return PlantedDay(flights, arrivals, plants, suspended, missing, tuple(lookouts), namesakes)
