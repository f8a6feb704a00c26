"""What reading an MRZ gives: the fields, each check digit's verdict, and findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smartborder.domain import DocumentType, PersonName, Sex, TravelDocument, Traveller
from smartborder.errors import ValidationFailed
from smartborder.formats.findings import Finding
from smartborder.formats.mrz.layout import MrzFormat

#: The first letter of the document code and the kind of document it means (Doc 9303
#: part 4 to 7: P passports, V visas, A, C and I cards; the second letter is the state's).
DOCUMENT_KINDS: dict[str, DocumentType] = {
    "P": DocumentType.PASSPORT,
    "V": DocumentType.VISA,
    "I": DocumentType.IDENTITY_CARD,
    "A": DocumentType.IDENTITY_CARD,
    "C": DocumentType.IDENTITY_CARD,
}


@dataclass(frozen=True, slots=True)
class Check:
    """One check digit: which field it guards and whether it matched."""

    name: str  # document_number, birth_date, expiry_date, optional_data, composite
    passed: bool


@dataclass(frozen=True, slots=True)
class MrzResult:
    """A machine-readable zone as read: fields as printed, dates resolved, checks run."""

    format: MrzFormat
    document_code: str  # "P", "ID", "AC", "V"...: the two characters without filler
    issuing_state: str
    surname: str
    given_names: tuple[str, ...]
    document_number: str
    nationality: str
    birth_date: date | None
    sex: Sex
    expiry_date: date | None
    optional_data: str
    optional_data_2: str  # TD1 only; empty for the other formats
    checks: tuple[Check, ...]
    findings: tuple[Finding, ...]
    lines: tuple[str, ...]  # the lines as read, after OCR clean-up

    @property
    def valid(self) -> bool:
        """Every check digit passed."""
        return all(check.passed for check in self.checks)

    @property
    def document_type(self) -> DocumentType:
        return DOCUMENT_KINDS.get(self.document_code[:1], DocumentType.OTHER)

    def document(self) -> TravelDocument | None:
        """The travel document in the domain's words (None without a document number)."""
        if not self.document_number:
            return None
        return TravelDocument(
            type=self.document_type,
            number=self.document_number,
            issuing_state=self.issuing_state or None,
            expiry_date=self.expiry_date,
        )

    def traveller(self) -> Traveller:
        """The holder in the domain's words; ValidationFailed when the zone has no name."""
        document = self.document()
        return Traveller(
            name=PersonName(surname=self.surname, given_names=self.given_names),
            birth_date=self.birth_date,
            sex=self.sex,
            nationality=self.nationality or None,
            documents=(document,) if document else (),
        )

    def has_name(self) -> bool:
        try:
            PersonName(surname=self.surname, given_names=self.given_names)
        except ValidationFailed:
            return False
        return True
