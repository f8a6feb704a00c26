"""Every enumeration a user can type, in the API or on the command line, in any letter case.

The walks below find the choices themselves (every enum or literal field of every
request model and parameter of every route, every choice option of every command), so a
field added later without case handling fails here, not in front of a user.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator
from enum import Enum
from types import ModuleType
from typing import Annotated, Any

import pytest
import typer
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

import smartborder.api.routes
import smartborder.domain
from smartborder.cli.lazy import LazyGroup
from smartborder.cli.main import app as cli_app
from smartborder.domain.enums import AnyCaseStrEnum


def spellings(value: str) -> list[str]:
    """The value as people type it: upper, lower, capitalised and every other letter."""
    mixed = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(value))
    return sorted({value.upper(), value.lower(), value.capitalize(), mixed})


def choices(annotation: Any) -> list[Any]:
    """The enum members or literal values that ``annotation`` accepts, if any."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return list(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [c for arg in typing.get_args(annotation) for c in choices(arg)]


def _fields(where: str, info: FieldInfo, seen: set[type]) -> Iterator[tuple[str, FieldInfo]]:
    annotation = info.annotation
    models = [
        t
        for t in (annotation, *typing.get_args(annotation))
        if isinstance(t, type) and issubclass(t, BaseModel)
    ]
    for model in models:
        if model not in seen:
            seen.add(model)
            for name, field in model.model_fields.items():
                yield from _fields(f"{where}.{name}", field, seen)
    if not models and choices(annotation):
        yield where, info


def _route_modules() -> list[ModuleType]:
    package = smartborder.api.routes
    return [
        importlib.import_module(f"{package.__name__}.{m.name}")
        for m in pkgutil.iter_modules(package.__path__)
    ]


def api_choice_fields() -> list[tuple[str, FieldInfo]]:
    found: list[tuple[str, FieldInfo]] = []
    for module in _route_modules():
        for route in module.router.routes:
            assert isinstance(route, APIRoute)
            stack = [route.dependant]
            while stack:
                dependant = stack.pop()
                stack.extend(dependant.dependencies)
                for param in (
                    *dependant.path_params,
                    *dependant.query_params,
                    *dependant.header_params,
                    *dependant.body_params,
                ):
                    where = f"{sorted(route.methods)[0]} {route.path} {param.name}"
                    found.extend(_fields(where, param.field_info, set()))
    return found


API_FIELDS = api_choice_fields()


def test_the_walk_finds_the_choices_users_type() -> None:
    wheres = {where for where, _ in API_FIELDS}
    assert "POST /primary body.lane" in wheres
    assert "POST /primary body.role" in wheres
    assert "GET /hits status" in wheres
    assert "GET /wait-times lang" in wheres


@pytest.mark.parametrize(("where", "info"), API_FIELDS, ids=[w for w, _ in API_FIELDS])
def test_every_api_choice_is_read_in_any_case_and_answered_canonically(
    where: str, info: FieldInfo
) -> None:
    annotated = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotated)
    listed = typing.get_origin(info.annotation) is list
    for choice in choices(info.annotation):
        canonical = choice.value if isinstance(choice, Enum) else choice
        for typed in spellings(canonical):
            got = adapter.validate_python([typed] if listed else typed)
            assert (got[0] if listed else got) == choice, (where, typed)
            assert str(got[0] if listed else got) == canonical


def _cli_choices() -> list[tuple[str, Any, typer.Context]]:
    found = []
    root = typer.main.get_command(cli_app)
    assert isinstance(root, LazyGroup)
    root.load_all()
    stack: list[tuple[str, Any]] = [("smartborder", root)]
    while stack:
        name, command = stack.pop()
        for sub, child in (getattr(command, "commands", None) or {}).items():
            stack.append((f"{name} {sub}", child))
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is not None and descriptor.is_choice:
                found.append((f"{name} {param.opts[0]}", param, typer.Context(command)))
    return found


CLI_CHOICES = _cli_choices()


def test_the_cli_walk_finds_the_options() -> None:
    assert "smartborder clear primary --lane" in [w for w, _, _ in CLI_CHOICES]


@pytest.mark.parametrize(
    ("where", "param", "context"), CLI_CHOICES, ids=[w for w, _, _ in CLI_CHOICES]
)
def test_every_cli_choice_is_read_in_any_case(
    where: str, param: Any, context: typer.Context
) -> None:
    for choice in param.type_descriptor.choices:
        canonical = choice.value if isinstance(choice, Enum) else choice
        for typed in spellings(canonical):
            assert param.process_value(context, typed) == choice, (where, typed)


def _any_case_enums() -> list[type[AnyCaseStrEnum]]:
    return [
        e for _, e in inspect.getmembers(smartborder.domain, inspect.isclass) if issubclass(e, Enum)
    ]


@pytest.mark.parametrize("enum", _any_case_enums(), ids=lambda e: e.__name__)
def test_the_domains_enums_are_any_case_and_no_two_values_differ_only_in_case(
    enum: type[Enum],
) -> None:
    assert issubclass(enum, AnyCaseStrEnum)
    folded = [m.value.casefold() for m in enum]
    assert len(set(folded)) == len(folded)


def test_an_unknown_value_is_still_refused() -> None:
    from smartborder.domain import LaneType

    with pytest.raises(ValueError, match="'bogus' is not a valid LaneType"):
        LaneType("bogus")
    assert LaneType("NEXUS") is LaneType.NEXUS
