"""``smartborder audit``: verify and export the tamper-evident audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartborder.audit import trail
from smartborder.cli.common import err, node, out

app = typer.Typer(help="Verify and export the audit log.", no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check the hash chain: exit 0 when intact; exit 1 naming the first edited, removed or
    reordered entry, or the missing head record; exit 2 for bad settings."""
    with node() as container:
        result = trail.verify(container.units())
    if result.broken is not None:
        err.print(f"audit chain broken at entry {result.broken.seq}: {result.broken.problem}")
        raise typer.Exit(1)
    out.print(f"audit chain intact: {result.entries} entries")


@app.command()
def export(
    out_path: Annotated[
        Path | None,
        typer.Option("--out", dir_okay=False, help="Write JSON lines here instead of stdout."),
    ] = None,
) -> None:
    """Export every entry as JSON lines, in order, for an overseer to re-verify."""
    with node() as container:
        lines = trail.export_lines(container.units())
        if out_path is None:
            for line in lines:
                typer.echo(line)
            return
        tmp = out_path.with_name(out_path.name + ".partial")
        count = 0
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
                count += 1
        tmp.replace(out_path)  # nothing half-written under the final name
    err.print(f"exported {count} entries to {out_path}")
