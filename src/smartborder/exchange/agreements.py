"""Sharing agreements: what the two agencies agreed to share, per record type, in YAML.

For each record type an agreement names the fields shared, the purpose, how many days
the receiver keeps a record, and the direction. Outgoing records are reduced to exactly
the agreed fields before they leave; an incoming record carrying any other field is
refused. Both nodes load the same agreement; its fingerprint travels with every message
so that two nodes working from different texts find out at the first message.

Example (``examples/agreements/entry-exit.yaml`` is the full one)::

    id: btb-entry-exit-phase-iii
    title: Beyond the Border entry/exit information sharing, phase III
    parties: [CBSA, CBP]
    record_types:
      entry-exit:
        direction: both            # both | CBSA-to-CBP | CBP-to-CBSA
        purpose: ...
        retention_days: 5479
        fields: [surname, given_names, birth_date, ...]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smartborder import files
from smartborder.domain import Agency
from smartborder.errors import ConfigurationError, FormatError, InvalidInput, ValidationFailed
from smartborder.exchange.entry_exit import ENTRY_EXIT, ENTRY_EXIT_FIELDS, ENTRY_EXIT_REQUIRED
from smartborder.formats.programme_records import RECORD_FIELDS as PROGRAMME_RECORD_FIELDS

MAX_AGREEMENT_BYTES = 256 * 1024

#: The fields each record type can have, and those it cannot do without.
KNOWN_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    ENTRY_EXIT: (ENTRY_EXIT_FIELDS, ENTRY_EXIT_REQUIRED),
    **PROGRAMME_RECORD_FIELDS,
}
#: The record types the channel is meant to carry. Entry-exit and the trusted-traveller
#: records have producers and consumers on this node today; an agreement may already
#: name the others.
RECORD_TYPES = (*KNOWN_FIELDS, "lookout", "api-pnr", "customs")

_FieldName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")]


class Flow(StrEnum):
    """Which way an agreement's records of one type go (not a crossing's ``Direction``)."""

    BOTH = "both"
    CBSA_TO_CBP = "CBSA-to-CBP"
    CBP_TO_CBSA = "CBP-to-CBSA"

    def carries(self, sender: Agency) -> bool:
        """Whether records of this type flow from ``sender`` to its partner."""
        return self is Flow.BOTH or self.value.startswith(f"{sender}-")


class _TermsModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    direction: Flow
    purpose: Annotated[str, Field(min_length=3, max_length=200)]
    retention_days: Annotated[int, Field(ge=1, le=36_500)]
    fields: Annotated[list[_FieldName], Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=2000)] = ""


class _AgreementModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    parties: Annotated[list[Agency], Field(min_length=2, max_length=2)]
    record_types: Annotated[dict[str, _TermsModel], Field(min_length=1)]
    effective: str | None = None
    reference: Annotated[str, Field(max_length=1000)] = ""


@dataclass(frozen=True, slots=True)
class Terms:
    """What the agreement says about one record type."""

    record_type: str
    direction: Flow
    purpose: str
    retention_days: int
    fields: frozenset[str]


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    title: str
    terms: Mapping[str, Terms]
    fingerprint: str  # SHA-256 of the canonical terms: the same text gives the same value

    @property
    def label(self) -> str:
        """How messages name the agreement: its id and the start of its fingerprint."""
        return f"{self.id}@{self.fingerprint[:16]}"

    def outgoing(self, record_type: str, sender: Agency) -> Terms | None:
        """The terms under which ``sender`` shares ``record_type``, or None if it does not."""
        terms = self.terms.get(record_type)
        return terms if terms is not None and terms.direction.carries(sender) else None

    def reduce(self, terms: Terms, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Exactly the agreed fields of a record: no more, and each one present."""
        return {name: fields.get(name) for name in sorted(terms.fields)}

    def check_incoming(self, record_type: str, sender: Agency, fields: Mapping[str, Any]) -> Terms:
        """The terms an incoming record falls under; ValidationFailed when it falls outside."""
        terms = self.terms.get(record_type)
        if terms is None:
            raise ValidationFailed(f"record type {record_type!r} is not in agreement {self.id}")
        if not terms.direction.carries(sender):
            raise ValidationFailed(
                f"agreement {self.id} does not let {sender} send {record_type} records"
            )
        extra = sorted(set(fields) - terms.fields)
        if extra:
            raise ValidationFailed(
                f"fields outside agreement {self.id} for {record_type}: {', '.join(extra)}"
            )
        return terms


def parse_agreement(text: str, *, source: str = "agreement") -> Agreement:
    """An agreement from its YAML text; FormatError or ValidationFailed naming the place."""
    if len(text.encode()) > MAX_AGREEMENT_BYTES:
        raise FormatError(f"larger than {MAX_AGREEMENT_BYTES} bytes", where=source)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}, column {mark.column + 1}" if mark else source
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise FormatError(str(problem), where=where) from None
    if not isinstance(data, dict):
        raise FormatError("the agreement must be a YAML mapping", where=source)
    try:
        model = _AgreementModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        location = ".".join(str(p) for p in err["loc"]) or "top level"
        raise ValidationFailed(f"{source}: {location}: {err['msg']}") from None
    if set(model.parties) != set(Agency):
        raise ValidationFailed(f"{source}: parties must be CBSA and CBP")
    terms: dict[str, Terms] = {}
    for name, raw in model.record_types.items():
        if name not in RECORD_TYPES:
            raise ValidationFailed(
                f"{source}: record_types.{name}: unknown record type "
                f"(known: {', '.join(RECORD_TYPES)})"
            )
        fields = frozenset(raw.fields)
        if len(fields) != len(raw.fields):
            raise ValidationFailed(f"{source}: record_types.{name}.fields: a field is repeated")
        if name in KNOWN_FIELDS:
            known, required = KNOWN_FIELDS[name]
            unknown = sorted(fields - known)
            if unknown:
                raise ValidationFailed(
                    f"{source}: record_types.{name}.fields: {name} records have no "
                    f"such field: {', '.join(unknown)}"
                )
            missing = sorted(required - fields)
            if missing:
                raise ValidationFailed(
                    f"{source}: record_types.{name}.fields: a {name} record is no use "
                    f"without {', '.join(missing)}"
                )
        terms[name] = Terms(name, raw.direction, raw.purpose, raw.retention_days, fields)
    canonical = json.dumps(
        {
            "id": model.id,
            "terms": {
                n: [str(t.direction), t.purpose, t.retention_days, sorted(t.fields)]
                for n, t in sorted(terms.items())
            },
        },
        sort_keys=True,
    )
    return Agreement(
        id=model.id,
        title=model.title,
        terms=terms,
        fingerprint=hashlib.sha256(canonical.encode()).hexdigest(),
    )


#: An agreement is a page of YAML.
_MAX_AGREEMENT_BYTES = 1024 * 1024


def combine(parts: list[Agreement]) -> Agreement:
    """Several agreements in force at once, as one: every record type under the one
    agreement that names it (two naming the same type is a mistake), the ids joined and
    the fingerprint over every part's, so that both nodes must hold the same set."""
    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=lambda a: a.id)
    terms: dict[str, Terms] = {}
    for part in parts:
        for name, item in part.terms.items():
            if name in terms:
                raise ConfigurationError(
                    f"record type {name} is in two agreements: "
                    f"{next(a.id for a in parts if name in a.terms)} and {part.id}"
                )
            terms[name] = item
    fingerprint = hashlib.sha256("+".join(a.fingerprint for a in parts).encode()).hexdigest()
    return Agreement(
        id="+".join(a.id for a in parts),
        title="; ".join(a.title for a in parts),
        terms=terms,
        fingerprint=fingerprint,
    )


#: A folder of agreements holds a handful of files.
MAX_AGREEMENT_FILES = 20


def load_agreement(path: Path) -> Agreement:
    """The agreement in a YAML file, or every agreement in a folder (``*.yaml``) as one."""
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not found:
            raise ConfigurationError(f"agreement folder {path} holds no .yaml file")
        if len(found) > MAX_AGREEMENT_FILES:
            raise ConfigurationError(
                f"agreement folder {path} holds {len(found)} files; at most {MAX_AGREEMENT_FILES}"
            )
        return combine([_load_one(p) for p in found])
    return _load_one(path)


def _load_one(path: Path) -> Agreement:
    try:
        text = files.read_text(path, limit=_MAX_AGREEMENT_BYTES, what="agreement", encoding="utf-8")
    except InvalidInput as exc:  # a setting names the file: it is the settings that are wrong
        raise ConfigurationError(f"cannot read agreement {path}: {exc}") from None
    return parse_agreement(text, source=str(path))


def packaged(name: str) -> Agreement:
    """An agreement shipped with the package (the demo uses them): ``entry-exit`` or
    ``programmes``, the same texts as in ``examples/agreements/``."""
    text = resources.files("smartborder.exchange").joinpath("data", f"{name}.yaml")
    return parse_agreement(text.read_text("utf-8"), source=f"{name}.yaml")


def packaged_entry_exit() -> Agreement:
    """The phase III entry/exit agreement shipped with the package."""
    return packaged("entry-exit")
