"""NEXUS, the joint trusted-traveller programme: members and their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.people import PersonName


class MembershipStatus(AnyCaseStrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"


class RegistryRow(NamedTuple):
    """An active member as re-vetting reads two million of them: the fields screening
    compares, without building the member (its name is checked when it is stored)."""

    card_number: str
    surname: str
    given_names: tuple[str, ...]
    birth_date: date | None
    nationality: str | None

    @property
    def full_name(self) -> str:
        """Given names then surname, as ``PersonName.full``."""
        return " ".join((*self.given_names, self.surname))


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
