"""Read a machine-readable zone (ICAO Doc 9303): TD1, TD2, TD3, MRV-A and MRV-B.

A line that is not an MRZ line (wrong length, a character outside A-Z, 0-9 and ``<``)
raises ``FormatError`` naming the line and the column. Everything else that can be read
is read: a failed check digit, an unknown state code or an impossible date is a finding
on the result, for the officer to weigh. OCR noise that is unambiguous (lower case,
blanks around a line, blank lines) is cleaned first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from smartborder.domain import Sex
from smartborder.errors import FormatError
from smartborder.formats import dates
from smartborder.formats.findings import Finding
from smartborder.formats.mrz.checkdigits import MRZ_CHARACTERS, check_digit, digit_matches
from smartborder.formats.mrz.codes import KNOWN_STATE_CODES
from smartborder.formats.mrz.layout import Field, Layout, layout_for
from smartborder.formats.mrz.names import decode_name
from smartborder.formats.mrz.result import DOCUMENT_KINDS, Check, MrzResult

_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "<": Sex.UNSPECIFIED}
_CHECKS = {(name, passed): Check(name, passed) for name in (
    "document_number", "birth_date", "expiry_date", "optional_data", "composite"
) for passed in (True, False)}  # fmt: skip
#: No MRZ line is longer than 44; anything much longer is not worth cleaning.
_MAX_LINE = 200


def clean_lines(text: str | Sequence[str]) -> list[str]:
    """The lines of an MRZ with OCR noise removed: blanks around, lower case, empty lines."""
    raw = text.splitlines() if isinstance(text, str) else list(text)
    lines: list[str] = []
    for number, line in enumerate(raw, start=1):
        if len(line) > _MAX_LINE:
            raise FormatError(
                f"{len(line)} characters, far more than an MRZ line", where=f"line {number}"
            )
        stripped = line.strip()
        if stripped:
            lines.append(stripped.upper())
    return lines


def _layout(lines: list[str]) -> Layout:
    if len(lines) not in (2, 3):
        raise FormatError(f"an MRZ has 2 or 3 lines, got {len(lines)}", where="line 1")
    width = len(lines[0])
    layout = layout_for(len(lines), width, lines[0][:1])
    if layout is None:
        expected = "30 (TD1)" if len(lines) == 3 else "36 (TD2, MRV-B) or 44 (TD3, MRV-A)"
        raise FormatError(
            f"{width} characters; a {len(lines)}-line MRZ has lines of {expected}",
            where="line 1",
        )
    for number, line in enumerate(lines, start=1):
        if len(line) != layout.width:
            column = min(len(line), layout.width) + 1
            raise FormatError(
                f"{len(line)} characters, {layout.format} lines have {layout.width}",
                where=f"line {number}, column {column}",
            )
        if not MRZ_CHARACTERS.issuperset(line):
            column, char = next((i, c) for i, c in enumerate(line, 1) if c not in MRZ_CHARACTERS)
            raise FormatError(
                f"illegal character {char!r} (an MRZ holds only A-Z, 0-9 and <)",
                where=f"line {number}, column {column}",
            )
    return layout


def _where(field: Field) -> str:
    return f"line {field.line + 1}, column {field.start + 1}"


class _Reader:
    """The fields of one MRZ, and the findings gathered while reading them."""

    __slots__ = ("lines", "findings", "checks")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.findings: list[Finding] = []
        self.checks: list[Check] = []

    def get(self, field: Field) -> str:
        return self.lines[field.line][field.span]

    def check(self, name: str, value: str, digit_field: Field, *, digit: str | None = None) -> None:
        digit = self.get(digit_field) if digit is None else digit
        passed = digit_matches(value, digit, filler_allowed=name == "optional_data")
        self.checks.append(_CHECKS[(name, passed)])
        if not passed:
            label = name.replace("_", " ")
            self.findings.append(
                Finding(
                    "check-digit",
                    f"{label} check digit is {digit!r}, computed {check_digit(value)!r}",
                    _where(digit_field),
                )
            )

    def state(self, label: str, field: Field) -> str:
        code = self.get(field).strip("<")
        if code not in KNOWN_STATE_CODES:
            self.findings.append(
                Finding("unknown-state", f"{label} {code!r} is not an ICAO code", _where(field))
            )
        return code

    def date(self, label: str, field: Field, reference: date, *, birth: bool) -> date | None:
        text = self.get(field)
        if "<" in text:
            self.findings.append(
                Finding("partial-date", f"{label} is not given in full ({text})", _where(field))
            )
            return None
        moment = dates.birth_date(text, reference) if birth else dates.expiry_date(text, reference)
        if moment is None:
            self.findings.append(
                Finding("bad-date", f"{label} {text} is not a calendar date", _where(field))
            )
        return moment


def _document_number(reader: _Reader, layout: Layout) -> tuple[str, str]:
    """The document number and what is left of the optional data after it."""
    number_field = layout.document_number
    number = reader.get(number_field)
    check_field = layout.document_number_check
    optional = reader.get(layout.optional_data)
    if layout.long_number and reader.get(check_field) == "<" and "<" not in number:
        continuation, _, rest = optional.partition("<")
        if len(continuation) >= 2:
            full = number + continuation[:-1]
            digit_at = Field(check_field.line, layout.optional_data.start + len(continuation) - 1,
                             layout.optional_data.start + len(continuation))  # fmt: skip
            reader.check("document_number", full, digit_at, digit=continuation[-1])
            return full, rest
    reader.check("document_number", number, check_field)
    return number.rstrip("<"), optional


def parse_mrz(text: str | Sequence[str], *, reference_date: date | None = None) -> MrzResult:
    """Read an MRZ given as its lines (or as one text with a line per row).

    ``reference_date`` (today by default) resolves two-digit years: see ``formats.dates``.
    """
    reference = reference_date or date.today()
    lines = clean_lines(text)
    layout = _layout(lines)
    reader = _Reader(lines)
    findings = reader.findings

    code = reader.get(layout.document_code).strip("<")
    if code[:1] not in DOCUMENT_KINDS:
        findings.append(
            Finding(
                "document-code",
                f"document code {code!r} is not one Doc 9303 defines",
                _where(layout.document_code),
            )
        )
    issuing_state = reader.state("issuing state", layout.issuing_state)
    number, optional = _document_number(reader, layout)

    reader.check("birth_date", reader.get(layout.birth_date), layout.birth_date_check)
    birth = reader.date("birth date", layout.birth_date, reference, birth=True)
    sex_char = reader.get(layout.sex)
    sex = _SEXES.get(sex_char)
    if sex is None:
        sex = Sex.UNSPECIFIED
        findings.append(
            Finding(
                "sex",
                f"sex {sex_char!r} is not M, F or < (read as unspecified)",
                _where(layout.sex),
            )  # fmt: skip
        )
    reader.check("expiry_date", reader.get(layout.expiry_date), layout.expiry_date_check)
    expiry = reader.date("expiry date", layout.expiry_date, reference, birth=False)
    nationality = reader.state("nationality", layout.nationality)

    if layout.optional_data_check is not None:
        reader.check("optional_data", reader.get(layout.optional_data), layout.optional_data_check)
    optional_2 = reader.get(layout.optional_data_2) if layout.optional_data_2 else ""
    if layout.composite_check is not None:
        composite = "".join(reader.get(span) for span in layout.composite_spans)
        reader.check("composite", composite, layout.composite_check)

    name_field = reader.get(layout.name)
    surname, given_names = decode_name(name_field)
    if not surname and not given_names:
        findings.append(Finding("no-name", "the name field is empty", _where(layout.name)))
    elif not name_field.replace("<", "").isalpha():
        findings.append(
            Finding("name-characters", "the name holds digits (OCR misread?)", _where(layout.name))
        )
    if not name_field.endswith("<"):
        findings.append(
            Finding(
                "name-truncated",
                "the name fills its field and may be cut short",
                _where(layout.name),
            )  # fmt: skip
        )
    return MrzResult(
        format=layout.format,
        document_code=code,
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=nationality,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        optional_data=optional.rstrip("<"),
        optional_data_2=optional_2.rstrip("<"),
        checks=tuple(reader.checks),
        findings=tuple(findings),
        lines=tuple(lines),
    )
