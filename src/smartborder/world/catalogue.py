"""The synthetic world's shipped data: ports and name parts (package data, synthetic or
public facts)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from smartborder.domain import PortOfEntry
from smartborder.formats.ports import parse_ports


def _text(name: str) -> str:
    return resources.files("smartborder.world").joinpath("data", name).read_text("utf-8")


def _load(name: str) -> Any:
    return yaml.safe_load(_text(name))


@cache
def ports() -> tuple[PortOfEntry, ...]:
    return parse_ports(_text("ports.yaml"))


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
