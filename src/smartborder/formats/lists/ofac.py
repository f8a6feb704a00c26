"""OFAC's Specially Designated Nationals list in its legacy CSV files.

``sdn.csv`` holds one row per entry (ent_num, name, type, programme, title, call sign,
vessel fields, remarks); ``alt.csv`` its aliases, ``add.csv`` its addresses and
``sdn_comments.csv`` the remarks that did not fit in ``sdn.csv``. Fields are quoted,
empty ones written ``-0-``; the files end with an old DOS end-of-file byte. Names are
"SURNAME, Given Names"; birth dates, nationality, sex and documents live in the remarks,
which ``ofac_remarks`` reads.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from smartborder.domain import Lookout, SubjectKind
from smartborder.errors import FormatError
from smartborder.formats.lists.common import (
    LoadedList,
    clean,
    decode,
    list_name,
    person_name,
    read_bytes,
    sha256,
    version_of,
)
from smartborder.formats.lists.ofac_remarks import read_remarks

_KINDS = {
    "individual": SubjectKind.PERSON,
    "vessel": SubjectKind.VESSEL,
    "aircraft": SubjectKind.AIRCRAFT,
    "": SubjectKind.ORGANISATION,
}
_COMPANIONS = ("alt.csv", "add.csv", "sdn_comments.csv")


def _rows(text: str, name: str, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    # newline="" hands line ends to the csv module, which reads a quoted line break as
    # text and a bare carriage return as a line end; what it cannot read is a FormatError.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        numbered = list(enumerate(reader, start=1))
    except csv.Error as exc:
        raise FormatError(f"not CSV ({exc})", where=f"{name} line {reader.line_num}") from exc
    for number, row in numbered:
        if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
            continue
        if len(row) < width:
            raise FormatError(
                f"expected {width} fields, found {len(row)}", where=f"{name} line {number}"
            )
        if not (row[0].strip().isascii() and row[0].strip().isdigit()):
            raise FormatError(f"ent_num {row[0]!r} is not a number", where=f"{name} line {number}")
        rows.append((number, row))
    return rows


def _companion(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / name.upper()):
        if candidate.is_file():
            return candidate
    return None


def load_ofac(path: Path, list_id: str) -> LoadedList:
    """Read ``sdn.csv`` (or the folder holding it) and the companion files beside it."""
    sdn_path = path
    if path.is_dir():
        found = _companion(path, "sdn.csv")
        if found is None:
            raise FormatError("no sdn.csv in this folder", where=str(path))
        sdn_path = found
    sdn_bytes = read_bytes(sdn_path)
    parts = [sdn_bytes]
    texts: dict[str, str] = {}
    for name in _COMPANIONS:
        companion = _companion(sdn_path.parent, name)
        if companion is not None:
            data = read_bytes(companion)
            parts.append(data)
            texts[name] = decode(data, name)
    checksum = sha256(*parts)

    aliases: dict[str, list[str]] = defaultdict(list)
    for _, row in _rows(texts.get("alt.csv", ""), "alt.csv", 4):
        alias = clean(row[3])
        if alias:
            aliases[row[0].strip()].append(alias)
    addresses: dict[str, list[str]] = defaultdict(list)
    for _, row in _rows(texts.get("add.csv", ""), "add.csv", 5):
        place = ", ".join(p for p in (clean(row[3]), clean(row[4])) if p)
        if place:
            addresses[row[0].strip()].append(place)
    more_remarks: dict[str, str] = {}
    for _, row in _rows(texts.get("sdn_comments.csv", ""), "sdn_comments.csv", 2):
        more_remarks[row[0].strip()] = row[1]

    lookouts = []
    for number, row in _rows(decode(sdn_bytes, "sdn.csv"), "sdn.csv", 12):
        ent_num = row[0].strip()
        kind = _KINDS.get(clean(row[2]).lower())
        if kind is None:
            raise FormatError(f"unknown SDN type {row[2]!r}", where=f"sdn.csv line {number}")
        remarks = clean(row[11]) + clean(more_remarks.get(ent_num))
        name = clean(row[1])
        if not name:
            raise FormatError("entry without a name", where=f"sdn.csv line {number}")
        texts_of_names = [name, *aliases.get(ent_num, [])]
        if kind is SubjectKind.PERSON:
            names = tuple(person_name(n) for n in texts_of_names)
        else:
            names = tuple(list_name(n) for n in texts_of_names)
        facts = read_remarks(remarks)
        place = "; ".join(addresses.get(ent_num, []))
        lookouts.append(
            Lookout(
                list_id=list_id,
                source_id=ent_num,
                kind=kind,
                names=names,
                birth_dates=facts.birth_dates,
                nationalities=facts.nationalities,
                sex=facts.sex,
                documents=facts.documents,
                programmes=tuple(p.strip("[] ") for p in clean(row[3]).split("] [") if p),
                remarks=(remarks + (f" Addresses: {place}." if place else ""))[:4000],
            )
        )
    if not lookouts:
        raise FormatError("no entries", where=str(sdn_path))
    return LoadedList(list_id, "ofac-sdn", version_of(None, checksum), checksum, tuple(lookouts))
