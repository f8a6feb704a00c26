"""``smartborder rules``: author, activate and backtest targeting rule sets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from smartborder.cli.common import local_user, node, out, print_json, read_text
from smartborder.cli.printable import shown
from smartborder.errors import InvalidInput
from smartborder.lists.performance import performance as rule_performance
from smartborder.lists.rulesets import backtest as run_backtest
from smartborder.lists.rulesets import save_rule_set
from smartborder.targeting.rules import CATALOGUE
from smartborder.targeting.rules.operators import OPERATORS

app = typer.Typer(
    help="Targeting rule sets: load, list, fields, backtest, performance.", no_args_is_help=True
)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="A rule set in YAML.")],
    activate: Annotated[
        bool, typer.Option("--activate/--draft", help="Make it the live rule set (default).")
    ] = True,
) -> None:
    """Validate and save a rule set; refused with where and why when a rule is wrong."""
    source = read_text(path, limit=2_000_000)
    with node(upgrade=True) as container:
        record = save_rule_set(container.units(), local_user(container), source, activate=activate)
    state = "live" if record.active else "saved as a draft"
    out.print(
        f"rule set {record.name} version {record.version}: {record.rule_count} rules, {state}"
    )


@app.command("list")
def list_() -> None:
    """The agency's saved rule sets, newest last, the live one marked."""
    with node(upgrade=True) as container, container.units() as uow:
        records = uow.rule_sets.list(container.settings.agency)
    for r in records:
        mark = "live" if r.active else "    "
        out.print(
            f"{mark}\t{r.version}\t{r.name}\t{r.rule_count} rules\t"
            f"{r.created_at:%Y-%m-%d %H:%M}\t{r.created_by}"
        )


@app.command()
def fields(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The facts a rule can look at, and the operators each type of fact takes."""
    specs = list(CATALOGUE.values())
    operators = {
        spec.name: [op.name for op in OPERATORS.values() if spec.type in op.types] for spec in specs
    }
    if as_json:
        print_json(
            [
                {
                    "field": spec.name,
                    "type": str(spec.type),
                    "operators": operators[spec.name],
                    "value_list_kind": spec.value_kind,
                    "description": spec.description,
                }
                for spec in specs
            ]
        )
        return
    table = Table(title=f"{len(specs)} fields")
    for column in ("field", "type", "operators", "description"):
        table.add_column(column)
    for spec in specs:
        table.add_row(spec.name, str(spec.type), " ".join(operators[spec.name]), spec.description)
    out.print(table)


@app.command()
def backtest(
    path: Annotated[Path, typer.Argument(help="A draft rule set in YAML.")],
    since: Annotated[str, typer.Option("--since", help="First travel date (YYYY-MM-DD).")],
    until: Annotated[
        str | None, typer.Option("--until", help="Last travel date (default: today).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What a draft rule set would have hit on stored traffic, before it goes live."""
    source = read_text(path, limit=2_000_000)
    first = _day(since, "--since")
    last = _day(until, "--until") if until else None
    with node(upgrade=True) as container:
        result = run_backtest(
            container.units, local_user(container), source, since=first, until=last
        )
    if as_json:
        print_json({"version": result.version, "scanned": result.scanned, "rules": result.rows()})
        return
    table = Table(title=f"draft {result.version} on {result.scanned:,} stored travellers")
    for column in ("rule", "hits", "share", "travellers", "productive outcomes"):
        table.add_column(column)
    for row in result.rows():
        table.add_row(
            shown(row["rule_id"]),
            f"{row['hits']:,}",
            f"{row['share']:.2%}",
            f"{row['travellers']:,}",
            str(row["productive_outcomes"]),
        )
    out.print(table)


@app.command()
def performance(
    since: Annotated[str, typer.Option("--since", help="From this date (YYYY-MM-DD).")],
    until: Annotated[str | None, typer.Option("--until", help="Up to this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Per rule and per list: hits, confirmed rate and secondary outcomes over a period."""
    start = datetime.combine(_day(since, "--since"), time(), tzinfo=UTC)
    end_day = _day(until, "--until") if until else datetime.now(UTC).date()
    end = datetime.combine(end_day + timedelta(days=1), time(), tzinfo=UTC)
    with node(upgrade=True) as container:
        rows = rule_performance(container.units(), local_user(container), start, end)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    table = Table(title=f"rule and list performance {start:%Y-%m-%d} to {end_day}")
    for column in (
        "kind",
        "ref",
        "hits",
        "open",
        "confirmed",
        "dismissed",
        "confirmed rate",
        "outcomes",
    ):
        table.add_column(column)
    for r in rows:
        d = r.as_dict()
        rate = "-" if r.confirmed_rate is None else f"{r.confirmed_rate:.0%}"
        table.add_row(
            r.kind,
            shown(r.ref),
            str(r.hits),
            str(d["open"]),
            str(d["confirmed"]),
            str(d["dismissed"]),
            rate,
            ", ".join(f"{k} {v}" for k, v in r.outcomes.items()) or "-",
        )
    out.print(table)
