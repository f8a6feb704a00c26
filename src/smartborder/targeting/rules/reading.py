"""A rule file's YAML, read within bounds on its size, nesting and node count.

PyYAML composes nested collections by recursion: a file 50,000 levels deep raises
RecursionError before any rule is looked at (a 500 from the API, a traceback from the
CLI). An alias makes it worse: ``*name`` repeats a whole subtree, so a few kilobytes
can stand for millions of nodes that hashing and validating the set would then walk.
This loader counts as it composes, aliases at their expanded size, and stops at the
first node past a bound, naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from smartborder.errors import FormatError, ValidationFailed

#: Bytes in one rule file: thousands of rules with their value lists.
MAX_YAML_BYTES = 2_000_000
#: Collections inside collections. A condition nested the most that rules allow (8)
#: sits about 20 levels down; the rest is room for operands and value lists.
MAX_NESTING = 64
#: Every scalar, list and mapping, an alias counting as the nodes it stands for.
MAX_NODES = 200_000


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._deepest = 0
        self._nodes = 0
        # Per composed node (by id): its node count and height, for aliases to it.
        self._shapes: dict[int, tuple[int, int]] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # stubs: untyped
        where = f"line {event.start_mark.line + 1}" if event.start_mark else "the rule file"
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            shape = self._shapes.get(id(node))
            if shape is None:  # an alias to a collection that is still open: a cycle
                raise ValidationFailed(f"{where}: alias *{event.anchor} refers to itself")
            self._grow(shape[0], self._depth + shape[1], where)
            return node
        self._depth += 1
        nodes_before, deepest_outside = self._nodes, self._deepest
        self._deepest = 0
        self._grow(1, self._depth, where)
        node = super().compose_node(parent, index)
        self._shapes[id(node)] = (self._nodes - nodes_before, self._deepest - self._depth + 1)
        self._deepest = max(self._deepest, deepest_outside)
        self._depth -= 1
        return node

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 - PyYAML's name
        # The scanner reads a run of '[' or '{' ahead of the composer: stop it here too.
        if self.flow_level >= MAX_NESTING:
            self._refuse_nesting(f"line {self.line + 1}")
        super().fetch_flow_collection_start(TokenClass)

    def _refuse_nesting(self, where: str) -> None:
        raise ValidationFailed(
            f"{where}: a rule file nests at most {MAX_NESTING} levels deep "
            "(and a rule's conditions at most 8)"
        )

    def _grow(self, nodes: int, depth: int, where: str) -> None:
        self._nodes += nodes
        self._deepest = max(self._deepest, depth)
        if depth > MAX_NESTING:
            self._refuse_nesting(where)
        if self._nodes > MAX_NODES:
            raise ValidationFailed(
                f"{where}: a rule file holds at most {MAX_NODES:,} values, aliases counted "
                "as what they repeat"
            )


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A rule file's data, with the line (1-based) each part of it starts on."""

    data: Any
    rule_lines: tuple[int, ...] = ()  # each item of ``rules``, in order
    key_lines: dict[str, int] = field(default_factory=dict)  # each top-level key


class YamlError(FormatError):
    """Text that is not YAML, at the line where the reader stopped."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def load_rule_file(text: str) -> Any:
    """The YAML document in ``text`` as Python data, or FormatError/ValidationFailed."""
    return read_rule_file(text).data


def read_rule_file(text: str) -> RuleFile:
    """``load_rule_file`` with the lines the rules start on, so that a mistake in one can
    be shown where it is."""
    if len(text) > MAX_YAML_BYTES:
        raise FormatError(f"a rule file is at most {MAX_YAML_BYTES:,} bytes")
    try:
        # The reader checks the text for characters YAML forbids as it is built, so the
        # loader's construction is inside the try too (a control character is bad input).
        loader = _BoundedLoader(text)
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", _line(exc)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return RuleFile(None)
        return RuleFile(loader.construct_document(node), *_lines(node))
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", _line(exc)) from None
    finally:
        loader.dispose()


def _line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1


def _lines(node: yaml.Node) -> tuple[tuple[int, ...], dict[str, int]]:
    if not isinstance(node, yaml.MappingNode):
        return (), {}
    keys: dict[str, int] = {}
    rules: tuple[int, ...] = ()
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            keys.setdefault(str(key.value), key.start_mark.line + 1)
            if key.value == "rules" and isinstance(value, yaml.SequenceNode):
                rules = tuple(item.start_mark.line + 1 for item in value.value)
    return rules, keys
