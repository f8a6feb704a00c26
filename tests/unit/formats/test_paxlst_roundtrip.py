"""Writing PAXLST and reading it back gives every field back, whatever the separators."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from smartborder.domain import Address, PersonName, Sex, TravelDocument, Traveller
from smartborder.formats.edifact import Separators
from smartborder.formats.paxlst import (
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
    counted,
    generate_paxlst,
    parse_paxlst,
)
from smartborder.formats.paxlst.codes import TRAVELLER_PARTIES, document_type
from smartborder.formats.paxlst.model import LIST_TYPES

PREPARED = datetime(2026, 7, 3, 9, 15)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
SPECIALS = ":+'?*|#!~^>@;&%$"

codes3 = st.text(LETTERS, min_size=3, max_size=3)
alnum = st.text(LETTERS + DIGITS, min_size=1, max_size=9)


@st.composite
def separators(draw: st.DrawFn) -> Separators:
    component, element, segment, release = draw(
        st.lists(st.sampled_from(SPECIALS), min_size=4, max_size=4, unique=True)
    )
    return Separators(component, element, draw(st.sampled_from(".,")), release, " ", segment)


def text(specials: str) -> st.SearchStrategy[str]:
    """Free text that may hold any separator (to be released), never blank at either end."""
    inner = st.text(LETTERS + " -" + specials, max_size=10)
    return st.builds(
        lambda a, b, c: a + b + c, st.sampled_from(LETTERS), inner, st.sampled_from(LETTERS)
    )


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    base = datetime(draw(st.sampled_from([1999, 2026, 2099, 2101])), 1, 1)
    return base + timedelta(minutes=draw(st.integers(0, 364 * 24 * 60)))


@st.composite
def flights(draw: st.DrawFn, old: bool) -> ReportedFlight:
    carrier = draw(st.sampled_from(["AC", "U2", "9W", "WS"] if old else ["AC", "LX", "ACA", "U2"]))
    number = draw(st.text(DIGITS, min_size=1, max_size=4)) + draw(st.sampled_from(["", "A"]))
    airports = draw(st.lists(codes3, min_size=2, max_size=4, unique=True))
    chained = draw(st.booleans())
    if chained:
        pairs = list(zip(airports, airports[1:], strict=False))
    else:
        pairs = [(airports[0], airports[1])] + (
            [(airports[2], airports[3])] if len(airports) == 4 else []
        )
    legs = tuple(
        ScheduledLeg(a, b, draw(st.none() | moments()), draw(st.none() | moments()))
        for a, b in pairs
    )
    return ReportedFlight(carrier, number, legs)


@st.composite
def travellers(draw: st.DrawFn, specials: str, old: bool) -> ReportedTraveller:
    party = draw(st.sampled_from(sorted(TRAVELLER_PARTIES)))
    doc_codes = tuple(draw(st.lists(st.sampled_from(["P", "V", "I", "C", "AC", "IP"]), max_size=2)))
    documents = tuple(
        TravelDocument(
            type=document_type(code),
            number=draw(alnum),
            issuing_state=draw(st.none() | codes3),
            expiry_date=draw(st.none() | st.dates(date(1990, 1, 1), date(2060, 12, 31))),
            issue_date=draw(st.none() | st.dates(date(1990, 1, 1), PREPARED.date())),
        )
        for code in doc_codes
    )
    address = draw(
        st.none()
        | st.builds(
            Address,
            lines=st.lists(text(specials), min_size=1, max_size=2).map(tuple),
            city=text(specials),
            region=st.none() | codes3,
            postal_code=st.none() | alnum,
            country=st.none() | codes3,
        )
    )
    birth = draw(st.none() | st.dates(date(1900, 1, 1), PREPARED.date()))
    traveller = Traveller(
        name=PersonName(draw(text(specials)), tuple(draw(st.lists(text(specials), max_size=3)))),
        birth_date=birth,
        sex=draw(st.sampled_from(list(Sex))),
        nationality=draw(st.none() | codes3),
        documents=documents,
        role=TRAVELLER_PARTIES[party],
        residence_country=draw(st.none() | codes3),
        birth_place=draw(st.none() | text(specials)),
    )
    return ReportedTraveller(
        traveller=traveller,
        party=party,
        document_codes=doc_codes,
        embarkation=draw(st.none() | codes3),
        debarkation=draw(st.none() | codes3),
        clearance=draw(st.none() | codes3),
        booking_reference=draw(st.none() | alnum),
        seat=draw(st.none() | alnum),
        references=tuple(
            draw(st.lists(st.tuples(st.sampled_from(["ABO", "AEA", "CR"]), alnum), max_size=2))
        ),
        address=address,
        verified=False if old else draw(st.booleans()),
    )


@st.composite
def passenger_lists(draw: st.DrawFn, specials: str, version: str) -> PassengerList:
    old = version == "D:02B"
    code = draw(st.sampled_from(sorted(LIST_TYPES)))
    pl = PassengerList(
        version=version,
        sender="AIRLINE",
        recipient="BORDER",
        reference=draw(alnum),
        list_type=LIST_TYPES[code],
        document_code=code,
        document_variant="CLOB" if code == "266" else "",
        reporting_party=draw(st.none() | text(specials)),
        reporting_phones=tuple(
            draw(st.lists(st.text(DIGITS, min_size=7, max_size=10), max_size=2))
        ),
        flights=tuple(draw(st.lists(flights(old), min_size=1, max_size=2))),
        travellers=tuple(draw(st.lists(travellers(specials, old), max_size=6))),
    )
    if pl.reporting_party is None:
        pl = replace(pl, reporting_phones=())
    return replace(pl, declared_count=counted(pl))


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_generate_then_parse_gives_every_field_back(data: st.DataObject) -> None:
    seps = data.draw(separators())
    version = data.draw(st.sampled_from(["D:05B", "D:02B"]))
    specials = seps.component + seps.element + seps.segment + seps.release
    lists = data.draw(st.lists(passenger_lists(specials, version), min_size=1, max_size=3))
    text = generate_paxlst(
        lists,
        sender="AIRLINE",
        recipient="BORDER",
        prepared=PREPARED,
        separators=seps,
        group=data.draw(st.booleans()),
        newline=data.draw(st.sampled_from(["\n", "", "\r\n"])),
    )
    result = parse_paxlst(text)
    assert result.findings == ()
    assert result.separators == seps
    assert len(result.messages) == len(lists)
    for parsed, original in zip(result.messages, lists, strict=True):
        assert parsed.findings == ()
        assert replace(parsed, prepared=None) == original


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_default_separators_need_no_una(data: st.DataObject) -> None:
    lists = data.draw(st.lists(passenger_lists("'+:?", "D:05B"), min_size=1, max_size=2))
    text = generate_paxlst(
        lists, sender="AIRLINE", recipient="BORDER", prepared=PREPARED, una=False
    )
    result = parse_paxlst(text)
    assert [replace(m, prepared=None) for m in result.messages] == lists
