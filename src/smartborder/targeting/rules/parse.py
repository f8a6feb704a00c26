"""Rules from their YAML (or JSON) structure, validated as they are saved.

Every mistake is a ValidationFailed that says where it is (``rule late-cash, when.all[1]``)
and what is wrong, so that an analyst can fix a rule before it goes live.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from smartborder.errors import ValidationFailed
from smartborder.targeting.rules.fields import field_spec
from smartborder.targeting.rules.model import (
    AllOf,
    AnyOf,
    Condition,
    Leaf,
    NotOf,
    Rule,
    RuleSet,
    Severity,
    ValueList,
)
from smartborder.targeting.rules.operators import OPERATORS
from smartborder.targeting.rules.reading import load_rule_file

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
ROLES = {"passenger", "crew", "in_transit", "driver", "pedestrian"}
MODES = {"air", "land"}
VALUE_KINDS = {"phone", "email", "card", "address", "text"}
MAX_DEPTH = 8
# Every condition runs for every traveller at a booth: these bound the work one rule set
# can ask for (a few milliseconds per traveller at the most).
MAX_RULES = 1_000
MAX_CONDITIONS_PER_RULE = 100
MAX_CONDITIONS = 5_000


def rule_set_from_yaml(text: str, *, name: str | None = None) -> RuleSet:
    data = load_rule_file(text)
    if not isinstance(data, Mapping):
        raise ValidationFailed("a rule file is a mapping with 'rules' (and 'value_lists')")
    return parse_rule_set(data, name=name)


def parse_rule_set(data: Mapping[str, Any], *, name: str | None = None) -> RuleSet:
    lists = value_lists(data.get("value_lists") or {})
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise ValidationFailed("'rules' must be a list")
    if len(raw_rules) > MAX_RULES:
        raise ValidationFailed(f"a rule set holds at most {MAX_RULES:,} rules")
    rules = tuple(parse_rule(r, lists) for r in raw_rules)
    total = sum(_size(r.condition) for r in rules)
    if total > MAX_CONDITIONS:
        raise ValidationFailed(
            f"a rule set holds at most {MAX_CONDITIONS:,} conditions in all ({total:,} here)"
        )
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValidationFailed(f"rule {rule.id}: the id is used twice")
        seen.add(rule.id)
    set_name = name or str(data.get("name") or "rules")
    return RuleSet(
        name=set_name,
        rules=rules,
        value_lists=lists,
        version=_digest(raw_rules, data.get("value_lists") or {}),
    )


def _digest(rules: Any, lists: Any) -> str:
    canonical = json.dumps({"rules": rules, "value_lists": lists}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def value_lists(raw: Any) -> dict[str, ValueList]:
    if not isinstance(raw, Mapping):
        raise ValidationFailed("'value_lists' must map list names to lists")
    lists = {}
    for name, spec in raw.items():
        where = f"value list {name}"
        if not isinstance(spec, Mapping) or not isinstance(spec.get("values"), list):
            raise ValidationFailed(f"{where}: needs 'kind' and a 'values' list")
        kind = str(spec.get("kind", "text"))
        if kind not in VALUE_KINDS:
            raise ValidationFailed(f"{where}: kind must be one of {', '.join(sorted(VALUE_KINDS))}")
        lists[str(name)] = ValueList(
            name=str(name),
            kind=kind,
            values=frozenset(str(v) for v in spec["values"]),
            description=str(spec.get("description", "")),
        )
    return lists


def parse_rule(raw: Any, lists: dict[str, ValueList]) -> Rule:
    if not isinstance(raw, Mapping):
        raise ValidationFailed("each rule is a mapping")
    rule_id = str(raw.get("id", ""))
    if not RULE_ID.match(rule_id):
        raise ValidationFailed(
            f"rule id {rule_id!r}: use 1-64 lower-case letters, digits, '.', '_' or '-'"
        )
    where = f"rule {rule_id}"
    unknown = set(raw) - {
        "id",
        "title",
        "description",
        "when",
        "weight",
        "severity",
        "version",
        "roles",
        "modes",
        "enabled",
    }
    if unknown:
        raise ValidationFailed(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("title", "description", "when"):
        if not raw.get(key):
            raise ValidationFailed(f"{where}: '{key}' is required")
    try:
        weight = float(raw.get("weight", 0.5))
    except (TypeError, ValueError):
        raise ValidationFailed(f"{where}: weight must be a number in [0, 1]") from None
    if not 0.0 <= weight <= 1.0:
        raise ValidationFailed(f"{where}: weight must be in [0, 1]")
    try:
        severity = Severity(str(raw.get("severity", "medium")))
    except ValueError:
        raise ValidationFailed(
            f"{where}: severity must be one of {', '.join(s.value for s in Severity)}"
        ) from None
    roles = _choices(raw.get("roles"), ROLES, f"{where}: roles")
    modes = _choices(raw.get("modes"), MODES, f"{where}: modes")
    _count_conditions(raw["when"], f"{where}, when")
    return Rule(
        id=rule_id,
        title=str(raw["title"]),
        description=str(raw["description"]),
        condition=parse_condition(raw["when"], lists, f"{where}, when"),
        weight=weight,
        severity=severity,
        version=int(raw.get("version", 1)),
        roles=roles,
        modes=modes,
        enabled=bool(raw.get("enabled", True)),
    )


def _count_conditions(raw: Any, where: str) -> None:
    """Refuse a rule of too many conditions before validating any (each may compile a
    pattern); the walk stops at the bound and below the nesting parse_condition allows."""
    seen = 0
    pending = [(raw, 0)]
    while pending:
        node, depth = pending.pop()
        seen += 1
        if seen > MAX_CONDITIONS_PER_RULE:
            raise ValidationFailed(
                f"{where}: a rule holds at most {MAX_CONDITIONS_PER_RULE} conditions"
            )
        if depth > MAX_DEPTH or not isinstance(node, Mapping) or "field" in node:
            continue  # a leaf, or a mistake parse_condition names
        for key in ("all", "any"):
            if isinstance(node.get(key), list):
                pending += [(part, depth + 1) for part in node[key]]
        if "not" in node:
            pending.append((node["not"], depth + 1))


def _size(condition: Condition) -> int:
    if isinstance(condition, Leaf):
        return 1
    if isinstance(condition, NotOf):
        return 1 + _size(condition.condition)
    return 1 + sum(_size(c) for c in condition.conditions)


def _choices(raw: Any, allowed: set[str], where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or any(str(v) not in allowed for v in values):
        raise ValidationFailed(f"{where} must be a list of {', '.join(sorted(allowed))}")
    return tuple(str(v) for v in values)


def parse_condition(raw: Any, lists: dict[str, ValueList], where: str, depth: int = 0) -> Condition:
    if depth > MAX_DEPTH:
        raise ValidationFailed(f"{where}: conditions nest at most {MAX_DEPTH} deep")
    if not isinstance(raw, Mapping) or not raw:
        raise ValidationFailed(f"{where}: a condition is a mapping")
    if "field" in raw:
        return _leaf(raw, lists, where)
    if len(raw) != 1:
        raise ValidationFailed(f"{where}: use exactly one of all, any, not (or a field test)")
    key, value = next(iter(raw.items()))
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ValidationFailed(f"{where}.{key}: needs a non-empty list of conditions")
        parts = tuple(
            parse_condition(v, lists, f"{where}.{key}[{i}]", depth + 1) for i, v in enumerate(value)
        )
        return AllOf(parts) if key == "all" else AnyOf(parts)
    if key == "not":
        return NotOf(parse_condition(value, lists, f"{where}.not", depth + 1))
    raise ValidationFailed(f"{where}: unknown combinator {key!r} (use all, any or not)")


def _leaf(raw: Mapping[str, Any], lists: dict[str, ValueList], where: str) -> Leaf:
    unknown = set(raw) - {"field", "op", "value"}
    if unknown:
        raise ValidationFailed(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    spec = field_spec(str(raw["field"]), where=where)
    op_name = str(raw.get("op", ""))
    operator = OPERATORS.get(op_name)
    if operator is None:
        raise ValidationFailed(
            f"{where}: unknown operator {op_name!r} (use one of {', '.join(OPERATORS)})"
        )
    if spec.type not in operator.types:
        allowed = ", ".join(n for n, o in OPERATORS.items() if spec.type in o.types)
        raise ValidationFailed(
            f"{where}: {op_name} does not apply to {spec.name} ({spec.type}); use {allowed}"
        )
    leaf = Leaf(field=spec.name, op=op_name, value=raw.get("value"))
    operator.build(spec.type, leaf.value, lists, where)  # validates the operand now
    return leaf
