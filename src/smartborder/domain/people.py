"""People as the border sees them: names, sex, birth date, nationality, their role."""

from __future__ import annotations

import unicodedata
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


#: Characters that reorder text on screen (bidirectional embeddings, overrides and
#: isolates: "Trojan Source") or hide in it (zero-width space, joiners, word joiner, byte
#: order mark). In a name they make two records look alike that do not compare alike, or
#: one read in another order on the partner's screen.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH


def name_problem(text: str) -> str | None:
    """What makes ``text`` unfit for a name (a control or invisible character), or None."""
    for index, char in enumerate(text):
        if char in INVISIBLE:
            kind = "a bidirectional control" if char in BIDI_CONTROLS else "a zero-width character"
            return f"{kind} (U+{ord(char):04X}) at character {index + 1}"
        if unicodedata.category(char) == "Cc":  # NUL, tab, newline, ESC, C1 controls...
            return f"a control character (U+{ord(char):04X}) at character {index + 1}"
    return None


def clean_name(text: str) -> str:
    """``text`` without invisible characters, controls turned into spaces, spaces single.

    For names from sources we cannot send back to be fixed (an official list): the list
    must load, and the name as printed is the same."""
    if text.isprintable():
        return text
    kept = "".join(
        "" if c in INVISIBLE else " " if unicodedata.category(c) == "Cc" else c for c in text
    )
    return " ".join(kept.split())


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
        # Refused here, so that no such name is stored or sent to the partner; the
        # readers of lists clean theirs first (``clean_name``), every other source is told.
        parts = {"surname": self.surname, "original script": self.original_script or ""}
        parts |= {f"given name {i}": g for i, g in enumerate(self.given_names, start=1)}
        for part, text in parts.items():
            if not text.isprintable() and (problem := name_problem(text)):
                raise ValidationFailed(f"the {part} {text!r} contains {problem}")

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
