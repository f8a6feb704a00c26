"""What every command group shares: the node's container, consoles, JSON output."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from smartborder import files
from smartborder.domain import Role, User

if TYPE_CHECKING:
    from smartborder.bootstrap import Container

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def node(*, upgrade: bool = False) -> Iterator[Container]:
    """The node wired from the environment's settings, closed on the way out.

    Imported here, not at the top: wiring the node loads SQLAlchemy, Alembic and every
    service, which a command's ``--help`` never needs."""
    from smartborder.bootstrap import bootstrap

    container = bootstrap(upgrade=upgrade)
    try:
        yield container
    finally:
        container.close()


def local_user(container: Container) -> User:
    """Who runs a command on the node itself: the operating-system user, as a supervisor of
    the node's agency. Not stored; it names the actor in the audit log."""
    return User(
        name=f"cli:{getpass.getuser()}", role=Role.SUPERVISOR, agency=container.settings.agency
    )


def read_text(path: Path, *, limit: int = 200_000_000, what: str = "file") -> str:
    """A text file's content ('-' for standard input), or InvalidInput saying why not.

    Bounded by the bytes actually read, not by what ``stat`` says (``files.read_text``)."""
    return files.read_text(path, limit=limit, what=what)


def print_json(value: Any) -> None:
    """JSON on stdout for scripts: plain text, no colour, one document."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
