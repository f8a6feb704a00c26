"""An agency's own lookouts as a plain CSV file.

Columns (header required; only ``id`` and ``name`` are mandatory): ``id`` (the agency's
own key), ``name`` ("SURNAME, Given" or in reading order, any script), ``kind``
(person, organisation, vessel, aircraft; person when empty), ``aliases`` (separated by
``|``), ``birth_date`` (YYYY-MM-DD or YYYY, several separated by ``|``), ``nationality``
(names or codes, ``|``-separated), ``gender`` (M/F), ``document_number`` (``|``),
``category`` and ``remarks``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from smartborder.domain import ListedDocument, Lookout, Sex, SubjectKind
from smartborder.errors import FormatError
from smartborder.formats.lists.common import (
    LoadedList,
    decode,
    list_name,
    parse_date,
    person_name,
    read_bytes,
    sha256,
    version_of,
)
from smartborder.screening.countries import to_alpha3

REQUIRED = ("id", "name")
KNOWN = REQUIRED + (
    "kind",
    "aliases",
    "birth_date",
    "nationality",
    "gender",
    "document_number",
    "category",
    "remarks",
)
_KINDS = {
    "": SubjectKind.PERSON,
    "person": SubjectKind.PERSON,
    "organization": SubjectKind.ORGANISATION,
}
_KINDS.update({k.value: k for k in SubjectKind})


def _many(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _row(row: dict[str, str], list_id: str, where: str) -> Lookout:
    source_id = (row.get("id") or "").strip()
    name = (row.get("name") or "").strip()
    if not source_id or not name:
        raise FormatError("id and name are required", where=where)
    kind = _KINDS.get((row.get("kind") or "").strip().lower())
    if kind is None:
        raise FormatError(f"unknown kind {row.get('kind')!r}", where=where)
    texts = [name, *_many(row.get("aliases"))]
    if kind is SubjectKind.PERSON:
        names = tuple(person_name(t) for t in texts)
    else:
        names = tuple(list_name(t) for t in texts)
    births: list[str] = []
    for value in _many(row.get("birth_date")):
        dates = parse_date(value)
        if not dates:
            raise FormatError(f"birth date {value!r} is not YYYY-MM-DD or YYYY", where=where)
        births.extend(dates)
    nationalities = []
    for value in _many(row.get("nationality")):
        code = to_alpha3(value)
        if code is None:
            raise FormatError(f"unknown country {value!r}", where=where)
        nationalities.append(code)
    gender = (row.get("gender") or "").strip().upper()
    if gender not in ("", "M", "F", "X"):
        raise FormatError(f"gender {gender!r} is not M, F or X", where=where)
    return Lookout(
        list_id=list_id,
        source_id=source_id,
        kind=kind,
        names=names,
        birth_dates=tuple(births),
        nationalities=tuple(nationalities),
        sex=Sex(gender) if gender else None,
        documents=tuple(ListedDocument(n) for n in _many(row.get("document_number"))),
        programmes=tuple(_many(row.get("category"))),
        remarks=(row.get("remarks") or "").strip()[:4000],
    )


def load_agency_csv(path: Path, list_id: str) -> LoadedList:
    data = read_bytes(path)
    reader = csv.DictReader(io.StringIO(decode(data, path.name), newline=""))
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        rows = list(reader)
    except csv.Error as exc:
        where = f"{path.name} line {reader.line_num}"
        raise FormatError(f"not CSV ({exc})", where=where) from exc
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FormatError(f"missing column(s) {', '.join(missing)}", where=f"{path.name} line 1")
    unknown = [c for c in header if c not in KNOWN]
    if unknown:
        raise FormatError(f"unknown column(s) {', '.join(unknown)}", where=f"{path.name} line 1")
    lookouts = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        lookout = _row(
            {k.strip(): v for k, v in row.items() if k}, list_id, f"{path.name} line {number}"
        )
        if lookout.source_id in seen:
            raise FormatError(
                f"id {lookout.source_id!r} appears twice", where=f"{path.name} line {number}"
            )
        seen.add(lookout.source_id)
        lookouts.append(lookout)
    if not lookouts:
        raise FormatError("no lookouts", where=path.name)
    checksum = sha256(data)
    return LoadedList(list_id, "agency", version_of(None, checksum), checksum, tuple(lookouts))
