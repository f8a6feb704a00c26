"""Canada's Consolidated Autonomous Sanctions List (Special Economic Measures Act), XML.

``data-set`` holds one ``record`` per listing: ``Country`` (the regime), ``LastName`` and
``GivenName`` for people or ``EntityOrShip`` for entities and ships, ``TitleOrShip``,
``ShipIMONumber``, ``DateOfBirthOrShipBuildDate``, ``Aliases``, ``Schedule``, ``Item``
and ``DateOfListing``. An item number is unique only within its regime and schedule, so
the key we keep is ``Country/Schedule/Item``. Parsed with defusedxml.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from smartborder.domain import Lookout, SubjectKind
from smartborder.errors import FormatError
from smartborder.formats.lists.common import (
    LoadedList,
    clean,
    list_name,
    parse_date,
    read_bytes,
    sha256,
    version_of,
)


def _text(node: Any, tag: str) -> str:
    child = node.find(tag)
    return clean(child.text) if child is not None and child.text else ""


def _record(node: Any, list_id: str, where: str) -> Lookout:
    country, schedule, item = _text(node, "Country"), _text(node, "Schedule"), _text(node, "Item")
    if not item:
        raise FormatError("record without an Item number", where=where)
    last, given = _text(node, "LastName"), _text(node, "GivenName")
    entity = _text(node, "EntityOrShip")
    imo = _text(node, "ShipIMONumber")
    if last or given:
        kind = SubjectKind.PERSON
        primary = list_name(last, tuple(given.split()))
    elif entity:
        kind = SubjectKind.VESSEL if imo else SubjectKind.ORGANISATION
        primary = list_name(entity)
    else:
        raise FormatError("record without LastName, GivenName or EntityOrShip", where=where)
    aliases = [
        list_name(a.strip())
        for a in re.split(r"[;,]\s*|\s+/\s+", _text(node, "Aliases"))
        if a.strip()
    ]
    born = _text(node, "DateOfBirthOrShipBuildDate") if kind is SubjectKind.PERSON else ""
    births = tuple(
        dict.fromkeys(d for part in re.split(r"\s+or\s+|;", born) if part for d in parse_date(part))
    )
    return Lookout(
        list_id=list_id,
        source_id="/".join(p for p in (country, schedule, item) if p),
        kind=kind,
        names=(primary, *aliases),
        birth_dates=births,
        programmes=(country,) if country else (),
        remarks=" ".join(p for p in (_text(node, "TitleOrShip"), f"IMO {imo}" if imo else "") if p),
    )


def load_sema(path: Path, list_id: str) -> LoadedList:
    data = read_bytes(path)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise FormatError(
            "not well-formed XML", where=f"{path.name} line {line}, column {column}"
        ) from exc
    except Exception as exc:  # defusedxml's refusals (DTDs, entities) are not ParseErrors
        raise FormatError(f"refused XML: {type(exc).__name__}", where=path.name) from exc
    if root.tag != "data-set":
        raise FormatError(f"root element is <{root.tag}>, not <data-set>", where=path.name)
    lookouts = [
        _record(node, list_id, f"{path.name} record {number}")
        for number, node in enumerate(root.findall("record"), start=1)
    ]
    if not lookouts:
        raise FormatError("no records", where=path.name)
    checksum = sha256(data)
    return LoadedList(list_id, "sema", version_of(None, checksum), checksum, tuple(lookouts))
