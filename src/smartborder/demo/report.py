"""The demo's report: figures measured on the run, never written in advance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""

    def add(self, label: str, value: object) -> None:
        self.rows.append((label, str(value)))


@dataclass
class DemoReport:
    seed: int
    day: str
    ports: list[str]
    sections: list[Section] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)  # for --json and for tests

    def section(self, title: str, note: str = "") -> Section:
        section = Section(title, note=note)
        self.sections.append(section)
        return section

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
