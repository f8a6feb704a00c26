"""Travel documents: passports, cards and visas (ICAO 9303), and trusted-traveller cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.errors import ValidationFailed


class DocumentType(AnyCaseStrEnum):
    PASSPORT = "P"
    IDENTITY_CARD = "I"
    VISA = "V"
    RESIDENCE_PERMIT = "R"
    NEXUS_CARD = "NEXUS"
    FAST_CARD = "FAST"
    ENHANCED_DRIVERS_LICENCE = "EDL"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True)
class TravelDocument:
    type: DocumentType
    number: str
    issuing_state: str | None = None  # ICAO code: ISO 3166 alpha-3 or D, UTO, XXA...
    expiry_date: date | None = None
    issue_date: date | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValidationFailed("a travel document needs a number")

    def is_expired(self, on: date) -> bool:
        return self.expiry_date is not None and self.expiry_date < on
