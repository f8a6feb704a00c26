"""A rule file is refused within bounds, before the work it would cause, with a clear 4xx."""

from pathlib import Path

import pytest

from smartborder.errors import FormatError, ValidationFailed
from smartborder.targeting.rules import rule_set_from_yaml
from smartborder.targeting.rules.parse import MAX_CONDITIONS_PER_RULE
from smartborder.targeting.rules.reading import MAX_NESTING, MAX_NODES

AGE = "{field: traveller.age, op: gte, value: 18}"


def _rule(when: str, rule_id: str = "deep") -> str:
    return f"- id: {rule_id}\n  title: t\n  description: d\n  when: {when}\n"


def _rules(*rules: str) -> str:
    return "rules:\n" + "".join("  " + r.replace("\n  ", "\n    ") for r in rules)


def test_a_rule_nested_50000_deep_is_refused_not_a_recursion_error() -> None:
    deep = "{not: " * 50_000 + AGE + "}" * 50_000
    with pytest.raises(ValidationFailed, match=f"line 5: a rule file nests at most {MAX_NESTING}"):
        rule_set_from_yaml(_rules(_rule(deep)))


def test_an_operand_nested_deep_is_refused_too() -> None:
    operand = "[" * 50_000 + "]" * 50_000
    when = f"{{field: traveller.nationality, op: in, value: {operand}}}"
    with pytest.raises(ValidationFailed, match="nests at most"):
        rule_set_from_yaml(_rules(_rule(when)))


def test_aliases_count_as_what_they_repeat() -> None:
    # Six lines that stand for a million values: each list repeats the one before tenfold.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 6):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    with pytest.raises(ValidationFailed, match=f"at most {MAX_NODES:,} values"):
        rule_set_from_yaml("\n".join(lines) + "\nrules: []\n")


def test_an_alias_to_itself_is_refused() -> None:
    with pytest.raises(ValidationFailed, match=r"alias \*loop refers to itself"):
        rule_set_from_yaml("rules: &loop [*loop]\n")


def test_a_rule_of_too_many_conditions_is_refused_before_any_is_validated() -> None:
    many = "{any: [" + ", ".join([AGE] * MAX_CONDITIONS_PER_RULE) + "]}"
    with pytest.raises(ValidationFailed, match="rule wide, when: a rule holds at most 100"):
        rule_set_from_yaml(_rules(_rule(many, "wide")))


def test_a_rule_set_within_the_bounds_is_read_as_before() -> None:
    nested = "{all: [" * 8 + AGE + "]}" * 8
    rule_set = rule_set_from_yaml(_rules(_rule(nested), _rule(AGE, "adult")))
    assert [r.id for r in rule_set.rules] == ["deep", "adult"]


def test_a_control_character_in_a_rule_file_is_a_format_error() -> None:
    # Found by fuzz/rules.py: pyyaml's reader refuses it while the loader is being built,
    # which was outside the try, so it escaped as yaml.ReaderError (an internal error).
    found = Path(__file__).resolve().parents[3] / "fixtures" / "fuzz"
    text = (found / "rules-crash-beff95a894a80082fc788fafd68038ae997cdac6").read_bytes()
    with pytest.raises(FormatError, match="not valid YAML"):
        rule_set_from_yaml(text.decode("utf-8", errors="replace"))
    with pytest.raises(FormatError, match="not valid YAML"):
        rule_set_from_yaml("rules: []\x1d")
