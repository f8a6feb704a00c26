"""The facts of one traveller: the flat mapping that rules look at (see ``rules/fields``).

Built once per traveller from what the node received (PAXLST and its PNR, or the
document read at a land booth) and what it already holds (the crossing history). Every
name set here is in the rules catalogue; a test keeps the two in step.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from smartborder.domain import Address, Traveller
from smartborder.domain.decisions import History
from smartborder.formats.airports import airport_country, airport_zone
from smartborder.formats.mrz import MrzResult
from smartborder.formats.paxlst import PassengerList, ReportedTraveller
from smartborder.formats.pnrgov import Pnr, PnrPassenger
from smartborder.targeting.rules.operators import TRAVEL_DATE

Facts = dict[str, Any]
NO_HISTORY = History()


def _age(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _traveller(facts: Facts, traveller: Traveller, travel: date) -> None:
    facts["traveller.surname"] = traveller.name.surname
    facts["traveller.given_names"] = traveller.name.given
    facts["traveller.birth_date"] = traveller.birth_date
    facts["traveller.age"] = _age(traveller.birth_date, travel)
    facts["traveller.sex"] = str(traveller.sex)
    facts["traveller.nationality"] = traveller.nationality
    facts["traveller.residence_country"] = traveller.residence_country
    facts["traveller.role"] = str(traveller.role)
    document = traveller.primary_document
    if document is not None:
        facts["document.type"] = str(document.type)
        facts["document.number"] = document.number
        facts["document.issuing_country"] = document.issuing_state
        facts["document.expiry_date"] = document.expiry_date
        if document.expiry_date is not None:
            facts["document.days_to_expiry"] = (document.expiry_date - travel).days


def _history(facts: Facts, history: History, confirmed_hits: int, travel: date) -> None:
    """The node's own past decisions on this identity (the last 365 days, by the caller)."""
    facts["history.crossings_365d"] = history.decisions
    facts["history.days_since_last_crossing"] = (
        (travel - history.last_travel).days if history.last_travel else None
    )
    facts["history.referrals_365d"] = history.referrals
    facts["history.confirmed_hits"] = confirmed_hits


def air_travel_date(passenger_list: PassengerList) -> date | None:
    """The (local) date the reported flight leaves its first airport."""
    for flight in passenger_list.flights:
        for leg in flight.legs:
            moment = leg.departure_time or leg.arrival_time
            if moment is not None:
                return moment.date()
    return passenger_list.prepared.date() if passenger_list.prepared else None


def _utc(moment: datetime | None, airport: str) -> datetime | None:
    """A leg's local time as an instant: the message gives no zone, the airport has one.

    None where the airport is not in the table: a naive time would be compared with a
    rule's zoned one and fail, and a guessed zone could be hours out.
    """
    zone = airport_zone(airport) if moment is not None and airport else None
    return moment.replace(tzinfo=zone).astimezone(UTC) if moment and zone else None


def _text(address: Address) -> str:
    parts = [*address.lines, address.city, address.region, address.postal_code, address.country]
    return " ".join(p for p in parts if p)


def find_passenger(pnr: Pnr, traveller: Traveller) -> PnrPassenger | None:
    """The booking's passenger that is this traveller: same surname, then given name."""
    surname = traveller.name.surname.upper()
    same = [
        p
        for p in pnr.passengers
        if surname in (p.traveller.name.surname.upper(), p.booked_name.surname.upper())
    ]
    if len(same) > 1:
        first = traveller.name.given_names[:1]
        same = [p for p in same if p.traveller.name.given_names[:1] == first] or same
    return same[0] if same else None


def _pnr(facts: Facts, pnr: Pnr, passenger: PnrPassenger | None, travel: date) -> None:
    facts["pnr.record_locator"] = pnr.record_locator
    if pnr.created is not None:
        facts["pnr.booking_date"] = pnr.created.date()
        facts["pnr.lead_time_days"] = (travel - pnr.created.date()).days
    if pnr.itinerary:
        facts["pnr.one_way"] = (
            pnr.itinerary[-1].arrival_airport != pnr.itinerary[0].departure_airport
        )
        airports = [pnr.itinerary[0].departure_airport] + [f.arrival_airport for f in pnr.itinerary]
        facts["itinerary.airports"] = airports
        facts["itinerary.route"] = "-".join(airports)
        facts["itinerary.legs"] = len(pnr.itinerary)
        facts["itinerary.countries"] = _countries(airports)
    facts["pnr.payment_forms"] = sorted({p.type for p in pnr.payments})
    facts["pnr.card_numbers"] = [
        f"{p.card_number} {p.card_expiry or ''}".strip() for p in pnr.payments if p.card_number
    ]
    agency = pnr.travel_agency
    if agency is not None:
        facts["pnr.travel_agency"] = agency.agency_number or agency.office_id or agency.location
    facts["pnr.co_travellers"] = max(len(pnr.passengers) - 1, 0)
    facts["pnr.phones"] = list(pnr.contact.phones)
    facts["pnr.emails"] = list(pnr.contact.emails)
    addresses = [pnr.contact.address] if pnr.contact.address else []
    if passenger is not None:
        addresses += list(passenger.addresses)
        ref = passenger.reference
        bags = [b for b in pnr.bags if ref is None or b.passenger in (None, ref)]
        facts["pnr.bags"] = sum(b.count or 0 for b in bags)
        facts["pnr.bag_weight_kg"] = sum(_kilos(b.weight) for b in bags)
        seat = next((s.seat for s in pnr.seats if ref is None or s.passenger in (None, ref)), None)
        facts["pnr.seat"] = seat
    facts["pnr.addresses"] = [_text(a) for a in addresses if _text(a)]


def _kilos(weight: str | None) -> float:
    if not weight:
        return 0.0
    number = "".join(c for c in weight if c.isdigit() or c == ".")
    try:
        value = float(number)
    except ValueError:
        return 0.0
    return value * 0.4536 if "LB" in weight.upper() else value


def _countries(airports: list[str]) -> list[str]:
    seen: list[str] = []
    for code in airports:
        country = airport_country(code)
        if country and country not in seen:
            seen.append(country)
    return seen


def air_facts(
    passenger_list: PassengerList,
    entry: ReportedTraveller,
    *,
    pnr: Pnr | None = None,
    history: History = NO_HISTORY,
    confirmed_hits: int = 0,
    travel_date: date | None = None,
) -> Facts:
    """Facts of one traveller of an API list, with their booking when the PNR came too."""
    travel = travel_date or air_travel_date(passenger_list) or date.today()
    facts: Facts = {TRAVEL_DATE: travel, "crossing.mode": "air"}
    _traveller(facts, entry.traveller, travel)
    if passenger_list.flights:
        flight = passenger_list.flights[0]
        facts["flight.carrier"] = flight.carrier
        facts["flight.number"] = flight.number
        if flight.legs:
            airports = [flight.legs[0].departure_airport] + [
                leg.arrival_airport for leg in flight.legs
            ]
            facts["flight.origin"] = airports[0]
            facts["flight.destination"] = airports[-1]
            first, last = flight.legs[0], flight.legs[-1]
            facts["flight.departure_time"] = _utc(first.departure_time, first.departure_airport)
            facts["flight.arrival_time"] = _utc(last.arrival_time, last.arrival_airport)
            facts["itinerary.airports"] = airports
            facts["itinerary.route"] = "-".join(airports)
            facts["itinerary.legs"] = len(flight.legs)
            facts["itinerary.countries"] = _countries(airports)
    facts["itinerary.embarkation"] = entry.embarkation
    facts["itinerary.debarkation"] = entry.debarkation
    facts["pnr.seat"] = entry.seat
    if entry.booking_reference:
        facts["pnr.record_locator"] = entry.booking_reference
    if pnr is not None:
        _pnr(facts, pnr, find_passenger(pnr, entry.traveller), travel)
    _history(facts, history, confirmed_hits, travel)
    return facts


def land_facts(
    mrz: MrzResult,
    *,
    port: str,
    lane: str,
    arrived_at: datetime,
    local_hour: int,
    plate: str | None = None,
    history: History = NO_HISTORY,
    confirmed_hits: int = 0,
    traveller: Traveller | None = None,
) -> Facts:
    """Facts of a traveller at a land booth, from the document read and the booth.

    ``traveller`` is ``mrz.traveller()`` when the caller has it already.
    """
    travel = arrived_at.date()
    facts: Facts = {TRAVEL_DATE: travel, "crossing.mode": "land"}
    _traveller(facts, traveller or mrz.traveller(), travel)
    facts["document.mrz_valid"] = mrz.valid
    facts["crossing.port"] = port
    facts["crossing.lane"] = lane
    facts["crossing.plate"] = plate
    facts["crossing.hour"] = local_hour
    _history(facts, history, confirmed_hits, travel)
    return facts
