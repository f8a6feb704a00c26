"""The facts a rule can look at: one flat, named, typed catalogue.

A traveller is assessed on a flat mapping of these names to values, built once per
traveller from the API/PNR messages and the crossing history. Keeping the catalogue
explicit is what lets a rule be refused when it is saved ("unknown field, did you mean
...") instead of silently never matching.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from smartborder.errors import ValidationFailed


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    TEXT_LIST = "text_list"  # several values: phone numbers, countries on the route...


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: FieldType
    description: str
    value_kind: str | None = None  # for value-list membership: phone, email, card, address


def _f(name: str, type_: FieldType, description: str, kind: str | None = None) -> FieldSpec:
    return FieldSpec(name, type_, description, kind)


T, N, B, D, DT, L = (
    FieldType.TEXT,
    FieldType.NUMBER,
    FieldType.BOOLEAN,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.TEXT_LIST,
)

_FIELDS = (
    # The traveller, as the API data or the document says.
    _f("traveller.surname", T, "Surname"),
    _f("traveller.given_names", T, "Given names, space-separated"),
    _f("traveller.birth_date", D, "Date of birth"),
    _f("traveller.age", N, "Age in whole years on the day of travel"),
    _f("traveller.sex", T, "M, F or X"),
    _f("traveller.nationality", T, "Nationality, ISO 3166 alpha-3"),
    _f("traveller.residence_country", T, "Country of residence, alpha-3"),
    _f("traveller.role", T, "passenger, crew, in_transit, driver or pedestrian"),
    # The travel document presented or declared.
    _f("document.type", T, "P passport, I identity card, V visa, NEXUS, FAST, EDL..."),
    _f("document.number", T, "Document number"),
    _f("document.issuing_country", T, "Issuing state, ICAO code"),
    _f("document.expiry_date", D, "Expiry date"),
    _f("document.days_to_expiry", N, "Days from the day of travel to expiry (negative: expired)"),
    _f("document.mrz_valid", B, "Every MRZ check digit passed (land reads)"),
    # The flight and the whole itinerary.
    _f("flight.carrier", T, "Operating carrier, IATA code"),
    _f("flight.number", T, "Flight number"),
    _f("flight.origin", T, "First departure airport, IATA"),
    _f("flight.destination", T, "Last arrival airport, IATA"),
    _f("flight.departure_time", DT, "Scheduled departure (UTC)"),
    _f("flight.arrival_time", DT, "Scheduled arrival (UTC)"),
    _f("itinerary.airports", L, "Every airport on the booked itinerary, in order"),
    _f("itinerary.countries", L, "Every country on the itinerary, alpha-3"),
    _f("itinerary.route", T, "The route as text, e.g. YVR-FRA-IST"),
    _f("itinerary.legs", N, "Number of legs booked"),
    _f("itinerary.embarkation", T, "Where this traveller boarded, IATA"),
    _f("itinerary.debarkation", T, "Where this traveller leaves the flight, IATA"),
    # The passenger name record.
    _f("pnr.record_locator", T, "Booking reference"),
    _f("pnr.booking_date", D, "Date the booking was made"),
    _f("pnr.lead_time_days", N, "Days between booking and departure"),
    _f("pnr.one_way", B, "The booking has no return segment"),
    _f("pnr.payment_forms", L, "Forms of payment: CC, CA (cash), CK (cheque), MS..."),
    _f(
        "pnr.card_numbers",
        L,
        "Payment cards: masked number and expiry, XXXXXXXXXXXX1111 1227",
        "card",
    ),
    _f("pnr.travel_agency", T, "Booking travel agency (IATA number or name)"),
    _f("pnr.co_travellers", N, "Other travellers on the same booking"),
    _f("pnr.bags", N, "Checked bags"),
    _f("pnr.bag_weight_kg", N, "Total checked bag weight"),
    _f("pnr.seat", T, "Seat number"),
    _f("pnr.phones", L, "Contact phone numbers", "phone"),
    _f("pnr.emails", L, "Contact e-mail addresses", "email"),
    _f("pnr.addresses", L, "Contact and DOCA addresses", "address"),
    # The crossing at a land port.
    _f("crossing.mode", T, "air or land"),
    _f("crossing.port", T, "Port of entry code"),
    _f("crossing.lane", T, "general, nexus, ready, fast, commercial"),
    _f("crossing.plate", T, "Conveyance plate"),
    _f("crossing.hour", N, "Local hour of arrival, 0-23"),
    # History the node holds on this traveller.
    _f("history.crossings_365d", N, "Entries recorded in the last 365 days"),
    _f("history.days_since_last_crossing", N, "Days since the previous entry"),
    _f("history.referrals_365d", N, "Referrals to secondary in the last 365 days"),
    _f("history.confirmed_hits", N, "Hits on this identity confirmed by an analyst"),
)

CATALOGUE: dict[str, FieldSpec] = {spec.name: spec for spec in _FIELDS}


def field_spec(name: str, *, where: str) -> FieldSpec:
    """The spec of ``name``, or a ValidationFailed that suggests the nearest names."""
    spec = CATALOGUE.get(name)
    if spec is not None:
        return spec
    close = difflib.get_close_matches(name, CATALOGUE, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise ValidationFailed(f"{where}: unknown field {name!r}{hint}")
