"""A command group whose commands are imported when they are run, not when it starts.

Each command's module pulls in what it needs (SQLAlchemy, FastAPI, matplotlib,
LightGBM...): importing all of them made every start, ``smartborder version`` included,
take seconds. The group lists its commands with their one-line help from a table, so
``smartborder --help`` imports nothing either; ``tests/unit/cli/test_lazy.py`` checks that
the table's help is each command's own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer import _click as click  # Typer's own copy of click, which its groups are built on
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Lazy:
    """Where a command lives (``module:attribute``: a Typer app or a command function)
    and its one-line help."""

    where: str
    help: str


class LazyGroup(TyperGroup):
    """A Typer group with commands imported on first use (see ``LAZY``)."""

    lazy: dict[str, Lazy] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        eager = super().list_commands(ctx)
        return [*(n for n in self.lazy if n not in eager), *eager]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in self.lazy:
            return command
        if self._listing:  # the help page needs a name and a line, not the command
            return TyperCommand(cmd_name, help=self.lazy[cmd_name].help)
        command = load(cmd_name, self.lazy[cmd_name])
        self.commands[cmd_name] = command
        return command

    def load_all(self) -> None:
        """Import every command (for walking the whole tree, as the tests do)."""
        context = click.Context(self)
        for name in self.list_commands(context):
            self.get_command(context, name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def load(name: str, lazy: Lazy) -> click.Command:
    """Import the command and make it the click command ``name``, as it would be if it
    had been added to the root app (no shell-completion options of its own)."""
    module, attribute = lazy.where.split(":")
    target = getattr(importlib.import_module(module), attribute)
    parent = typer.Typer(add_completion=False)
    parent.callback()(_nothing)  # a group, even of one command
    if isinstance(target, typer.Typer):
        parent.add_typer(target, name=name)
    else:
        parent.command(name)(target)
    group = typer.main.get_command(parent)
    assert isinstance(group, TyperGroup)
    return group.commands[name]


def _nothing() -> None:
    pass
