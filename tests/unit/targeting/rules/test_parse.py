"""A rule is refused when it is saved, with a message that says where and why."""

from typing import Any

import pytest

from smartborder.errors import FormatError, ValidationFailed
from smartborder.targeting.rules import parse_rule_set, rule_set_from_yaml


def _one(when: Any, **extra: Any) -> dict[str, Any]:
    return {"rules": [{"id": "late-cash", "title": "t", "description": "d", "when": when, **extra}]}


@pytest.mark.parametrize(
    ("rule_set", "message"),
    [
        (
            _one({"field": "pnr.paymnt_forms", "op": "contains", "value": "CA"}),
            "rule late-cash, when: unknown field 'pnr.paymnt_forms' "
            "(did you mean pnr.payment_forms",
        ),
        (_one({"field": "traveller.age", "op": "bigger", "value": 3}), "unknown operator 'bigger'"),
        (
            _one({"field": "traveller.sex", "op": "gt", "value": "F"}),
            "gt does not apply to traveller.sex (text)",
        ),
        (_one({"field": "traveller.age", "op": "between", "value": [40, 18]}), "is above"),
        (_one({"field": "traveller.age", "op": "gte", "value": "old"}), "not a number value"),
        (_one({"field": "pnr.seat", "op": "matches", "value": "(unclosed"}), "bad pattern"),
        (_one({"field": "pnr.phones", "op": "in_list", "value": "nope"}), "unknown value list"),
        (
            _one({"all": [{"field": "traveller.age", "op": "gt", "value": 1}, {"either": []}]}),
            "rule late-cash, when.all[1]: unknown combinator 'either'",
        ),
        (_one({"field": "traveller.age", "op": "gt", "value": 1}, weight=3), "weight must be in"),
        (_one({"field": "traveller.age", "op": "gt", "value": 1}, severity="grave"), "severity"),
        (_one({"field": "traveller.age", "op": "gt", "value": 1}, colour="red"), "unknown key"),
        (
            _one({"field": "flight.departure_time", "op": "gt", "value": "2026-07-01T00:00"}),
            "needs a timezone",
        ),
    ],
)
def test_bad_rules_are_refused_with_where_and_why(rule_set: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_rule_set(rule_set)
    assert message in str(caught.value)


def test_a_bad_rule_id_and_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="rule id"):
        parse_rule_set(
            {
                "rules": [
                    {
                        "id": "Late Cash",
                        "title": "t",
                        "description": "d",
                        "when": {"field": "traveller.age", "op": "exists"},
                    }
                ]
            }
        )
    rule = {
        "id": "a",
        "title": "t",
        "description": "d",
        "when": {"field": "traveller.age", "op": "exists"},
    }
    with pytest.raises(ValidationFailed, match="used twice"):
        parse_rule_set({"rules": [rule, rule]})


def test_yaml_that_is_not_yaml_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="not valid YAML"):
        rule_set_from_yaml("rules: [unclosed")


def test_the_version_changes_when_and_only_when_the_rules_change() -> None:
    text = """
rules:
  - id: young-one-way
    title: Young traveller on a one-way ticket
    description: Under 25 and no return booked.
    weight: 0.3
    when:
      all:
        - {field: traveller.age, op: lt, value: 25}
        - {field: pnr.one_way, op: eq, value: true}
"""
    first, again = rule_set_from_yaml(text), rule_set_from_yaml(text)
    changed = rule_set_from_yaml(text.replace("value: 25", "value: 26"))
    assert first.version == again.version != changed.version
