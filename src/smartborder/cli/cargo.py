"""``smartborder cargo``: train, score and evaluate the cargo risk model on declaration files.

The files use the columns of the synthetic import declarations published with DATE
(``sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,
gross.weight,fob.value,cif.value,total.taxes,illicit,revenue``); a public contract.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from smartborder.cli.common import err, print_json
from smartborder.errors import ValidationFailed
from smartborder.spreadsheet import SafeWriter, figure

# The model's libraries (LightGBM, pandas) are imported inside the commands: every other
# command of the CLI starts a second faster without them.

app = typer.Typer(help="Train, score and evaluate the cargo risk model.", no_args_is_help=True)

Declarations = Annotated[
    Path, typer.Argument(help="Declarations CSV (DATE synthetic-data columns).", show_default=False)
]
ModelPath = Annotated[
    Path,
    typer.Option(
        "--model", dir_okay=False, help="The model file (JSON, never pickle).", show_default=False
    ),
]


@app.command()
def train(decls: Declarations, model: ModelPath) -> None:
    """Train on labelled declarations (illicit, revenue) and save the model to --model."""
    from smartborder.targeting.cargo.declarations import read_declarations
    from smartborder.targeting.cargo.model import CargoRiskModel

    started = time.perf_counter()
    data = read_declarations(decls, labels=True)
    trained = CargoRiskModel.train(data)
    trained.save(model)
    err.print(
        f"trained on {len(data):,} declarations ({int(data.labels()[0].sum()):,} illicit) "
        f"in {time.perf_counter() - started:.1f} s; model written to {model}"
    )


@app.command()
def score(
    decls: Declarations,
    model: ModelPath,
    out: Annotated[
        Path | None,
        typer.Option("--out", dir_okay=False, help="Write sgd.id,score here instead of stdout."),
    ] = None,
) -> None:
    """Score declarations: sgd.id,score with higher = riskier. Labels, if any, are ignored."""
    from smartborder.targeting.cargo.declarations import read_declarations
    from smartborder.targeting.cargo.model import CargoRiskModel

    loaded = CargoRiskModel.load(model)
    data = read_declarations(decls, labels=False)
    scores = loaded.score(data)
    # The ids come from the declarations file (outside text); the scores are ours.
    rows = (
        (str(i), figure(s, ".8g")) for i, s in zip(data.ids.tolist(), scores.tolist(), strict=True)
    )
    if out is None:
        writer = SafeWriter(sys.stdout)
        writer.writerow(("sgd.id", "score"))
        writer.writerows(rows)
        return
    tmp = out.with_name(out.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = SafeWriter(fh)
        writer.writerow(("sgd.id", "score"))
        writer.writerows(rows)
    tmp.replace(out)
    err.print(f"scored {len(data):,} declarations into {out}")


@app.command()
def evaluate(
    decls: Declarations,
    model: ModelPath,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
) -> None:
    """Precision, recall and revenue at 1, 2, 5 and 10% inspected (DATE), with their ceilings."""
    from smartborder.targeting import metrics
    from smartborder.targeting.cargo.declarations import read_declarations
    from smartborder.targeting.cargo.model import CargoRiskModel

    loaded = CargoRiskModel.load(model)
    data = read_declarations(decls, labels=True)
    illicit, revenue = data.labels()
    if len(data) == 0:
        raise ValidationFailed("no declarations to evaluate")
    table = metrics.at_rates(loaded.score(data), illicit, revenue)
    if as_json:
        print_json(
            {
                "declarations": len(data),
                "illicit": int(illicit.sum()),
                "rates": [
                    {
                        "rate": m.rate,
                        "inspected": m.inspected,
                        "precision": m.precision,
                        "recall": m.recall,
                        "revenue": m.revenue,
                        "precision_ceiling": m.precision_ceiling,
                        "recall_ceiling": m.recall_ceiling,
                        "revenue_ceiling": m.revenue_ceiling,
                    }
                    for m in table
                ],
            }
        )
        return
    base = illicit.mean()
    sys.stdout.write(
        f"{len(data):,} declarations, {int(illicit.sum()):,} illicit (base rate {base:.2%})\n"
        "inspected  precision (ceiling)  recall (ceiling)  revenue (ceiling)\n"
    )
    for m in table:
        sys.stdout.write(
            f"{m.rate:>6g}%   {m.precision:9.4f} ({m.precision_ceiling:.4f})  "
            f"{m.recall:6.4f} ({m.recall_ceiling:.4f})  "
            f"{m.revenue:7.4f} ({m.revenue_ceiling:.4f})\n"
        )
