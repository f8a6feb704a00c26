"""Reading PAXLST: the fixtures written from the API guidelines, and carriers' quirks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from smartborder.domain import DocumentType, Sex, TravellerRole
from smartborder.errors import FormatError
from smartborder.formats.paxlst import ListType, parse_paxlst

Load = Callable[[str], str]


def test_d05b_passenger_list(fixture_text: Load) -> None:
    result = parse_paxlst(fixture_text("paxlst_d05b_passengers.edi"))
    assert result.findings == ()
    (pl,) = result.messages
    assert pl.findings == ()
    assert (pl.version, pl.sender, pl.recipient) == ("D:05B", "AIRCANADA", "CBSAAPI")
    assert pl.list_type is ListType.PASSENGER
    assert pl.reporting_party == "API DESK TORONTO"
    assert pl.reporting_phones == ("416-555-0100", "416-555-0101")
    assert pl.declared_count == 3 == len(pl.travellers)
    (flight,) = pl.flights
    assert (flight.carrier, flight.number) == ("AC", "855")
    (leg,) = flight.legs
    assert (leg.departure_airport, leg.arrival_airport) == ("LHR", "YVR")
    assert leg.departure_time == datetime(2026, 7, 3, 10, 15)
    assert leg.arrival_time == datetime(2026, 7, 3, 12, 10)

    obrien, nguyen, schmidt = pl.travellers
    t = obrien.traveller
    assert (t.name.surname, t.name.given_names) == ("O'BRIEN", ("SEAN", "PATRICK"))
    assert (t.sex, t.birth_date, t.nationality) == (Sex.MALE, date(1985, 2, 14), "IRL")
    assert (t.residence_country, t.birth_place) == ("IRL", "CORK")
    assert (obrien.embarkation, obrien.debarkation, obrien.clearance) == ("LHR", "YVR", "YVR")
    assert (obrien.booking_reference, obrien.seat, obrien.verified) == ("QX7P2L", "14C", True)
    assert obrien.address is not None and obrien.address.postal_code == "D02 X285"
    (passport,) = t.documents
    assert (passport.type, passport.number, passport.issuing_state) == (
        DocumentType.PASSPORT,
        "PX4471902",
        "IRL",
    )
    assert passport.expiry_date == date(2031, 6, 30)

    assert nguyen.traveller.name.given_names == ("THI MAI",)
    assert nguyen.document_codes == ("P", "V")
    visa = nguyen.traveller.documents[1]
    assert (visa.type, visa.issuing_state, visa.expiry_date) == (
        DocumentType.VISA,
        "CAN",
        date(2027, 1, 1),
    )
    assert nguyen.references == (("ABO", "BAG4471"),)

    assert schmidt.party == "DDT"
    assert schmidt.traveller.role is TravellerRole.IN_TRANSIT
    assert schmidt.traveller.sex is Sex.UNSPECIFIED  # ATT U
    assert schmidt.traveller.birth_date == date(1923, 5, 6)  # CCYYMMDD with format 102
    assert schmidt.traveller.nationality == "D"  # ICAO's code for Germany


def test_d02b_crew_list_with_crlf_and_no_una(fixture_text: Load) -> None:
    result = parse_paxlst(fixture_text("paxlst_d02b_crew.edi"))
    (pl,) = result.messages
    assert pl.findings == ()
    assert pl.version == "D:02B"
    assert pl.list_type is ListType.CREW
    # D:02B: TDT without a carrier element; the carrier comes from the flight id.
    assert (pl.flights[0].carrier, pl.flights[0].number) == ("WS", "1712")
    # D:02B: DTM without a format code, read by its length.
    assert pl.flights[0].legs[0].departure_time == datetime(2026, 7, 3, 8, 15)
    tremblay, kowalski = pl.travellers
    assert {t.party for t in pl.travellers} == {"FM"}
    assert all(t.traveller.role is TravellerRole.CREW for t in pl.travellers)
    # D:02B: DOC without its code-list qualifiers; a crew member certificate besides.
    assert tremblay.document_codes == ("P", "AC")
    assert [d.type for d in tremblay.traveller.documents] == [
        DocumentType.PASSPORT,
        DocumentType.OTHER,
    ]
    assert tremblay.address is not None and tremblay.address.city == "MONTREAL"
    assert kowalski.traveller.nationality == "POL"
    assert pl.declared_count == 2


def test_multi_leg_odd_separators_and_two_messages(fixture_text: Load) -> None:
    result = parse_paxlst(fixture_text("paxlst_multileg_quirks.edi"))
    assert result.findings == ()  # UNG absent, UNZ counts two messages
    first, second = result.messages
    (flight,) = first.flights
    assert [(leg.departure_airport, leg.arrival_airport) for leg in flight.legs] == [
        ("ZRH", "YUL"),
        ("YUL", "ORD"),
    ]
    assert flight.legs[0].arrival_time == datetime(2026, 7, 3, 11, 20)
    assert flight.legs[1].departure_time == datetime(2026, 7, 3, 12, 50)
    assert first.reporting_party == "SWISS OPERATIONS|ZURICH"  # released element separator
    darcy, mueller = first.travellers
    assert darcy.traveller.name.surname == "D|ARCY"
    assert darcy.traveller.name.given_names == ("CLAIRE>ANNE",)
    assert darcy.booking_reference == "MK8Q~2"  # released segment terminator
    # A segment split across two lines.
    assert mueller.traveller.documents[0].expiry_date == date(2030, 11, 15)
    # CNT disagreeing with the list is a warning, not a failure.
    assert [f.code for f in first.findings] == ["count"]
    assert "CNT declares 3 passengers, the list has 2" in first.findings[0].message
    # The close-out variant: BGM 266 with CLOB is still a passenger list.
    assert (second.document_code, second.document_variant) == ("266", "CLOB")
    assert second.list_type is ListType.PASSENGER
    assert second.findings == ()


def test_flights_become_domain_flights_where_the_zones_are_known(fixture_text: Load) -> None:
    result = parse_paxlst(fixture_text("paxlst_multileg_quirks.edi"))
    flight = result.messages[0].flights[0]
    zurich, montreal = ZoneInfo("Europe/Zurich"), ZoneInfo("America/Toronto")
    domain = flight.to_flight({"ZRH": zurich, "YUL": montreal})
    assert domain.designator == "LX40"
    assert (domain.origin, domain.destination) == ("ZRH", "ORD")
    first = domain.legs[0]
    assert first.departure_time == datetime(2026, 7, 3, 7, 5, tzinfo=ZoneInfo("UTC"))
    assert domain.legs[1].arrival_time is None  # ORD's zone was not given


def wrap(body: str, version: str = "D:05B") -> str:
    count = body.count("'") + 2
    return f"UNH+1+PAXLST:{version}:UN:IATA'{body}UNT+{count}+1'"


@pytest.mark.parametrize(
    ("bgm", "list_type"),
    [("745", "passenger"), ("250", "crew"), ("266+CLOB", "passenger"), ("336", "crew")],
)
def test_bgm_codes(bgm: str, list_type: str) -> None:
    (pl,) = parse_paxlst(wrap(f"BGM+{bgm}'NAD+FL+++A'")).messages
    assert pl.list_type == list_type


def test_an_unknown_bgm_is_read_from_the_travellers_with_a_finding() -> None:
    (pl,) = parse_paxlst(wrap("BGM+999'NAD+FM+++A'")).messages
    assert pl.list_type is ListType.CREW
    assert [f.code for f in pl.findings] == ["list-type"]


def test_missing_optional_segments() -> None:
    (pl,) = parse_paxlst(wrap("BGM+745'TDT+20+AC855'NAD+FL+++SOLO'")).messages
    assert pl.findings == ()
    assert pl.declared_count is None
    assert pl.reporting_party is None
    (traveller,) = pl.travellers
    assert traveller.traveller.documents == ()
    assert traveller.traveller.birth_date is None
    assert pl.flights[0].legs == ()


def test_crew_counted_against_cnt_41() -> None:
    body = "BGM+250'NAD+FM+++A'NAD+DDU+++B'NAD+FL+++C'CNT+41:2'"
    (pl,) = parse_paxlst(wrap(body)).messages
    assert pl.findings == ()
    assert pl.travellers[1].traveller.role is TravellerRole.CREW


def test_unreadable_values_are_findings_not_failures() -> None:
    body = (
        "BGM+745'TDT+20+AC855'LOC+125+YYZ'DTM+189:2613011200:201'"
        "NAD+FL+++A'ATT+2++Q'DTM+329:991399'DOC+P+'DTM+36:300101'LOC+91+CAN'XYZ+1'CNT+42:A'"
    )
    (pl,) = parse_paxlst(wrap(body)).messages
    assert sorted(f.code for f in pl.findings) == [
        "bad-date",
        "bad-date",
        "count",
        "document",
        "sex",
        "unknown-segment",
    ]
    assert pl.travellers[0].traveller.documents == ()


@pytest.mark.parametrize("count", ["²", "٣", "1²"], ids=["superscript", "arabic-indic", "mixed"])
def test_a_count_in_other_digits_is_a_finding(count: str) -> None:
    # str.isdigit() says yes to "²", and int() then fails (found by the fuzzer).
    (pl,) = parse_paxlst(wrap(f"BGM+745'NAD+FL+++A'CNT+42:{count}'")).messages
    assert [f.code for f in pl.findings] == ["count"] and pl.declared_count is None


def test_a_traveller_without_a_name_is_a_format_error_naming_the_segment() -> None:
    with pytest.raises(FormatError) as caught:
        parse_paxlst(wrap("BGM+745'NAD+FL+++:'"))
    assert caught.value.where == "segment 3 (NAD) at line 1, column 36"


def test_bytes_are_decoded_by_the_declared_character_set() -> None:
    text = "UNB+UNOC:3+A+B+260703:0900+1'" + wrap("BGM+745'NAD+FL+++MÜLLER'") + "UNZ+1+1'"
    (pl,) = parse_paxlst(text.encode("latin-1")).messages
    assert pl.travellers[0].traveller.name.surname == "MÜLLER"


def test_two_digit_birth_years_follow_the_preparation_date() -> None:
    text = "UNB+UNOA:4+A+B+300101:0900+1'" + wrap("BGM+745'NAD+FL+++A'DTM+329:291231'")
    (pl,) = parse_paxlst(text + "UNZ+1+1'").messages
    assert pl.travellers[0].traveller.birth_date == date(2029, 12, 31)
    text = "UNB+UNOA:4+A+B+290101:0900+1'" + wrap("BGM+745'NAD+FL+++A'DTM+329:291231'")
    (pl,) = parse_paxlst(text + "UNZ+1+1'").messages
    assert pl.travellers[0].traveller.birth_date == date(1929, 12, 31)


def test_text_after_the_trailer_is_read_with_a_warning_naming_its_line(fixture_text: Load) -> None:
    text = fixture_text("paxlst_d05b_passengers.edi")
    lines = text.rstrip("\n").count("\n") + 1
    result = parse_paxlst((text.rstrip("\n") + "\nEND OF TRANSMISSION\n").encode())
    assert [f.code for f in result.findings] == ["after-unz"]
    assert result.findings[0].where == f"line {lines + 1}, column 1"
    assert len(result.messages[0].travellers) == 3
