"""The demo's travel documents and passenger data: the day's documents written as MRZs
and read back, and API (PAXLST) and PNR (PNRGOV) messages for a few inbound flights.

Every figure is measured on the run. The flights are synthetic: their passengers are
drawn from the day's travellers who hold passports, and their bookings and payment cards
are made up here (card numbers pass the Luhn check so that masking has work to do).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from datetime import time as clock

from smartborder.demo.report import DemoReport
from smartborder.domain import DocumentType, Traveller
from smartborder.formats.mrz import MrzFormat, generate_mrz, mrz_data_of, parse_mrz
from smartborder.formats.mrz.names import transliterate
from smartborder.formats.paxlst import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
    counted,
    generate_paxlst,
    parse_paxlst,
)
from smartborder.formats.pnrgov import (
    BookedFlight,
    Payment,
    Pnr,
    PnrMessage,
    PnrPassenger,
    generate_pnrgov,
    parse_pnrgov,
)
from smartborder.world.day import SyntheticDay

#: Inbound flights of the demo: carrier, number, origin, destination, local times.
FLIGHTS = (
    ("AC", "855", "LHR", "YVR", clock(10, 15), clock(12, 10), 240),
    ("CX", "888", "HKG", "YVR", clock(0, 5), clock(20, 40), 280),
    ("AS", "219", "YVR", "SEA", clock(8, 0), clock(8, 55), 70),
)
CARD_PREFIXES = ("4", "51", "37")


def _luhn_card(rng: random.Random) -> str:
    """A made-up card number that passes the Luhn check."""
    prefix = rng.choice(CARD_PREFIXES)
    body = prefix + "".join(rng.choices("0123456789", k=15 - len(prefix)))
    total = 0
    for i, char in enumerate(reversed(body)):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class _Flight:
    carrier: str
    number: str
    leg: ScheduledLeg
    passengers: tuple[Traveller, ...]


def _mrz(report: DemoReport, day: SyntheticDay) -> None:
    section = report.section(
        "Travel documents (ICAO 9303 MRZ)",
        note="Each land traveller's document written as a machine-readable zone (passports "
        "TD3, cards TD1) and read back as the booth's reader would.",
    )
    people = [a.traveller for a in day.land if a.traveller.documents]
    zones = []
    for traveller in people:
        document = traveller.documents[0]
        fmt = MrzFormat.TD3 if document.type is DocumentType.PASSPORT else MrzFormat.TD1
        data = mrz_data_of(traveller, fmt)
        zones.append(
            generate_mrz(replace(data, document_code="P" if fmt is MrzFormat.TD3 else "I"))
        )
    started = time.perf_counter()
    results = [parse_mrz(zone, reference_date=day.day) for zone in zones]
    elapsed = time.perf_counter() - started
    lines = sum(len(z) for z in zones)
    valid = sum(1 for r in results if r.valid)
    same = 0
    for traveller, result in zip(people, results, strict=True):
        given = tuple(
            p for g in traveller.name.given_names for p in transliterate(g).split("<") if p
        )
        document = traveller.documents[0]
        same += (
            result.surname == transliterate(traveller.name.surname).replace("<", " ")
            and result.given_names == given
            and result.document_number == document.number
            and result.birth_date == traveller.birth_date
            and result.expiry_date == document.expiry_date
            and result.nationality == traveller.nationality
        )
    section.add("zones written and read", f"{len(zones):,} ({lines:,} lines)")
    section.add("read at", f"{len(zones) / max(elapsed, 1e-9):,.0f} MRZ/s "
                f"({lines / max(elapsed, 1e-9):,.0f} lines/s)")  # fmt: skip
    section.add("all check digits valid", f"{valid:,} of {len(zones):,}")
    section.add("every field read back as written", f"{same:,} of {len(zones):,}")
    report.figures.update(
        mrz_zones=len(zones),
        mrz_valid=valid,
        mrz_fields_equal=same,
        mrz_per_second=round(len(zones) / max(elapsed, 1e-9)),
    )


def _flights(day: SyntheticDay, rng: random.Random) -> list[_Flight]:
    holders = [a.traveller for a in day.land if a.traveller.primary_document
               and a.traveller.primary_document.type is DocumentType.PASSPORT]  # fmt: skip
    flights = []
    for carrier, number, origin, destination, leaves, lands, seats in FLIGHTS:
        departure = datetime.combine(day.day, leaves)
        arrival = datetime.combine(day.day, lands)
        if arrival < departure:
            departure -= timedelta(days=1)
        chosen = tuple(rng.sample(holders, min(len(holders), seats)))
        flights.append(
            _Flight(carrier, number, ScheduledLeg(origin, destination, departure, arrival), chosen)
        )
    return flights


def _paxlst(report: DemoReport, day: SyntheticDay, flights: list[_Flight]) -> None:
    lists = []
    for i, flight in enumerate(flights):
        entries = tuple(
            ReportedTraveller(t, "FL", ("P",), flight.leg.departure_airport,
                              flight.leg.arrival_airport, flight.leg.arrival_airport,
                              f"{flight.carrier}{i}{n:04d}", f"{n % 45 + 1}{'ABCDEF'[n % 6]}")
            for n, t in enumerate(flight.passengers)
        )  # fmt: skip
        pl = PassengerList(
            version="D:05B",
            sender=f"{flight.carrier}API",
            recipient="BORDERAPI",
            reference=f"PAX{i + 1}",
            list_type=ListType.PASSENGER,
            reporting_party=f"{flight.carrier} API DESK",
            flights=(ReportedFlight(flight.carrier, flight.number, (flight.leg,)),),
            travellers=entries,
        )
        lists.append(replace(pl, declared_count=counted(pl)))
    # One carrier quirk on purpose: the last list's CNT counts a passenger who was offloaded.
    lists[-1] = replace(lists[-1], declared_count=(lists[-1].declared_count or 0) + 1)
    prepared = datetime.combine(day.day, clock(6, 0))
    text = generate_paxlst(lists, sender="CARRIERS", recipient="BORDERAPI", prepared=prepared)
    started = time.perf_counter()
    result = parse_paxlst(text)
    elapsed = time.perf_counter() - started
    travellers = result.travellers
    warnings = [f for m in result.messages for f in m.findings] + list(result.findings)
    section = report.section(
        "Advance passenger information (PAXLST)",
        note="One interchange with a passenger list per flight; the last list's CNT was "
        "made to disagree with its passengers, as carriers' late changes do.",
    )
    for m in result.messages:
        f = m.flights[0]
        leg = f.legs[0]
        section.add(f"{f.carrier}{f.number} {leg.departure_airport}-{leg.arrival_airport}",
                    f"{len(m.travellers)} passengers, CNT {m.declared_count}")  # fmt: skip
    section.add("read at", f"{travellers / max(elapsed, 1e-9):,.0f} travellers/s "
                f"({len(text) / 1024:,.0f} KiB in {elapsed * 1000:,.1f} ms)")  # fmt: skip
    section.add("warnings", "; ".join(str(w) for w in warnings) or "none")
    report.figures.update(
        paxlst_messages=len(result.messages),
        paxlst_travellers=travellers,
        paxlst_warnings=len(warnings),
        paxlst_travellers_per_second=round(travellers / max(elapsed, 1e-9)),
    )


def _pnrgov(
    report: DemoReport, day: SyntheticDay, flights: list[_Flight], rng: random.Random
) -> None:
    texts: list[str] = []
    cards: list[str] = []
    prepared = datetime.combine(day.day - timedelta(days=1), clock(22, 0))
    for i, flight in enumerate(flights):
        booked = BookedFlight(flight.carrier, flight.number, flight.leg.departure_airport,
                              flight.leg.arrival_airport, flight.leg.departure_time,
                              flight.leg.arrival_time, "Y", "HK")  # fmt: skip
        pnrs = []
        people = list(flight.passengers)
        while people:
            size = rng.randint(1, 4)
            party, people = people[:size], people[size:]
            card = _luhn_card(rng)
            cards.append(card)
            pnrs.append(
                Pnr(
                    record_locator="".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=6)),
                    carrier=flight.carrier,
                    created=prepared - timedelta(days=rng.randint(1, 120)),
                    passengers=tuple(
                        PnrPassenger(t, t.name, str(n + 1), "A") for n, t in enumerate(party)
                    ),  # fmt: skip
                    itinerary=(booked,),
                    payments=(Payment("CC", "VI", card, "0129"),),
                )
            )
        message = PnrMessage(
            "13.1", flight.carrier, "BORDERPNR", str(i + 1), booked, len(pnrs), tuple(pnrs)
        )
        texts.append(generate_pnrgov(message, prepared=prepared, control_reference=str(i + 1)))
    started = time.perf_counter()
    results = [parse_pnrgov(text) for text in texts]
    elapsed = time.perf_counter() - started
    pnrs = [p for r in results for m in r.messages for p in m.pnrs]
    passengers = sum(len(p.passengers) for p in pnrs)
    rendered = repr(results)
    leaked = sum(1 for card in cards if card in rendered)
    warnings = sum(len(m.findings) for r in results for m in r.messages)
    section = report.section(
        "Reservation data (PNRGOV)",
        note="One PNRGOV push per flight, the day before; every booking paid by card.",
    )
    section.add(
        "PNRs read", f"{len(pnrs):,} with {passengers:,} passengers in {len(texts)} messages"
    )
    section.add("read at", f"{len(pnrs) / max(elapsed, 1e-9):,.0f} PNRs/s")
    section.add("full card numbers in the parsed data", f"{leaked} of {len(cards):,} written")
    section.add("warnings", f"{warnings}")
    report.figures.update(
        pnrgov_pnrs=len(pnrs),
        pnrgov_passengers=passengers,
        pnrgov_cards_leaked=leaked,
        pnrgov_warnings=warnings,
    )


def formats_sections(report: DemoReport, day: SyntheticDay) -> None:
    """Add the travel-document and passenger-data sections to the report."""
    rng = random.Random(day.seed + 303)
    _mrz(report, day)
    flights = _flights(day, rng)
    if not any(f.passengers for f in flights):
        return
    _paxlst(report, day, flights)
    _pnrgov(report, day, flights, rng)
