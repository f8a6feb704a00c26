"""Every ``ops`` command and option says what it is for (the CLI is a public contract)."""

from __future__ import annotations

from typing import Any

import typer

from smartborder.cli.ops import app

CONTRACT = {"simulate", "staff", "forecast", "backtest"}


def _commands() -> dict[str, Any]:
    # typer ships its own copy of click, so look at the objects by what they offer.
    commands: dict[str, Any] = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    return commands


def test_every_command_and_option_has_help() -> None:
    commands = _commands()
    assert CONTRACT <= set(commands)
    for name, command in commands.items():
        assert command.help, name
        for parameter in command.params:
            assert parameter.param_type_name in ("option", "argument")
            if parameter.param_type_name == "option":
                assert parameter.help, f"{name} {parameter.opts}"


def test_the_contract_options_keep_their_names() -> None:
    options = {
        name: {opt for p in command.params for opt in p.opts}
        for name, command in _commands().items()
    }
    assert {"--out", "--seed"} <= options["simulate"]
    assert {"--target-minutes", "--out"} <= options["staff"]
    assert {"--start", "--horizon", "--out"} <= options["forecast"]
    assert {"--from", "--to", "--horizon"} <= options["backtest"]
