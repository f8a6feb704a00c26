"""Every setting and every command is documented (the README and the CLI help)."""

import re
from pathlib import Path

import typer
from typer.main import get_command

from smartborder.cli.lazy import LazyGroup
from smartborder.cli.main import app
from smartborder.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_described_and_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"SMARTBORDER_{name.upper()}" in readme, f"README does not document {name}"


def _commands(command: object, path: str = "smartborder") -> list[tuple[str, object]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _commands(sub, f"{path} {name}")
    return found


def _root() -> LazyGroup:
    root = get_command(app)
    assert isinstance(root, LazyGroup)
    root.load_all()
    return root


def test_every_command_has_help_text() -> None:
    root = _root()
    for path, command in _commands(root):
        text = getattr(command, "help", None) or getattr(command, "short_help", None)
        assert text and text.strip(), f"{path} has no help text"
        for param in getattr(command, "params", []):
            if isinstance(param, typer.core.TyperOption) and param.name != "help":
                assert param.help, f"{path} option {param.opts} has no help"


def test_every_command_group_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in _root().commands:
        assert re.search(rf"smartborder {name}\b", readme), f"README does not show {name}"
