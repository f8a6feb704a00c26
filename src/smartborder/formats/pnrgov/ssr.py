"""The free text of the SSRs a border agency reads: DOCS, DOCO, DOCA and contacts.

These follow the IATA AIRIMP layouts carried inside PNRGOV's SSR segment:

- DOCS ``/P/GBR/123456789/GBR/12JUL64/M/23AUG29/SMITH/JOHN/ROBERT``: document type,
  issuing state, number, nationality, birth date, sex (MI/FI for infants), expiry,
  surname, given names.
- DOCO ``/LONDON/V/12345123/LONDON/10JUN20/USA``: place of birth, other document type
  (V visa, K redress number, R known traveller), number, place and date of issue, the
  country where it applies.
- DOCA ``/D/USA/123 MAIN ST/ANYTOWN/VA/22030``: D destination or R residence, country,
  street, city, state, postal code.
- CTCE (e-mail, with ``//`` for ``@``), CTCM, CTCH, CTCB (phones).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from smartborder.domain import Address, DocumentType, PersonName, Sex
from smartborder.formats import dates

_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DOC_TYPES = {
    "P": DocumentType.PASSPORT,
    "V": DocumentType.VISA,
    "I": DocumentType.IDENTITY_CARD,
    "A": DocumentType.IDENTITY_CARD,
    "C": DocumentType.IDENTITY_CARD,
    "IP": DocumentType.IDENTITY_CARD,
    "R": DocumentType.RESIDENCE_PERMIT,
}
_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "MI": Sex.MALE, "FI": Sex.FEMALE}


def ddmmmyy(text: str, reference: date, *, birth: bool) -> date | None:
    """``12JUL64`` (or ``12JUL1964``) as a date; None when it is not one."""
    text = text.strip().upper()
    month = _MONTHS.get(text[2:5])
    if month is None or not text[:2].isdecimal():
        return None
    year = text[5:]
    if len(year) == 4 and year.isdecimal():
        try:
            return date(int(year), month, int(text[:2]))
        except ValueError:
            return None
    if len(year) != 2:
        return None
    short = f"{year}{month:02d}{text[:2]}"
    return dates.birth_date(short, reference) if birth else dates.expiry_date(short, reference)


def format_ddmmmyy(moment: date) -> str:
    return f"{moment.day:02d}{list(_MONTHS)[moment.month - 1]}{moment.year % 100:02d}"


def ddmmyy(day: str, clock: str = "") -> datetime | None:
    """A PNRGOV date (``DDMMYY``) and time (``HHMM``) as local naive time."""
    if len(day) != 6 or not day.isdigit() or not day.isascii():
        return None
    if clock and (len(clock) != 4 or not clock.isdigit() or not clock.isascii()):
        return None
    try:
        return datetime(
            2000 + int(day[4:]),
            int(day[2:4]),
            int(day[:2]),
            int(clock[:2]) if clock else 0,
            int(clock[2:]) if clock else 0,
        )
    except ValueError:
        return None


def _fields(text: str, count: int) -> list[str]:
    parts = [p.strip() for p in text.strip().lstrip("/").split("/")]
    return parts + [""] * (count - len(parts))


@dataclass(frozen=True, slots=True)
class Docs:
    document_type: DocumentType | None
    issuing_state: str | None
    number: str | None
    nationality: str | None
    birth_date: date | None
    sex: Sex
    expiry_date: date | None
    name: PersonName | None
    infant: bool


def read_docs(text: str, reference: date) -> Docs:
    kind, issuer, number, nationality, born, sex, expiry, surname, *given = _fields(text, 9)
    name: PersonName | None = None
    given_names = tuple(g for g in given if g and g != "H")
    if surname or given_names:
        name = PersonName(surname, given_names)
    return Docs(
        document_type=_DOC_TYPES.get(kind, DocumentType.OTHER) if kind else None,
        issuing_state=issuer or None,
        number=number or None,
        nationality=nationality or None,
        birth_date=ddmmmyy(born, reference, birth=True) if born else None,
        sex=_SEXES.get(sex, Sex.UNSPECIFIED),
        expiry_date=ddmmmyy(expiry, reference, birth=False) if expiry else None,
        name=name,
        infant=sex in ("MI", "FI"),
    )


@dataclass(frozen=True, slots=True)
class Doco:
    birth_place: str | None
    document_type: str | None  # V, K, R
    number: str | None
    issue_place: str | None
    issue_date: date | None
    applies_to: str | None


def read_doco(text: str, reference: date) -> Doco:
    place, kind, number, issued_at, issued_on, country, *_ = _fields(text, 7)
    return Doco(
        birth_place=place or None,
        document_type=kind or None,
        number=number or None,
        issue_place=issued_at or None,
        issue_date=ddmmmyy(issued_on, reference, birth=True) if issued_on else None,
        applies_to=country or None,
    )


def read_doca(text: str) -> tuple[str, Address]:
    """The address kind (D destination, R residence) and the address."""
    kind, country, street, city, region, postal, *_ = _fields(text, 7)
    return kind, Address(
        lines=(street,) if street else (),
        city=city or None,
        region=region or None,
        postal_code=postal or None,
        country=country or None,
    )


def contact_email(text: str) -> str:
    """A CTCE address: AIRIMP writes ``@`` as ``//``, ``_`` as ``..`` and ``-`` as ``./``."""
    body = text.strip().lstrip("/")
    return body.replace("//", "@").replace("..", "_").replace("./", "-").lower()


def contact_phone(text: str) -> str:
    """A CTCM/CTCH/CTCB phone: the digits, with a leading ``+`` kept."""
    text = text.strip().lstrip("/")
    digits = "".join(c for c in text.split("/", 1)[0] if c.isascii() and c.isdigit())
    return ("+" if text.startswith("+") else "") + digits
