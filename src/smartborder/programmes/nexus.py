"""NEXUS membership: the registry (loaded from CSV for now) and the lane check at the booth."""

from __future__ import annotations

import csv
import io
from datetime import date

from smartborder.domain import PersonName, Reason, ReasonKind, Traveller
from smartborder.domain.documents import DocumentType
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.errors import FormatError, ValidationFailed
from smartborder.programmes.unit import ProgrammesUnit

COLUMNS = (
    "card_number",
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "status",
    "expiry_date",
)
MAX_BYTES = 200_000_000


def parse_members(text: str) -> list[NexusMember]:
    """Members from CSV with the header ``COLUMNS``; a FormatError names the line."""
    if len(text) > MAX_BYTES:
        raise FormatError("the members file is too large")
    reader = csv.DictReader(io.StringIO(text))
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise FormatError(f"missing column(s): {', '.join(sorted(missing))}", where="line 1")
    members = []
    for line, row in enumerate(reader, start=2):
        try:
            card = (row["card_number"] or "").strip()
            if not card.isdigit() or not 8 <= len(card) <= 12:
                raise ValueError(f"card number {card!r} is not 8-12 digits")
            members.append(
                NexusMember(
                    card_number=card,
                    name=PersonName(
                        (row["surname"] or "").strip().upper(),
                        tuple((row["given_names"] or "").upper().split()),
                    ),
                    birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
                    nationality=(row["nationality"] or "").strip().upper() or None,
                    status=MembershipStatus((row["status"] or "").strip().lower()),
                    expiry_date=date.fromisoformat(row["expiry_date"])
                    if row["expiry_date"]
                    else None,
                )
            )
        except (ValueError, TypeError, ValidationFailed) as exc:
            raise FormatError(str(exc), where=f"line {line}") from None
    return members


def load_members(uow: ProgrammesUnit, text: str) -> int:
    members = parse_members(text)
    with uow:
        uow.nexus.put_many(members)
        uow.commit()
    return len(members)


def nexus_card(traveller: Traveller) -> str | None:
    card = next((d for d in traveller.documents if d.type is DocumentType.NEXUS_CARD), None)
    return card.number if card else None


def lane_check(
    member: NexusMember | None, card: str | None, traveller: Traveller, on: date
) -> Reason | None:
    """None when the traveller may use the NEXUS lane; otherwise the reason to refer.

    ``card`` is the number on the card presented (the document read at the booth). A
    member in good standing whose card matches the traveller's name and birth date
    passes; anyone else (no card, unknown card, suspended, revoked, expired, a card
    presented by someone else) is referred.
    """
    ref = f"nexus:{card or 'none'}"
    if card is None:
        return Reason(ReasonKind.PROGRAMME, ref, "NEXUS lane without a NEXUS card", 1.0)
    if member is None:
        return Reason(ReasonKind.PROGRAMME, ref, f"card {card} is not in the NEXUS registry", 1.0)
    if not member.in_good_standing(on):
        state = "expired" if member.status is MembershipStatus.ACTIVE else str(member.status)
        return Reason(ReasonKind.PROGRAMME, ref, f"NEXUS membership {state}", 1.0)
    same_person = member.name.surname == traveller.name.surname.upper() and (
        member.birth_date is None or member.birth_date == traveller.birth_date
    )
    if not same_person:
        return Reason(
            ReasonKind.PROGRAMME,
            ref,
            f"card {card} belongs to another member ({member.name.full})",
            1.0,
        )
    return None
