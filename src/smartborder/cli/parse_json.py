"""The public JSON shapes of the parse results: what ``smartborder parse`` prints (the
command's presenter, so it lives with the command line).

These shapes are a contract (scripts and benchmarks read them): field names change only
with a migration note in the changelog. Dates are ``YYYY-MM-DD``; flight times are the
local times the message gives, ``YYYY-MM-DDTHH:MM:SS`` without an offset; absent values
are ``null``; given names are one string, separated by spaces.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from smartborder.domain import Address, Traveller
from smartborder.formats.findings import Finding
from smartborder.formats.mrz import MrzResult
from smartborder.formats.paxlst import PassengerList, PaxlstInterchange, ReportedTraveller
from smartborder.formats.pnrgov import (
    BookedFlight,
    BookingOffice,
    Pnr,
    PnrgovInterchange,
    PnrPassenger,
)

Record = dict[str, Any]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _findings(findings: tuple[Finding, ...]) -> list[dict[str, str | None]]:
    return [f.as_dict() for f in findings]


def _address(address: Address | None) -> Record | None:
    if address is None:
        return None
    return {
        "lines": list(address.lines),
        "city": address.city,
        "region": address.region,
        "postal_code": address.postal_code,
        "country": address.country,
    }


def mrz_record(result: MrzResult) -> Record:
    return {
        "document_type": result.document_code,
        "format": str(result.format),
        "issuing_state": result.issuing_state,
        "surname": result.surname,
        "given_names": " ".join(result.given_names),
        "document_number": result.document_number,
        "nationality": result.nationality,
        "birth_date": _day(result.birth_date),
        "sex": str(result.sex),
        "expiry_date": _day(result.expiry_date),
        "optional_data": result.optional_data,
        "optional_data_2": result.optional_data_2,
        "valid": result.valid,
        "checks": [{"name": c.name, "passed": c.passed} for c in result.checks],
        "findings": _findings(result.findings),
    }


def _person(t: Traveller) -> Record:
    return {
        "surname": t.name.surname,
        "given_names": t.name.given,
        "sex": str(t.sex),
        "birth_date": _day(t.birth_date),
        "nationality": t.nationality,
    }


def _documents(t: Traveller, codes: tuple[str, ...] = ()) -> list[Record]:
    return [
        {
            "type": codes[i] if i < len(codes) else str(d.type),
            "number": d.number,
            "issuing_country": d.issuing_state,
            "expiry_date": _day(d.expiry_date),
        }
        for i, d in enumerate(t.documents)
    ]


def _reported(entry: ReportedTraveller) -> Record:
    t = entry.traveller
    return {
        "role": str(t.role),
        "party": entry.party,
        **_person(t),
        "documents": _documents(t, entry.document_codes),
        "embarkation": entry.embarkation,
        "debarkation": entry.debarkation,
        "clearance": entry.clearance,
        "booking_reference": entry.booking_reference,
        "seat": entry.seat,
        "residence_country": t.residence_country,
        "birth_place": t.birth_place,
        "verified": entry.verified,
        "address": _address(entry.address),
        "references": [{"type": q, "value": v} for q, v in entry.references],
    }


def passenger_list_record(pl: PassengerList) -> Record:
    return {
        "version": pl.version,
        "reference": pl.reference,
        "sender": pl.sender,
        "receiver": pl.recipient,
        "message_type": str(pl.list_type),
        "document_code": pl.document_code,
        "document_variant": pl.document_variant or None,
        "reporting_party": pl.reporting_party,
        "flights": [
            {
                "carrier": f.carrier,
                "number": f.number,
                "legs": [
                    {
                        "departure_airport": leg.departure_airport or None,
                        "departure_time": _moment(leg.departure_time),
                        "arrival_airport": leg.arrival_airport or None,
                        "arrival_time": _moment(leg.arrival_time),
                    }
                    for leg in f.legs
                ],
            }
            for f in pl.flights
        ],
        "travellers": [_reported(t) for t in pl.travellers],
        "declared_count": pl.declared_count,
        "warnings": _findings(pl.findings),
    }


def paxlst_record(interchange: PaxlstInterchange) -> Record:
    return {
        "messages": [passenger_list_record(m) for m in interchange.messages],
        "warnings": _findings(interchange.findings),
    }


def _flight(f: BookedFlight | None) -> Record | None:
    if f is None:
        return None
    return {
        "carrier": f.carrier,
        "number": f.number,
        "departure_airport": f.departure_airport,
        "departure_time": _moment(f.departure_time),
        "arrival_airport": f.arrival_airport,
        "arrival_time": _moment(f.arrival_time),
        "booking_class": f.booking_class,
        "status": f.status,
        "operating_carrier": f.operating_carrier,
    }


def _pnr_passenger(p: PnrPassenger) -> Record:
    t = p.traveller
    return {
        "reference": p.reference,
        "passenger_type": p.passenger_type,
        "booked_surname": p.booked_name.surname,
        "booked_given_names": p.booked_name.given,
        **_person(t),
        "birth_place": t.birth_place,
        "documents": _documents(t),
        "addresses": [_address(a) for a in p.addresses],
        "frequent_flyer": list(p.frequent_flyer),
        "tickets": [
            {
                "number": k.number,
                "document_type": k.document_type,
                "issued": _day(k.issued),
                "total": k.total,
            }
            for k in p.tickets
        ],
        "special_requests": list(p.special_requests),
    }


def _office(office: BookingOffice | None) -> Record | None:
    return asdict(office) if office is not None else None


def pnr_record(pnr: Pnr) -> Record:
    return {
        "record_locator": pnr.record_locator,
        "carrier": pnr.carrier,
        "other_locators": list(pnr.other_locators),
        "created": _moment(pnr.created),
        "booking_office": _office(pnr.booking_office),
        "travel_agency": _office(pnr.travel_agency),
        "passengers": [_pnr_passenger(p) for p in pnr.passengers],
        "itinerary": [_flight(f) for f in pnr.itinerary],
        "contacts": {
            "phones": list(pnr.contact.phones),
            "emails": list(pnr.contact.emails),
            "address": _address(pnr.contact.address),
        },
        "payments": [
            {
                "type": p.type,
                "card_vendor": p.card_vendor,
                "card_number": p.card_number,
                "card_expiry": p.card_expiry,
                "amount": p.amount,
            }
            for p in pnr.payments
        ],
        "seats": [
            {"seat": s.seat, "flight": s.flight, "passenger": s.passenger} for s in pnr.seats
        ],
        "bags": [
            {
                "flight": b.flight,
                "passenger": b.passenger,
                "count": b.count,
                "weight": b.weight,
                "tags": list(b.tags),
            }
            for b in pnr.bags
        ],
        "history": [
            {"when": _moment(h.when), "by": h.by, "action": h.action, "details": list(h.details)}
            for h in pnr.history
        ],
        "remarks": list(pnr.remarks),
    }


def pnrgov_record(interchange: PnrgovInterchange) -> Record:
    return {
        "messages": [
            {
                "version": m.version,
                "reference": m.reference,
                "sender": m.sender,
                "receiver": m.recipient,
                "flight": _flight(m.flight),
                "declared_count": m.declared_count,
                "pnrs": [pnr_record(p) for p in m.pnrs],
                "warnings": _findings(m.findings),
            }
            for m in interchange.messages
        ],
        "warnings": _findings(interchange.findings),
    }
