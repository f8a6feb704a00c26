"""A targeting rule file in YAML (bounded loader), parsed, validated and compiled."""

from __future__ import annotations

from fuzz.harness import answered, main, text_of

TARGET = "rules"
MODULES = ["smartborder.targeting.rules"]


def one_input(data: bytes) -> None:
    from smartborder.targeting.rules import compile_rule_set, rule_set_from_yaml

    answered(lambda: compile_rule_set(rule_set_from_yaml(text_of(data))))


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
