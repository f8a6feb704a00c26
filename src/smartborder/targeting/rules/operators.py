"""The operators a rule condition can use, with the field types each one accepts.

Each operator validates its operand when a rule is saved and compiles to a predicate
``(field value, facts) -> bool`` evaluated for every traveller. A missing value (None)
fails every test except ``missing``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from smartborder.errors import ValidationFailed
from smartborder.targeting.rules.fields import FieldType
from smartborder.targeting.rules.model import ValueList
from smartborder.targeting.rules.patterns import compile_pattern
from smartborder.targeting.rules.values import canonical

Facts = Mapping[str, Any]
Predicate = Callable[[Any, Facts], bool]

#: The date every relative-date test counts from; the facts builder sets it.
TRAVEL_DATE = "_travel_date"

T, N, B, D, DT, L = (
    FieldType.TEXT,
    FieldType.NUMBER,
    FieldType.BOOLEAN,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.TEXT_LIST,
)
SCALARS = (T, N, B, D, DT)
ORDERED = (N, D, DT)


@dataclass(frozen=True, slots=True)
class Operator:
    name: str
    types: tuple[FieldType, ...]
    build: Callable[[FieldType, Any, dict[str, ValueList], str], Predicate]
    text: str  # how an explanation reads it: "is at most", "is in"...


def _fail(where: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{where}: {message}")


def _coerce(type_: FieldType, value: Any, where: str) -> Any:
    """The operand as the field's Python type; YAML gives strings for dates, ints for floats."""
    try:
        if type_ is N and not isinstance(value, bool):
            return float(value)
        if type_ is B and isinstance(value, bool):
            return value
        if type_ in (T, L) and isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)
        if type_ is D:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if type_ is DT:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
            if moment.tzinfo is None:
                raise ValueError("a time in a rule needs a timezone")
            return moment
    except (TypeError, ValueError) as exc:
        raise _fail(where, f"{value!r} is not a {type_} value ({exc})") from None
    raise _fail(where, f"{value!r} is not a {type_} value")


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _compare(test: Callable[[Any, Any], bool]) -> Callable[..., Predicate]:
    def build(
        type_: FieldType, operand: Any, _lists: dict[str, ValueList], where: str
    ) -> Predicate:
        expected = _coerce(type_, operand, where)
        if type_ is T:
            expected = str(expected).casefold()
            return lambda v, _f: v is not None and test(str(v).casefold(), expected)
        return lambda v, _f: v is not None and test(v, expected)

    return build


def _members(type_: FieldType, operand: Any, where: str) -> frozenset[Any]:
    if not isinstance(operand, list | tuple | set | frozenset) or not operand:
        raise _fail(where, "needs a non-empty list of values")
    item_type = T if type_ is L else type_
    values = [_coerce(item_type, v, where) for v in operand]
    return frozenset(str(v).casefold() if item_type is T else v for v in values)


def _norm(v: Any) -> Any:
    return v.casefold() if isinstance(v, str) else v


def _in(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    members = _members(type_, operand, where)
    if type_ is L:  # a list field is "in" when any of its values is
        return lambda v, _f: bool(v) and any(_norm(x) in members for x in v)
    return lambda v, _f: v is not None and _norm(v) in members


def _not_in(type_: FieldType, operand: Any, lists: dict[str, ValueList], where: str) -> Predicate:
    inside = _in(type_, operand, lists, where)
    return lambda v, f: v is not None and not inside(v, f)


def _between(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    if not isinstance(operand, list | tuple) or len(operand) != 2:
        raise _fail(where, "between needs [low, high]")
    low, high = (_coerce(type_, v, where) for v in operand)
    if low > high:
        raise _fail(where, f"between: {operand[0]!r} is above {operand[1]!r}")
    return lambda v, _f: v is not None and low <= v <= high


def _days(sign: int) -> Callable[..., Predicate]:
    """Dates relative to travel: ``days_before_travel: [0, 3]`` is "0 to 3 days before"."""

    def build(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
        if not isinstance(operand, list | tuple) or len(operand) != 2:
            raise _fail(where, "needs [from, to] in days")
        low, high = (int(_coerce(N, v, where)) for v in operand)

        def test(v: Any, facts: Facts) -> bool:
            travel = facts.get(TRAVEL_DATE)
            if v is None or travel is None:
                return False
            days = (_as_date(travel) - _as_date(v)).days * sign
            return low <= days <= high

        return test

    return build


def _pattern(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    found = compile_pattern(operand, where)
    if type_ is L:
        return lambda v, _f: bool(v) and any(found(str(x)) for x in v)
    return lambda v, _f: v is not None and found(str(v))


def _contains(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    needle = str(_coerce(T, operand, where)).casefold()
    if type_ is L:  # an element equal to the operand
        return lambda v, _f: bool(v) and any(str(x).casefold() == needle for x in v)
    return lambda v, _f: v is not None and needle in str(v).casefold()


def _starts(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    prefix = str(_coerce(T, operand, where)).casefold()
    return lambda v, _f: v is not None and str(v).casefold().startswith(prefix)


def _in_list(type_: FieldType, operand: Any, lists: dict[str, ValueList], where: str) -> Predicate:
    if not isinstance(operand, str) or operand not in lists:
        known = ", ".join(sorted(lists)) or "none"
        raise _fail(where, f"unknown value list {operand!r} (known: {known})")
    value_list = lists[operand]
    keys = frozenset(k for k in (canonical(value_list.kind, v) for v in value_list.values) if k)

    def key(x: Any) -> str:
        return canonical(value_list.kind, str(x))

    if type_ is L:
        return lambda v, _f: bool(v) and any(key(x) in keys for x in v)
    return lambda v, _f: v is not None and key(v) in keys


def _count(test: Callable[[int, int], bool]) -> Callable[..., Predicate]:
    def build(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
        bound = int(_coerce(N, operand, where))
        return lambda v, _f: v is not None and test(len(v), bound)

    return build


def _exists(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    return lambda v, _f: v is not None and v != [] and v != ""


def _missing(type_: FieldType, operand: Any, _l: dict[str, ValueList], where: str) -> Predicate:
    return lambda v, _f: v is None or v == [] or v == ""


OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("eq", SCALARS, _compare(lambda a, b: a == b), "is"),
        Operator("ne", SCALARS, _compare(lambda a, b: a != b), "is not"),
        Operator("gt", ORDERED, _compare(lambda a, b: a > b), "is above"),
        Operator("gte", ORDERED, _compare(lambda a, b: a >= b), "is at least"),
        Operator("lt", ORDERED, _compare(lambda a, b: a < b), "is below"),
        Operator("lte", ORDERED, _compare(lambda a, b: a <= b), "is at most"),
        Operator("between", ORDERED, _between, "is between"),
        Operator("in", (T, N, L), _in, "is one of"),
        Operator("not_in", (T, N), _not_in, "is none of"),
        Operator("days_before_travel", (D, DT), _days(1), "is this many days before travel:"),
        Operator("days_after_travel", (D, DT), _days(-1), "is this many days after travel:"),
        Operator("matches", (T, L), _pattern, "matches"),
        Operator("contains", (T, L), _contains, "contains"),
        Operator("starts_with", (T,), _starts, "starts with"),
        Operator("in_list", (T, L), _in_list, "is on the list"),
        Operator("count_gte", (L,), _count(lambda n, b: n >= b), "has at least this many:"),
        Operator("count_lte", (L,), _count(lambda n, b: n <= b), "has at most this many:"),
        Operator("exists", (*SCALARS, L), _exists, "is present"),
        Operator("missing", (*SCALARS, L), _missing, "is missing"),
    )
}
