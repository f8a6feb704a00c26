"""The codes of the PAXLST guidelines that the reader turns into the domain's words."""

from __future__ import annotations

from smartborder.domain import DocumentType, Sex, TravellerRole

#: NAD party qualifiers (3035) that open a traveller, and the role each gives.
TRAVELLER_PARTIES: dict[str, TravellerRole] = {
    "FL": TravellerRole.PASSENGER,
    "DDT": TravellerRole.IN_TRANSIT,  # passenger in transit
    "FM": TravellerRole.CREW,
    "DDU": TravellerRole.CREW,  # crew member in transit
    "COT": TravellerRole.CREW,  # crew member on a positioning flight (some carriers)
}
CREW_PARTIES = frozenset({"FM", "DDU", "COT"})

#: ATT sex codes; U and X are both "not specified".
SEXES: dict[str, Sex] = {"M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNSPECIFIED, "X": Sex.UNSPECIFIED}

#: DOC document name codes (IATA code list 1001 as the guidelines use it).
DOCUMENT_TYPES: dict[str, DocumentType] = {
    "P": DocumentType.PASSPORT,
    "PT": DocumentType.PASSPORT,  # emergency / temporary passport
    "V": DocumentType.VISA,
    "I": DocumentType.IDENTITY_CARD,
    "A": DocumentType.IDENTITY_CARD,
    "C": DocumentType.IDENTITY_CARD,
    "IP": DocumentType.IDENTITY_CARD,  # passport card
    "AC": DocumentType.OTHER,  # crew member certificate
    "L": DocumentType.OTHER,  # pilot's licence
    "M": DocumentType.OTHER,  # military identification
    "F": DocumentType.OTHER,  # approved non-standard travel document
    "R": DocumentType.RESIDENCE_PERMIT,
    "G": DocumentType.RESIDENCE_PERMIT,  # permanent resident card
}

#: CNT control qualifiers (6069): 42 total passengers, 41 total crew.
COUNT_PASSENGERS = "42"
COUNT_CREW = "41"

#: The segments a PAXLST may carry (D:02B to D:22A); anything else is reported.
KNOWN_TAGS = frozenset(
    "BGM RFF DTM NAD CTA COM TDT LOC ATT MEA GEI FTX EMP NAT DOC CPI QTY CNT".split()
)


def document_type(code: str) -> DocumentType:
    """The domain's document type for a DOC code (``OTHER`` when the code is not listed)."""
    return DOCUMENT_TYPES.get(code, DocumentType.OTHER)
