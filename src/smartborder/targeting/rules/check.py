"""Every mistake in a draft rule file at once, each at the line it is on.

Saving a rule set stops at its first mistake (``parse.rule_set_from_yaml``), which is
right for the API and the command line. An analyst fixing a draft in the console wants
them all, next to the lines they are on: every rule is checked on its own here, so that
a mistake in one does not hide the next.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from smartborder.errors import FormatError, ValidationFailed
from smartborder.targeting.rules.parse import (
    MAX_RULES,
    parse_rule,
    parse_rule_set,
    value_lists,
)
from smartborder.targeting.rules.reading import YamlError, read_rule_file

_AT_LINE = re.compile(r"^line (\d+):")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None  # 1-based; None for the file as a whole
    message: str


def problems(text: str) -> list[Problem]:
    """What is wrong with the rule file ``text``, in the order of its lines; [] if it
    would be saved."""
    try:
        file = read_rule_file(text)
    except YamlError as exc:
        return [Problem(exc.line, str(exc))]
    except (FormatError, ValidationFailed) as exc:
        at = _AT_LINE.match(str(exc))
        return [Problem(int(at.group(1)) if at else None, str(exc))]
    data = file.data
    if not isinstance(data, Mapping):
        return [Problem(None, "a rule file is a mapping with 'rules' (and 'value_lists')")]
    found: list[Problem] = []
    try:
        lists = value_lists(data.get("value_lists") or {})
    except ValidationFailed as exc:
        found.append(Problem(file.key_lines.get("value_lists"), str(exc)))
        lists = {}
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        return [*found, Problem(file.key_lines.get("rules"), "'rules' must be a list")]
    if len(raw_rules) > MAX_RULES:  # not one checked: that is the work the bound refuses
        return [*found, Problem(None, f"a rule set holds at most {MAX_RULES:,} rules")]
    first_seen: dict[str, int] = {}
    for raw, line in zip(raw_rules, file.rule_lines, strict=True):
        try:
            rule = parse_rule(raw, lists)
        except ValidationFailed as exc:
            found.append(Problem(line, str(exc)))
            continue
        if rule.id in first_seen:
            found.append(
                Problem(
                    line,
                    f"rule {rule.id}: the id is used twice (first on line {first_seen[rule.id]})",
                )
            )
        first_seen.setdefault(rule.id, line)
    if not found:  # what only the whole set can break (its conditions in all)
        try:
            parse_rule_set(data)
        except ValidationFailed as exc:
            found.append(Problem(None, str(exc)))
    return found
