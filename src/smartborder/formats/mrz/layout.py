"""Where each field sits in each MRZ format (ICAO Doc 9303 parts 4 to 7).

Positions are 0-based slices of the line they are on. The composite check digit of
TD1, TD2 and TD3 covers the listed spans of the lines, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MrzFormat(StrEnum):
    TD1 = "TD1"  # identity cards: 3 lines of 30
    TD2 = "TD2"  # identity cards, older formats: 2 lines of 36
    TD3 = "TD3"  # passport books: 2 lines of 44
    MRVA = "MRVA"  # visas, full size: 2 lines of 44
    MRVB = "MRVB"  # visas, smaller: 2 lines of 36


@dataclass(frozen=True, slots=True)
class Field:
    """A span of one line: ``line`` 0-based, ``start`` inclusive, ``end`` exclusive."""

    line: int
    start: int
    end: int
    span: slice = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once per layout: the parser slices with it twenty times per MRZ.
        object.__setattr__(self, "span", slice(self.start, self.end))

    @property
    def width(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Layout:
    format: MrzFormat
    lines: int
    width: int
    document_code: Field
    issuing_state: Field
    name: Field
    document_number: Field
    document_number_check: Field
    nationality: Field
    birth_date: Field
    birth_date_check: Field
    sex: Field
    expiry_date: Field
    expiry_date_check: Field
    optional_data: Field
    optional_data_check: Field | None = None  # TD3 only: the personal number's digit
    optional_data_2: Field | None = None  # TD1 only: the second optional field
    composite_check: Field | None = None
    composite_spans: tuple[Field, ...] = ()
    #: TD1 and TD2: a document number longer than 9 characters continues in the optional
    #: data that follows it, with ``<`` in the check digit's place (Doc 9303 part 5, 4.2.4).
    long_number: bool = False


TD1 = Layout(
    format=MrzFormat.TD1,
    lines=3,
    width=30,
    document_code=Field(0, 0, 2),
    issuing_state=Field(0, 2, 5),
    document_number=Field(0, 5, 14),
    document_number_check=Field(0, 14, 15),
    optional_data=Field(0, 15, 30),
    birth_date=Field(1, 0, 6),
    birth_date_check=Field(1, 6, 7),
    sex=Field(1, 7, 8),
    expiry_date=Field(1, 8, 14),
    expiry_date_check=Field(1, 14, 15),
    nationality=Field(1, 15, 18),
    optional_data_2=Field(1, 18, 29),
    composite_check=Field(1, 29, 30),
    composite_spans=(Field(0, 5, 30), Field(1, 0, 7), Field(1, 8, 15), Field(1, 18, 29)),
    name=Field(2, 0, 30),
    long_number=True,
)


def _two_line(
    fmt: MrzFormat, width: int, *, optional_end: int, composite: bool, personal_check: bool
) -> Layout:
    """TD2, TD3, MRV-A and MRV-B share the order of their second line."""
    return Layout(
        format=fmt,
        lines=2,
        width=width,
        document_code=Field(0, 0, 2),
        issuing_state=Field(0, 2, 5),
        name=Field(0, 5, width),
        document_number=Field(1, 0, 9),
        document_number_check=Field(1, 9, 10),
        nationality=Field(1, 10, 13),
        birth_date=Field(1, 13, 19),
        birth_date_check=Field(1, 19, 20),
        sex=Field(1, 20, 21),
        expiry_date=Field(1, 21, 27),
        expiry_date_check=Field(1, 27, 28),
        optional_data=Field(1, 28, optional_end),
        optional_data_check=Field(1, optional_end, optional_end + 1) if personal_check else None,
        composite_check=Field(1, width - 1, width) if composite else None,
        composite_spans=(Field(1, 0, 10), Field(1, 13, 20), Field(1, 21, width - 1))
        if composite
        else (),
        long_number=fmt is MrzFormat.TD2,
    )


TD2 = _two_line(MrzFormat.TD2, 36, optional_end=35, composite=True, personal_check=False)
TD3 = _two_line(MrzFormat.TD3, 44, optional_end=42, composite=True, personal_check=True)
MRVA = _two_line(MrzFormat.MRVA, 44, optional_end=44, composite=False, personal_check=False)
MRVB = _two_line(MrzFormat.MRVB, 36, optional_end=36, composite=False, personal_check=False)

LAYOUTS: dict[MrzFormat, Layout] = {layout.format: layout for layout in (TD1, TD2, TD3, MRVA, MRVB)}


def layout_for(lines: int, width: int, first_char: str) -> Layout | None:
    """The layout of an MRZ with ``lines`` lines of ``width``; visas start with ``V``."""
    if lines == 3 and width == 30:
        return TD1
    if lines == 2 and width == 44:
        return MRVA if first_char == "V" else TD3
    if lines == 2 and width == 36:
        return MRVB if first_char == "V" else TD2
    return None
