"""Interchanges, groups and messages: the envelope shapes carriers send."""

from __future__ import annotations

from datetime import datetime

import pytest

from smartborder.errors import FormatError
from smartborder.formats.edifact import read_interchange

MESSAGE = "UNH+{ref}+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+{ref}'"


def codes(findings: tuple[object, ...]) -> list[str]:
    return [f.code for f in findings]  # type: ignore[attr-defined]


def test_several_messages_without_a_group() -> None:
    text = (
        "UNB+UNOA:4+AIR:ZZ+GOV:ZZ+260703:0915+77'"
        + MESSAGE.format(ref=1)
        + MESSAGE.format(ref=2)
        + "UNZ+2+77'"
    )
    interchange = read_interchange(text)
    assert interchange.findings == ()
    assert [m.reference for m in interchange.messages] == ["1", "2"]
    first = interchange.messages[0]
    assert (first.type, first.version, first.agency, first.association) == (
        "PAXLST",
        "D:05B",
        "UN",
        "IATA",
    )
    assert (first.sender, first.recipient) == ("AIR", "GOV")
    assert first.prepared == datetime(2026, 7, 3, 9, 15)
    assert [s.tag for s in first.body] == ["BGM"]


def test_groups_address_their_messages() -> None:
    text = (
        "UNB+UNOA:4+AIR+GOV+260703:0915+77'"
        "UNG+PAXLST+AIRAPI+GOVAPI+260703:0916+5+UN+D:05B'" + MESSAGE.format(ref=1) + "UNE+1+5'"
        "UNG+PAXLST+AIRCREW+GOVAPI+260703:0917+6+UN+D:05B'" + MESSAGE.format(ref=2) + "UNE+1+6'"
        "UNZ+2+77'"
    )
    interchange = read_interchange(text)
    assert interchange.findings == ()
    assert [m.sender for m in interchange.messages] == ["AIRAPI", "AIRCREW"]
    assert interchange.messages[1].prepared == datetime(2026, 7, 3, 9, 17)


def test_control_counts_and_references_that_disagree_are_findings() -> None:
    text = (
        "UNB+UNOA:4+AIR+GOV+260703:0915+77'"
        "UNG+PAXLST+AIR+GOV+260703:0916+5+UN+D:05B'"
        "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+9+2'"
        "UNE+4+5'UNZ+3+78'"
    )
    interchange = read_interchange(text)
    assert codes(interchange.findings) == ["unz-reference", "une-count", "unz-count"]
    assert codes(interchange.messages[0].findings) == ["unt-count", "unt-reference"]


def test_bare_messages_without_unb() -> None:
    interchange = read_interchange(MESSAGE.format(ref=1))
    assert codes(interchange.findings) == ["no-unb"]
    assert interchange.messages[0].sender == ""


def test_a_message_without_unt_is_kept_with_a_finding() -> None:
    interchange = read_interchange(
        "UNB+UNOA:4+A+B+260703:0915+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        + MESSAGE.format(ref=2)
        + "UNZ+2+1'"
    )
    assert [m.reference for m in interchange.messages] == ["1", "2"]
    assert codes(interchange.messages[0].findings) == ["no-unt"]


def test_a_cut_interchange_is_read_with_findings() -> None:
    interchange = read_interchange(
        "UNB+UNOA:4+A+B+260703:0915+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
    )
    assert codes(interchange.findings) == ["no-unz"]
    assert codes(interchange.messages[0].findings) == ["no-unt"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no EDIFACT segment"),
        ("UNB+UNOA:4+A+B'UNZ+0'", "no message"),
        ("UNB+UNOA:4+A+B'NAD+FL+++X'", "outside any message"),
        ("UNB+UNOA:4+A+B'UNT+2+1'", "UNT without a UNH"),
        ("UNB+UNOA:4+A+B'UNB+UNOA:4'", "second UNB"),
    ],
)
def test_structural_problems_are_format_errors(text: str, problem: str) -> None:
    with pytest.raises(FormatError, match=problem):
        read_interchange(text)
