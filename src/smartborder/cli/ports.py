"""``smartborder ports``: the ports of entry a node knows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartborder.clearance.ports import register_ports
from smartborder.cli.common import node, out, read_text
from smartborder.cli.printable import shown
from smartborder.formats.ports import parse_ports

#: A country has a few hundred ports; their YAML is a few hundred kilobytes.
MAX_PORTS_BYTES = 16 * 1024 * 1024

app = typer.Typer(help="Register and list ports of entry.", no_args_is_help=True)


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="A ports YAML file (see world/data/ports.yaml).")],
) -> None:
    """Register (or update) the ports listed in PATH."""
    text = read_text(path, limit=MAX_PORTS_BYTES, what="ports file")
    ports = parse_ports(text)
    with node(upgrade=True) as container:
        count = register_ports(container.units(), ports)
    out.print(f"registered {count} ports from {path}")


@app.command("list")
def list_() -> None:
    """List the registered ports: code, agency, lanes, partner port, name."""
    with node(upgrade=True) as container, container.units() as uow:
        ports = uow.ports.list()
    for port in ports:
        lanes = ",".join(str(lane) for lane in port.lanes)
        partner = shown(port.partner_port_code or "-")
        out.print(f"{shown(port.code)}\t{port.agency}\t{lanes}\t{partner}\t{shown(port.name)}")
