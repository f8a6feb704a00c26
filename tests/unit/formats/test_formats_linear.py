"""The parsers run in linear time: double the input, at most double the work.

Work counted exactly: the Python lines the formats package executes (``sys.settrace``),
for an input and the same input doubled. This is deterministic, so it cannot be flaky;
it catches any loop in our code that grows faster than the input. Work done in C
(``str.split``, regular expressions) is invisible to it: ``bench/formats_growth.py``
measures the CPU time of the same cases, as a figure rather than an assertion.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from types import FrameType
from typing import Any

import pytest

from smartborder.domain import DocumentType, PersonName, Sex, TravelDocument, Traveller
from smartborder.errors import FormatError
from smartborder.formats.mrz import parse_mrz
from smartborder.formats.paxlst import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
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

PREPARED = datetime(2026, 7, 3, 9, 0)


def traveller(i: int) -> Traveller:
    return Traveller(
        name=PersonName(f"SURNAME{i}", ("GIVEN", f"N{i}")),
        birth_date=date(1980, 1, 1 + i % 28),
        sex=Sex.FEMALE if i % 2 else Sex.MALE,
        nationality="CAN",
        documents=(TravelDocument(DocumentType.PASSPORT, f"AB{i:07d}", "CAN", date(2030, 1, 1)),),
    )


def paxlst(n: int) -> str:
    pl = PassengerList(
        version="D:05B",
        sender="AIR",
        recipient="GOV",
        reference="1",
        list_type=ListType.PASSENGER,
        flights=(ReportedFlight("AC", "855", (ScheduledLeg("LHR", "YVR", PREPARED, PREPARED),)),),
        travellers=tuple(
            ReportedTraveller(traveller(i), "FL", ("P",), "LHR", "YVR", None, f"B{i}", f"{i}A")
            for i in range(n)
        ),
        declared_count=n,
    )
    return generate_paxlst([pl], sender="AIR", recipient="GOV", prepared=PREPARED)


def pnrgov(n: int) -> str:
    flight = BookedFlight("AC", "855", "LHR", "YVR", PREPARED, PREPARED, "Y", "HK")
    pnrs = tuple(
        Pnr(
            record_locator=f"L{i:05d}",
            carrier="AC",
            passengers=(PnrPassenger(traveller(i), traveller(i).name, "1", "A"),),
            itinerary=(flight,),
            payments=(Payment("CC", "VI", "4111111111111111", "0128"),),
        )
        for i in range(n)
    )
    message = PnrMessage("11.1", "AC", "GOV", "1", flight, n, pnrs)
    return generate_pnrgov(message, prepared=PREPARED)


def count_lines(parse: Callable[[], object]) -> int:
    """The lines of smartborder.formats that ``parse`` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if "smartborder/formats" in frame.f_code.co_filename else None

    sys.settrace(tracer)
    try:
        parse()
    except FormatError:
        pass
    finally:
        sys.settrace(None)
    return count


UNH = "UNH+1+PAXLST:D:05B:UN:IATA'"
PNR = "UNH+1+PNRGOV:11:1:IA'SRC'RCI+AC:X'"
Parse = Callable[[str], object]

# Each case: a name, the input of size n, and the parser to give it to.
CASES: list[tuple[str, Callable[[int], str], Parse]] = [
    ("paxlst travellers", paxlst, parse_paxlst),
    ("pnrgov pnrs", pnrgov, parse_pnrgov),
    (
        "runs of release characters",
        lambda n: UNH + "FTX+" + "??" * 40 * n + "?'" * n + "'UNT+3+1'",
        parse_paxlst,
    ),
    (
        "released separators everywhere",
        lambda n: UNH + "NAD+FL+++A" + "?:?+" * 50 * n + "'UNT+3+1'",
        parse_paxlst,
    ),
    (
        "line breaks inside segments",
        lambda n: UNH + "NAD+FL+++A" + "B\r\n" * 600 * n + "'UNT+3+1'",
        parse_paxlst,
    ),
    ("messages without UNT", lambda n: (UNH + "BGM+745'") * 20 * n, parse_paxlst),
    ("unknown segments", lambda n: UNH + "XYZ+1'" * 30 * n + "UNT+2+1'", parse_paxlst),
    (
        "card-like digits in free text",
        lambda n: PNR + "IFT+3+" + "4111 1111 1111 1111 " * 20 * n + "'UNT+5+1'",
        parse_pnrgov,
    ),
    ("many short MRZ lines", lambda n: "P<<\n" * 100 * n, parse_mrz),
]


def bound(make: Callable[[int], str], parse: Parse, n: int) -> Callable[[], object]:
    text = make(n)
    return lambda: parse(text)


@pytest.mark.parametrize(("name", "make", "parse"), CASES, ids=[c[0] for c in CASES])
def test_doubling_the_input_at_most_doubles_the_counted_work(
    name: str, make: Callable[[int], str], parse: Parse
) -> None:
    small = count_lines(bound(make, parse, 20))
    large = count_lines(bound(make, parse, 40))
    assert small > 0
    assert large <= 2.2 * small, f"{name}: {small} lines for n, {large} for 2n"
