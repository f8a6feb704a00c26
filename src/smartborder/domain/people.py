"""People as the border sees them: names, sex, birth date, nationality, their role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from smartborder.domain.documents import TravelDocument
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.errors import ValidationFailed


class Sex(AnyCaseStrEnum):
    """As printed on travel documents (ICAO 9303 allows M, F and unspecified)."""

    MALE = "M"
    FEMALE = "F"
    UNSPECIFIED = "X"


class TravellerRole(AnyCaseStrEnum):
    PASSENGER = "passenger"
    CREW = "crew"
    IN_TRANSIT = "in_transit"
    DRIVER = "driver"
    PEDESTRIAN = "pedestrian"


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as a document or a message carries it.

    ``original_script`` keeps the name in the script it was written in (Arabic,
    Cyrillic...) when the source gives it, so that screening can compare like with like.
    """

    surname: str
    given_names: tuple[str, ...] = ()
    original_script: str | None = None

    def __post_init__(self) -> None:
        if not self.surname.strip() and not any(g.strip() for g in self.given_names):
            raise ValidationFailed("a name needs a surname or a given name")

    @property
    def given(self) -> str:
        return " ".join(self.given_names)

    @property
    def full(self) -> str:
        """Given names then surname, the order most people read."""
        return " ".join(p for p in (self.given, self.surname) if p)


@dataclass(frozen=True, slots=True)
class Traveller:
    name: PersonName
    birth_date: date | None = None
    sex: Sex = Sex.UNSPECIFIED
    nationality: str | None = None  # ICAO/ISO 3166 alpha-3
    documents: tuple[TravelDocument, ...] = ()
    role: TravellerRole = TravellerRole.PASSENGER
    residence_country: str | None = None
    birth_place: str | None = None

    @property
    def primary_document(self) -> TravelDocument | None:
        return self.documents[0] if self.documents else None


@dataclass(frozen=True, slots=True)
class Address:
    lines: tuple[str, ...] = ()
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    address: Address | None = None
    extra: dict[str, str] = field(default_factory=dict)
