"""The ports file: a node's ports of entry in YAML (see ``world/data/ports.yaml``)."""

from __future__ import annotations

from typing import Any

import yaml

from smartborder.domain import Agency, LaneType, PortOfEntry
from smartborder.errors import FormatError

MAX_BYTES = 1_000_000


def parse_ports(text: str) -> tuple[PortOfEntry, ...]:
    """Ports from the YAML text of a ports file; a FormatError names the entry at fault."""
    if len(text) > MAX_BYTES:
        raise FormatError(f"a ports file is at most {MAX_BYTES:,} bytes")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FormatError(f"not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("ports"), list):
        raise FormatError("a ports file is a mapping with a 'ports' list")
    return tuple(_port(entry, n) for n, entry in enumerate(data["ports"], start=1))


def _port(entry: Any, n: int) -> PortOfEntry:
    where = f"port {n}"
    if not isinstance(entry, dict):
        raise FormatError("each port is a mapping", where=where)
    try:
        code = str(entry["code"])
        lanes = entry.get("lanes", ["general"])
        if not isinstance(lanes, list):
            raise FormatError("'lanes' must be a list", where=f"{where} ({code})")
        return PortOfEntry(
            code=code,
            name=str(entry["name"]),
            agency=Agency(entry["agency"]),
            cbp_port_code=_optional(entry, "cbp_port_code"),
            cbsa_office_code=_optional(entry, "cbsa_office_code"),
            timezone=str(entry.get("timezone", "UTC")),
            lanes=tuple(LaneType(lane) for lane in lanes),
            partner_port_code=_optional(entry, "partner_port_code"),
            airport=_optional(entry, "airport"),
        )
    except KeyError as exc:
        raise FormatError(f"missing {exc.args[0]!r}", where=where) from None
    except ValueError as exc:
        raise FormatError(str(exc), where=where) from None


def _optional(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return None if value is None else str(value)
