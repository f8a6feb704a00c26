"""Facts to and from JSON, typed by the catalogue (dates come back as dates)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from smartborder.targeting.rules.fields import CATALOGUE, FieldType
from smartborder.targeting.rules.operators import TRAVEL_DATE


def encode_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-safe facts: dates and times as ISO text, None values left out."""
    encoded: dict[str, Any] = {}
    for name, value in facts.items():
        if value is None:
            continue
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        encoded[name] = value
    return encoded


def decode_facts(encoded: Mapping[str, Any]) -> dict[str, Any]:
    """The facts a rule set saw, typed again; unknown names are kept as they are."""
    facts: dict[str, Any] = {}
    for name, value in encoded.items():
        spec = CATALOGUE.get(name)
        kind = FieldType.DATE if name == TRAVEL_DATE else (spec.type if spec else None)
        if kind is FieldType.DATE and isinstance(value, str):
            value = date.fromisoformat(value[:10])
        elif kind is FieldType.DATETIME and isinstance(value, str):
            value = datetime.fromisoformat(value)
        facts[name] = value
    return facts
