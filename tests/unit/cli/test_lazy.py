"""The command line starts without importing its commands, and lists them truthfully."""

from __future__ import annotations

import subprocess
import sys

from typer.main import get_command

from smartborder.cli.lazy import LazyGroup, load
from smartborder.cli.main import Commands, app


def test_each_listed_help_line_is_the_commands_own() -> None:
    for name, lazy in Commands.lazy.items():
        command = load(name, lazy)
        assert command.name == name
        own = (command.help or "").strip().splitlines()[0]
        assert lazy.help == own, f"{name}: the table says {lazy.help!r}, the command {own!r}"


def test_the_root_lists_every_command_and_finds_each() -> None:
    root = get_command(app)
    assert isinstance(root, LazyGroup)
    root.load_all()
    assert set(Commands.lazy) | {"version"} == set(root.commands)


def test_starting_imports_no_command() -> None:
    # A fresh interpreter: this one has imported everything already.
    probe = (
        "import sys; from smartborder.cli.main import main; "
        "main(['version']); "
        "print(sorted(m for m in ('sqlalchemy', 'fastapi', 'matplotlib', 'smartborder.cli.db') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split("\n")[1] == "[]", done.stdout
