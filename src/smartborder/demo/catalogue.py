"""The demo's shipped data: ports and name parts (package data, synthetic or public facts)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from smartborder.domain import Agency, LaneType, PortOfEntry


def _load(name: str) -> Any:
    text = resources.files("smartborder.demo").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


@cache
def ports() -> tuple[PortOfEntry, ...]:
    return tuple(
        PortOfEntry(
            code=str(p["code"]),
            name=p["name"],
            agency=Agency(p["agency"]),
            cbp_port_code=p.get("cbp_port_code"),
            cbsa_office_code=p.get("cbsa_office_code"),
            timezone=p["timezone"],
            lanes=tuple(LaneType(lane) for lane in p["lanes"]),
            partner_port_code=p.get("partner_port_code"),
        )
        for p in _load("ports.yaml")["ports"]
    )


@dataclass(frozen=True, slots=True)
class NameParts:
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]


@cache
def names() -> NameParts:
    data = _load("names.yaml")
    return NameParts(
        female=tuple(data["given"]["female"]),
        male=tuple(data["given"]["male"]),
        surnames=tuple(data["surnames"]),
    )
