"""Rules, their conditions and the value lists they can test membership in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True, slots=True)
class Leaf:
    """One test of one field: ``{field: pnr.lead_time_days, op: lte, value: 3}``."""

    field: str
    op: str
    value: object = None


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class NotOf:
    condition: Condition


Condition = Leaf | AllOf | AnyOf | NotOf


@dataclass(frozen=True, slots=True)
class Rule:
    """A targeting rule: when its condition holds, it adds its weight to the risk.

    ``weight`` is in [0, 1]: the share of risk the rule alone stands for; several rules
    combine as independent evidence (1 - product of 1 - weight).
    """

    id: str
    title: str
    description: str  # plain language: what the officer reads
    condition: Condition
    weight: float
    severity: Severity
    version: int = 1
    roles: tuple[str, ...] = ()  # empty: every role
    modes: tuple[str, ...] = ()  # "air", "land"; empty: both
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class ValueList:
    """An agency-maintained list of values: phone numbers, e-mails, cards, addresses."""

    name: str
    kind: str  # phone, email, card, address, text
    values: frozenset[str]
    description: str = ""


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    rules: tuple[Rule, ...]
    value_lists: dict[str, ValueList] = field(default_factory=dict)
    version: str = ""  # a content hash, set when the set is parsed

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
