"""``smartborder demo``: the main job, end to end, on the embedded store."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from smartborder.cli.common import err, node, out, print_json
from smartborder.errors import ValidationFailed

if TYPE_CHECKING:
    from smartborder.demo.report import DemoReport


def demo(
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the synthetic day: same seed, same day.")
    ] = 7,
    travellers: Annotated[
        int,
        typer.Option("--travellers", help="Travellers crossing in the day, by air and by land."),
    ] = 300_000,
    shipments: Annotated[
        int, typer.Option("--shipments", help="Shipments arriving by truck.")
    ] = 2_000,
    day: Annotated[
        str, typer.Option("--date", help="The day to simulate (YYYY-MM-DD).")
    ] = "2026-07-03",
    port: Annotated[
        str, typer.Option("--port", help="A port code; its partner port joins it.")
    ] = "813",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Generate a synthetic day at two partner ports, run it through the node, report."""
    try:
        the_day = date.fromisoformat(day)
    except ValueError:
        raise ValidationFailed(f"--date {day!r} is not a date (YYYY-MM-DD)") from None
    # Here, not at the top: the synthetic world and its plots load only for a run.
    from smartborder.demo.run import DemoOptions, run_demo

    options = DemoOptions(
        seed=seed, travellers=travellers, shipments=shipments, day=the_day, port=port
    )
    with node(upgrade=True) as container:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as bar:
            tasks: dict[str, int] = {}

            def progress(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = int(bar.add_task(step, total=total))
                bar.update(tasks[step], completed=done, total=total)  # type: ignore[arg-type]

            report = run_demo(container, options, progress)
    if as_json:
        print_json(report.as_dict())
    else:
        render(report)


def render(report: DemoReport) -> None:
    out.print(f"[bold]smartborder demo[/bold]: {report.day}, seed {report.seed}")
    out.print("ports: " + " | ".join(report.ports))
    for section in report.sections:
        table = Table(
            title=section.title, title_justify="left", show_header=False, box=None, padding=(0, 2)
        )
        table.add_column(style="dim")
        table.add_column()
        for label, value in section.rows:
            table.add_row(label, value)
        out.print()
        out.print(table)
        if section.note:
            out.print(f"[italic]{section.note}[/italic]")
