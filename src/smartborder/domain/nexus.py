"""NEXUS, the joint trusted-traveller programme: members and their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.people import PersonName


class MembershipStatus(AnyCaseStrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class NexusMember:
    card_number: str  # the PASSID on the card
    name: PersonName
    birth_date: date | None
    nationality: str | None
    status: MembershipStatus
    expiry_date: date | None = None

    def in_good_standing(self, on: date) -> bool:
        if self.status is not MembershipStatus.ACTIVE:
            return False
        return self.expiry_date is None or self.expiry_date >= on
