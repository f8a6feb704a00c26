"""What every list reader shares: the loaded list, size limits, dates and checksums."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from smartborder import files
from smartborder.domain import Lookout, PersonName
from smartborder.domain.people import clean_name
from smartborder.errors import FormatError

#: The largest list file we read: the biggest official lists are a few tens of megabytes;
#: anything this large is a mistake or an attack.
MAX_FILE_BYTES = 512 * 1024 * 1024
EMPTY = "-0-"  # OFAC's empty field

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class LoadedList:
    """A list file read into lookouts, with the version and checksum it came with."""

    list_id: str
    source: str  # "ofac-sdn", "un-consolidated", "ftm", "sema", "agency"
    version: str
    checksum: str  # SHA-256 of the file(s) read
    lookouts: tuple[Lookout, ...]


def read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """A list file's bytes, refusing one larger than ``limit`` (``MAX_FILE_BYTES``) as it is
    read, whatever its stated size (see ``files``)."""
    return files.read_bytes(
        path, limit=MAX_FILE_BYTES if limit is None else limit, what="list file"
    )


def decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Older OFAC files are Windows-1252; a strict second try keeps garbage out.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise FormatError(
                f"not UTF-8 text (byte {exc.start}: {exc.reason})", where=where
            ) from exc


def sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def version_of(published: str | None, checksum: str) -> str:
    """A version that says when the list was published (when it says) and what was read."""
    return f"{published}+{checksum[:8]}" if published else checksum[:12]


def clean(value: str | None) -> str:
    """A field without padding, OFAC's "-0-" and doubled spaces."""
    if value is None:
        return ""
    text = " ".join(value.split())
    return "" if text == EMPTY else text


def list_name(
    surname: str, given_names: tuple[str, ...] = (), original_script: str | None = None
) -> PersonName:
    """A name as a list gives it, cleaned of invisible and control characters.

    A list comes from an authority we cannot ask to fix it, and it must load: a
    right-to-left override or a zero-width space is dropped and a control character
    becomes a space (``clean_name``), where a traveller's record would be refused."""
    given = tuple(g for g in (clean_name(g) for g in given_names) if g)
    script = clean_name(original_script) if original_script else None
    return PersonName(clean_name(surname), given, script or None)


def person_name(text: str) -> PersonName:
    """A list name written "SURNAME, Given Names" (OFAC's order) or in reading order."""
    text = clean_name(text)
    if "," in text:
        surname, _, given = text.partition(",")
        if surname.strip() and given.strip():
            return PersonName(surname=surname.strip(), given_names=tuple(given.split()))
    return PersonName(surname=text.strip())


def parse_date(text: str) -> list[str]:
    """Birth dates as lists write them, as YYYY-MM-DD, YYYY-MM or YYYY (several for ranges).

    Understands "10 Dec 1948", "Dec 1948", "1948", "circa 1955", "1960 to 1962",
    "1965-03-04", "04/03/1965" (day first, as the lists that use slashes do).
    """
    value = text.strip().lower().rstrip(".")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t.*)?", value)
    if iso:
        return [_checked(int(iso[1]), int(iso[2]), int(iso[3]))]
    slashed = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if slashed:
        return [_checked(int(slashed[3]), int(slashed[2]), int(slashed[1]))]
    written = re.fullmatch(
        r"(?:circa |approximately |about )?(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})", value
    )
    if written and written[2] in _MONTHS:
        return [_checked(int(written[3]), _MONTHS[written[2]], int(written[1]))]
    month = re.fullmatch(r"(?:circa )?([a-z]{3})[a-z]* (\d{4})", value)
    if month and month[1] in _MONTHS:
        return [f"{int(month[2]):04d}-{_MONTHS[month[1]]:02d}"]
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", value)]
    if (
        len(years) == 2
        and ("to" in value or "between" in value or "-" in value)
        and years[0] <= years[1] <= years[0] + 15
    ):
        return [str(y) for y in range(years[0], years[1] + 1)]
    return [str(y) for y in years]


def _checked(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}"  # an impossible day: keep what is certain, the year
