"""Compile a rule set once into closures, then evaluate it against each traveller's facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smartborder.targeting.rules.fields import CATALOGUE
from smartborder.targeting.rules.model import AllOf, AnyOf, Condition, Leaf, NotOf, Rule, RuleSet
from smartborder.targeting.rules.operators import OPERATORS, Facts

# A compiled condition returns whether it held and, when it did, the facts that made it.
Matcher = Callable[[Facts], tuple[bool, list[str]]]


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule_id: str
    rule_version: int
    title: str
    weight: float
    severity: str
    because: tuple[str, ...]  # "pnr.lead_time_days is 2 (is at most 3)"

    @property
    def text(self) -> str:
        return f"{self.title}: {'; '.join(self.because)}"


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _compile(condition: Condition, rule_set: RuleSet) -> Matcher:
    if isinstance(condition, Leaf):
        spec = CATALOGUE[condition.field]
        operator = OPERATORS[condition.op]
        test = operator.build(spec.type, condition.value, rule_set.value_lists, condition.field)
        name = condition.field
        operand = "" if condition.value is None else f" {_show(condition.value)}"

        def leaf(facts: Facts) -> tuple[bool, list[str]]:
            value = facts.get(name)
            if test(value, facts):
                return True, [f"{name} is {_show(value)} ({operator.text}{operand})"]
            return False, []

        return leaf
    if isinstance(condition, AllOf):
        parts = [_compile(c, rule_set) for c in condition.conditions]

        def all_of(facts: Facts) -> tuple[bool, list[str]]:
            because: list[str] = []
            for part in parts:
                held, why = part(facts)
                if not held:
                    return False, []
                because += why
            return True, because

        return all_of
    if isinstance(condition, AnyOf):
        parts = [_compile(c, rule_set) for c in condition.conditions]

        def any_of(facts: Facts) -> tuple[bool, list[str]]:
            for part in parts:
                held, why = part(facts)
                if held:
                    return True, why
            return False, []

        return any_of
    inner = _compile(condition.condition, rule_set)
    negated = condition

    def not_of(facts: Facts) -> tuple[bool, list[str]]:
        held, _ = inner(facts)
        return (False, []) if held else (True, [f"not ({_describe(negated.condition)})"])

    return not_of


def _describe(condition: Condition) -> str:
    if isinstance(condition, Leaf):
        operand = "" if condition.value is None else f" {_show(condition.value)}"
        return f"{condition.field} {OPERATORS[condition.op].text}{operand}"
    if isinstance(condition, NotOf):
        return f"not ({_describe(condition.condition)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return joiner.join(_describe(c) for c in condition.conditions)


@dataclass(frozen=True)
class CompiledRuleSet:
    rule_set: RuleSet
    _rules: tuple[tuple[Rule, Matcher], ...]

    @property
    def version(self) -> str:
        return self.rule_set.version

    def evaluate(
        self, facts: Facts, *, role: str | None = None, mode: str | None = None
    ) -> list[RuleHit]:
        """The rules that hold for these facts, in the rule set's order."""
        hits = []
        for rule, matcher in self._rules:
            if rule.roles and role not in rule.roles:
                continue
            if rule.modes and mode not in rule.modes:
                continue
            held, because = matcher(facts)
            if held:
                hits.append(
                    RuleHit(
                        rule.id,
                        rule.version,
                        rule.title,
                        rule.weight,
                        str(rule.severity),
                        tuple(because),
                    )
                )
        return hits


def compile_rule_set(rule_set: RuleSet) -> CompiledRuleSet:
    return CompiledRuleSet(
        rule_set, tuple((r, _compile(r.condition, rule_set)) for r in rule_set.rules if r.enabled)
    )


def combined_risk(hits: list[RuleHit]) -> float:
    """Rules as independent evidence: 1 - product of (1 - weight)."""
    remaining = 1.0
    for hit in hits:
        remaining *= 1.0 - hit.weight
    return 1.0 - remaining
