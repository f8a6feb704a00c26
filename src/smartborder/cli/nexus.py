"""``smartborder nexus``: the NEXUS members registry the booths check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartborder.cli.common import node, out, read_text
from smartborder.programmes.nexus import load_members

app = typer.Typer(help="The NEXUS trusted-traveller registry.", no_args_is_help=True)


@app.command()
def load(
    path: Annotated[
        Path,
        typer.Argument(
            help="Members CSV: card_number,surname,given_names,"
            "birth_date,nationality,status,expiry_date."
        ),
    ],
) -> None:
    """Load (or update) members from CSV; a bad line is named and nothing is loaded."""
    text = read_text(path)
    with node(upgrade=True) as container:
        count = load_members(container.units(), text)
        with container.units() as uow:
            active = uow.nexus.active_count()
    out.print(f"loaded {count:,} members from {path}; {active:,} active in the registry")
