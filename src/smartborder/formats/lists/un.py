"""The UN Security Council Consolidated List in its XML form.

``CONSOLIDATED_LIST`` holds ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``. A person's
name is split over ``FIRST_NAME`` to ``FOURTH_NAME`` in the order it is written, with
``NAME_ORIGINAL_SCRIPT`` beside it; aliases carry a quality (Good, Low, a.k.a., f.k.a.);
birth dates are EXACT (a DATE or a YEAR), APPROXIMATELY (a YEAR) or BETWEEN two years.
The key an officer looks up is ``REFERENCE_NUMBER`` (e.g. ``IQi.001``). Parsed with
defusedxml: no entity expansion, no external references.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from smartborder.domain import ListedDocument, Lookout, PersonName, Sex, SubjectKind
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
from smartborder.formats.lists.packed import unpack
from smartborder.screening.countries import to_alpha3

Element = Any  # defusedxml hands back xml.etree elements


def _text(node: Element, tag: str) -> str:
    child = node.find(tag)
    return clean(child.text) if child is not None and child.text else ""


def _values(node: Element, path: str) -> list[str]:
    return [clean(v.text) for v in node.findall(path) if v.text and clean(v.text)]


def _names(values: list[str]) -> list[PersonName]:
    # One ALIAS_NAME (or an entity's FIRST_NAME) sometimes packs several spellings.
    found: list[PersonName] = []
    for value in values:
        for name in unpack(value):
            person = list_name(name.text, original_script=name.original_script)
            if person not in found:
                found.append(person)
    return found


def _births(node: Element) -> tuple[str, ...]:
    dates: list[str] = []
    for born in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = _text(born, "TYPE_OF_DATE").upper()
        if kind == "BETWEEN":
            start, end = _text(born, "FROM_YEAR"), _text(born, "TO_YEAR")
            found = parse_date(f"{start} to {end}") if start and end else []
        else:
            found = parse_date(_text(born, "DATE") or _text(born, "YEAR"))
        dates.extend(d for d in found if d not in dates)
    return tuple(dates)


def _documents(node: Element) -> tuple[ListedDocument, ...]:
    documents = []
    for doc in node.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if number:
            country = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
            documents.append(
                ListedDocument(
                    number=number,
                    kind=_text(doc, "TYPE_OF_DOCUMENT").lower() or None,
                    country=to_alpha3(country) if country else None,
                )
            )
    return tuple(documents)


def _individual(node: Element, list_id: str, where: str) -> Lookout:
    parts = [_text(node, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    parts = [p for p in parts if p]
    if not parts:
        raise FormatError("individual without a name", where=where)
    primary = list_name(parts[-1], tuple(parts[:-1]), _text(node, "NAME_ORIGINAL_SCRIPT") or None)
    aliases = _names(_values(node, "INDIVIDUAL_ALIAS/ALIAS_NAME"))
    gender = _text(node, "GENDER").lower()
    nationalities = []
    for value in _values(node, "NATIONALITY/VALUE"):
        code = to_alpha3(value)
        if code and code not in nationalities:
            nationalities.append(code)
    return Lookout(
        list_id=list_id,
        source_id=_reference(node, where),
        kind=SubjectKind.PERSON,
        names=(primary, *aliases),
        birth_dates=_births(node),
        nationalities=tuple(nationalities),
        sex=Sex.MALE if gender == "male" else Sex.FEMALE if gender == "female" else None,
        documents=_documents(node),
        programmes=(_text(node, "UN_LIST_TYPE"),) if _text(node, "UN_LIST_TYPE") else (),
        remarks=_text(node, "COMMENTS1")[:4000],
    )


def _entity(node: Element, list_id: str, where: str) -> Lookout:
    names = _names([_text(node, "FIRST_NAME")] if _text(node, "FIRST_NAME") else [])
    if not names:
        raise FormatError("entity without a name", where=where)
    aliases = _names(_values(node, "ENTITY_ALIAS/ALIAS_NAME"))
    return Lookout(
        list_id=list_id,
        source_id=_reference(node, where),
        kind=SubjectKind.ORGANISATION,
        names=(*names, *(a for a in aliases if a not in names)),
        programmes=(_text(node, "UN_LIST_TYPE"),) if _text(node, "UN_LIST_TYPE") else (),
        remarks=_text(node, "COMMENTS1")[:4000],
    )


def _reference(node: Element, where: str) -> str:
    reference = _text(node, "REFERENCE_NUMBER") or _text(node, "DATAID")
    if not reference:
        raise FormatError("entry without REFERENCE_NUMBER or DATAID", where=where)
    return reference


def load_un(path: Path, list_id: str) -> LoadedList:
    data = read_bytes(path)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise FormatError(
            f"not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})",
            where=f"{path.name} line {line}, column {column}",
        ) from exc
    except Exception as exc:  # defusedxml's refusals (DTDs, entities) are not ParseErrors
        raise FormatError(f"refused XML: {type(exc).__name__}", where=path.name) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise FormatError(f"root element is <{root.tag}>, not <CONSOLIDATED_LIST>", where=path.name)
    lookouts = []
    for number, node in enumerate(root.findall("INDIVIDUALS/INDIVIDUAL"), start=1):
        lookouts.append(_individual(node, list_id, f"{path.name} individual {number}"))
    for number, node in enumerate(root.findall("ENTITIES/ENTITY"), start=1):
        lookouts.append(_entity(node, list_id, f"{path.name} entity {number}"))
    if not lookouts:
        raise FormatError("no individuals or entities", where=path.name)
    checksum = sha256(data)
    published = (root.get("dateGenerated") or "")[:10] or None
    return LoadedList(
        list_id, "un-consolidated", version_of(published, checksum), checksum, tuple(lookouts)
    )
