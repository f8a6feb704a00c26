"""The NEXUS lane: members in good standing pass, everyone else is referred with a reason."""

from datetime import date

import pytest

from smartborder.domain import DocumentType, PersonName, TravelDocument, Traveller
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.errors import FormatError
from smartborder.programmes.nexus import lane_check, parse_members

MEMBERS = """card_number,surname,given_names,birth_date,nationality,status,expiry_date
501234567,Tremblay,Julie,1984-02-29,CAN,active,2030-01-31
501234568,Nguyen,Minh,1990-06-01,USA,suspended,2030-01-31
501234569,Okafor,Ada,1975-11-11,CAN,active,2026-01-31
"""
ON = date(2026, 7, 3)


def _traveller(surname: str, birth: date, card: str | None) -> Traveller:
    documents = (TravelDocument(DocumentType.NEXUS_CARD, card, "CAN"),) if card else ()
    return Traveller(PersonName(surname, ("X",)), birth_date=birth, documents=documents)


@pytest.fixture
def members() -> dict[str, NexusMember]:
    return {m.card_number: m for m in parse_members(MEMBERS)}


def test_a_member_in_good_standing_passes(members: dict[str, NexusMember]) -> None:
    traveller = _traveller("TREMBLAY", date(1984, 2, 29), "501234567")
    assert lane_check(members["501234567"], "501234567", traveller, ON) is None


@pytest.mark.parametrize(
    ("surname", "birth", "card", "why"),
    [
        ("TREMBLAY", date(1984, 2, 29), None, "without a NEXUS card"),
        ("TREMBLAY", date(1984, 2, 29), "509999999", "not in the NEXUS registry"),
        ("NGUYEN", date(1990, 6, 1), "501234568", "membership suspended"),
        ("OKAFOR", date(1975, 11, 11), "501234569", "membership expired"),
        ("SMITH", date(1984, 2, 29), "501234567", "belongs to another member"),
    ],
)
def test_everyone_else_is_referred_with_the_reason(
    members: dict,
    surname: str,
    birth: date,
    card: str | None,
    why: str,  # type: ignore[type-arg]
) -> None:
    reason = lane_check(members.get(card or ""), card, _traveller(surname, birth, card), ON)
    assert reason is not None and why in reason.text


def test_a_bad_members_file_names_the_line() -> None:
    with pytest.raises(FormatError, match="line 3"):
        parse_members(MEMBERS.replace("suspended", "on holiday"))
    assert parse_members(MEMBERS)[1].status is MembershipStatus.SUSPENDED
