"""What every command group shares: the node's container, consoles, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console

from smartborder.bootstrap import Container, bootstrap

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def node(*, upgrade: bool = False) -> Iterator[Container]:
    """The node wired from the environment's settings, closed on the way out."""
    container = bootstrap(upgrade=upgrade)
    try:
        yield container
    finally:
        container.close()


def print_json(value: Any) -> None:
    """JSON on stdout for scripts: plain text, no colour, one document."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
