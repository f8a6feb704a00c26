"""Write a machine-readable zone (for tests, specimens and the demo).

The writer is the parser's mirror: the same layouts, the same check digits. Values that
cannot be written (a document number too long for a passport, a state code that is not
three characters of A-Z) raise ``ValidationFailed``: they are the caller's to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smartborder.domain import Sex, Traveller
from smartborder.errors import ValidationFailed
from smartborder.formats.dates import yymmdd
from smartborder.formats.mrz.checkdigits import MRZ_CHARACTERS, check_digit
from smartborder.formats.mrz.layout import LAYOUTS, Field, Layout, MrzFormat
from smartborder.formats.mrz.names import encode_name

_SEX_CHAR = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.UNSPECIFIED: "<"}
_DEFAULT_CODES = {
    MrzFormat.TD1: "I",
    MrzFormat.TD2: "I",
    MrzFormat.TD3: "P",
    MrzFormat.MRVA: "V",
    MrzFormat.MRVB: "V",
}


@dataclass(frozen=True, slots=True)
class MrzData:
    """Everything an MRZ says, as the writer takes it."""

    format: MrzFormat
    issuing_state: str
    surname: str
    given_names: tuple[str, ...]
    document_number: str
    nationality: str
    birth_date: date | None
    sex: Sex
    expiry_date: date | None
    document_code: str = ""  # "" = the format's usual code (P, I or V)
    optional_data: str = ""
    optional_data_2: str = ""  # TD1 only


def _mrz_text(value: str, label: str, width: int) -> str:
    value = value.upper()
    if not MRZ_CHARACTERS.issuperset(value):
        raise ValidationFailed(f"{label} {value!r} holds characters an MRZ cannot carry")
    if len(value) > width:
        raise ValidationFailed(f"{label} {value!r} is longer than its {width} characters")
    return value.ljust(width, "<")


def _put(lines: list[list[str]], field: Field, value: str) -> None:
    lines[field.line][field.start : field.end] = list(value)


def _number_and_optional(data: MrzData, layout: Layout) -> tuple[str, str, str]:
    """The number field, its check digit and the optional data (long-number rule)."""
    number = data.document_number.upper()
    width = layout.optional_data.width
    if len(number) <= layout.document_number.width:
        padded = _mrz_text(number, "document number", layout.document_number.width)
        return padded, check_digit(padded), _mrz_text(data.optional_data, "optional data", width)
    if not layout.long_number:
        raise ValidationFailed(
            f"document number {number!r} is longer than 9 characters; only TD1 and TD2 "
            "documents can carry a longer one"
        )
    head, tail = number[: layout.document_number.width], number[layout.document_number.width :]
    head = _mrz_text(head, "document number", layout.document_number.width)
    tail = _mrz_text(tail, "document number", len(tail))
    optional = f"{tail}{check_digit(head + tail)}<{data.optional_data.upper()}"
    return head, "<", _mrz_text(optional, "document number and optional data", width)


def generate_mrz(data: MrzData) -> tuple[str, ...]:
    """The lines of the MRZ that carries ``data``."""
    layout = LAYOUTS[data.format]
    lines = [["<"] * layout.width for _ in range(layout.lines)]
    code = data.document_code or _DEFAULT_CODES[data.format]
    _put(lines, layout.document_code, _mrz_text(code, "document code", 2))
    _put(lines, layout.issuing_state, _mrz_text(data.issuing_state, "issuing state", 3))
    name, _ = encode_name(data.surname, data.given_names, layout.name.width)
    _put(lines, layout.name, name)

    number, number_check, optional = _number_and_optional(data, layout)
    _put(lines, layout.document_number, number)
    _put(lines, layout.document_number_check, number_check)
    _put(lines, layout.optional_data, optional)
    if layout.optional_data_check is not None:
        digit = "<" if not optional.strip("<") else check_digit(optional)
        _put(lines, layout.optional_data_check, digit)
    if layout.optional_data_2 is not None:
        width = layout.optional_data_2.width
        _put(lines, layout.optional_data_2, _mrz_text(data.optional_data_2, "optional data", width))
    elif data.optional_data_2:
        raise ValidationFailed(f"{data.format} has no second optional data field")

    _put(lines, layout.nationality, _mrz_text(data.nationality, "nationality", 3))
    birth = yymmdd(data.birth_date) if data.birth_date else "<<<<<<"
    _put(lines, layout.birth_date, birth)
    _put(lines, layout.birth_date_check, check_digit(birth))
    _put(lines, layout.sex, _SEX_CHAR[data.sex])
    expiry = yymmdd(data.expiry_date) if data.expiry_date else "<<<<<<"
    _put(lines, layout.expiry_date, expiry)
    _put(lines, layout.expiry_date_check, check_digit(expiry))
    if layout.composite_check is not None:
        text = ["".join(line) for line in lines]
        composite = "".join(text[s.line][s.start : s.end] for s in layout.composite_spans)
        _put(lines, layout.composite_check, check_digit(composite))
    return tuple("".join(line) for line in lines)


def mrz_data_of(traveller: Traveller, fmt: MrzFormat = MrzFormat.TD3) -> MrzData:
    """What the MRZ of ``traveller``'s first document would say."""
    document = traveller.primary_document
    if document is None:
        raise ValidationFailed("the traveller carries no document to write an MRZ for")
    return MrzData(
        format=fmt,
        issuing_state=document.issuing_state or "XXX",
        surname=traveller.name.surname,
        given_names=traveller.name.given_names,
        document_number=document.number,
        nationality=traveller.nationality or "XXX",
        birth_date=traveller.birth_date,
        sex=traveller.sex,
        expiry_date=document.expiry_date,
    )
