"""OpenSanctions entities in FollowTheMoney JSON lines (``entities.ftm.json``).

One JSON object per line: ``id``, ``schema`` and ``properties`` (every value a list of
strings). People, organisations, companies, legal entities, vessels and aircraft
become lookouts; ``Passport`` and ``Identification`` entities give their numbers to
the holder they point at. Countries are ISO alpha-2 in lower case; the nested export
(``targets.nested.json``) puts such entities inline, which is read the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smartborder.domain import ListedDocument, Lookout, Sex, SubjectKind
from smartborder.errors import FormatError
from smartborder.formats.lists.common import (
    LoadedList,
    decode,
    list_name,
    parse_date,
    read_bytes,
    sha256,
    version_of,
)
from smartborder.screening.countries import to_alpha3

MAX_LINE = 4 * 1024 * 1024  # one entity; OpenSanctions' largest are well under a megabyte
_KINDS = {
    "Person": SubjectKind.PERSON,
    "Organization": SubjectKind.ORGANISATION,
    "Company": SubjectKind.ORGANISATION,
    "LegalEntity": SubjectKind.ORGANISATION,
    "PublicBody": SubjectKind.ORGANISATION,
    "Vessel": SubjectKind.VESSEL,
    "Airplane": SubjectKind.AIRCRAFT,
}
_DOCUMENT_SCHEMAS = {"Passport", "Identification"}


def _strings(props: dict[str, Any], name: str) -> list[str]:
    values = props.get(name, [])
    if not isinstance(values, list):
        return []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _documents_of(props: dict[str, Any]) -> list[ListedDocument]:
    found = [ListedDocument(n, "passport") for n in _strings(props, "passportNumber")]
    found += [ListedDocument(n, "id") for n in _strings(props, "idNumber")]
    for key in ("identification", "passport", "identificationHolder"):
        values = props.get(key)
        for nested in values if isinstance(values, list) else []:
            if isinstance(nested, dict) and str(nested.get("schema")) in _DOCUMENT_SCHEMAS:
                found += _document_entity(nested)
    return found


def _document_entity(entity: dict[str, Any]) -> list[ListedDocument]:
    props = entity.get("properties")
    if not isinstance(props, dict):
        return []  # a document entity without properties has no number to give
    country = next(iter(_strings(props, "country")), None)
    kind = "passport" if entity.get("schema") == "Passport" else "id"
    return [
        ListedDocument(n, kind, to_alpha3(country) if country else None)
        for n in _strings(props, "number")
    ]


def _lookout(entity: dict[str, Any], list_id: str, where: str) -> Lookout | None:
    kind = _KINDS.get(str(entity.get("schema")))
    if kind is None:
        return None
    props = entity.get("properties")
    if not isinstance(props, dict):
        raise FormatError("entity without properties", where=where)
    texts = _strings(props, "name")
    if not texts and (_strings(props, "firstName") or _strings(props, "lastName")):
        texts = [" ".join(_strings(props, "firstName")[:1] + _strings(props, "lastName")[:1])]
    aliases = (
        _strings(props, "alias") + _strings(props, "previousName") + _strings(props, "weakAlias")
    )
    if not texts and not aliases:
        raise FormatError("entity without a name", where=where)
    names = tuple(list_name(t) for t in dict.fromkeys(texts + aliases))
    births: list[str] = []
    for value in _strings(props, "birthDate"):
        births.extend(d for d in parse_date(value) or [value[:4]] if d not in births)
    countries = _strings(props, "nationality") + _strings(props, "citizenship")
    nationalities = tuple(dict.fromkeys(c for c in (to_alpha3(v) for v in countries) if c))
    gender = next(iter(_strings(props, "gender")), "").lower()
    return Lookout(
        list_id=list_id,
        source_id=str(entity.get("id") or ""),
        kind=kind,
        names=names,
        birth_dates=tuple(births),
        nationalities=nationalities,
        sex=Sex.MALE if gender == "male" else Sex.FEMALE if gender == "female" else None,
        documents=tuple(_documents_of(props)),
        programmes=tuple(_strings(props, "topics")),
        remarks=" ".join(_strings(props, "notes"))[:4000],
    )


def load_ftm(path: Path, list_id: str) -> LoadedList:
    data = read_bytes(path)
    lookouts: list[Lookout] = []
    held: dict[str, list[ListedDocument]] = {}
    for number, line in enumerate(decode(data, path.name).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        if len(line) > MAX_LINE:
            raise FormatError(f"line longer than {MAX_LINE:,} characters", where=where)
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not JSON ({exc.msg} at column {exc.colno})", where=where) from exc
        if not isinstance(entity, dict) or not isinstance(entity.get("schema"), str):
            raise FormatError("not a FollowTheMoney entity (no schema)", where=where)
        if entity["schema"] in _DOCUMENT_SCHEMAS:
            props = entity.get("properties")
            holders = _strings(props, "holder") if isinstance(props, dict) else []
            for holder in holders:
                held.setdefault(holder, []).extend(_document_entity(entity))
            continue
        lookout = _lookout(entity, list_id, where)
        if lookout is not None:
            if not lookout.source_id:
                raise FormatError("entity without an id", where=where)
            lookouts.append(lookout)
    if held:
        lookouts = [
            _with_documents(lk, held[lk.source_id]) if lk.source_id in held else lk
            for lk in lookouts
        ]
    if not lookouts:
        raise FormatError("no people, organisations, vessels or aircraft", where=path.name)
    checksum = sha256(data)
    return LoadedList(list_id, "ftm", version_of(None, checksum), checksum, tuple(lookouts))


def _with_documents(lookout: Lookout, documents: list[ListedDocument]) -> Lookout:
    from dataclasses import replace

    return replace(lookout, documents=lookout.documents + tuple(documents))
