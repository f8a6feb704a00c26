"""``smartborder hits``: the agency's hit queue, and analysts' dispositions."""

from __future__ import annotations

from typing import Annotated

import typer

from smartborder.clearance import hits as service
from smartborder.cli.common import local_user, node, out, print_json
from smartborder.cli.printable import shown
from smartborder.domain.hits import HitKind, HitStatus, SecondaryOutcome

app = typer.Typer(help="Review the hit queue and dispose of hits.", no_args_is_help=True)


@app.command("list")
def list_(
    status: Annotated[
        HitStatus | None,
        typer.Option(
            "--status", case_sensitive=False, help="Only hits in this state (default open)."
        ),
    ] = HitStatus.OPEN,
    kind: Annotated[
        HitKind | None, typer.Option("--kind", case_sensitive=False, help="watchlist or rule.")
    ] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="One list entry or rule id.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many (1-1000).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    *,
    purpose: Annotated[
        str, typer.Option("--purpose", help="Required: why you read them, for the audit log.")
    ],
) -> None:
    """Hits, strongest first (the read is audited)."""
    with node(upgrade=True) as container:
        hits = service.hit_queue(
            container.units(),
            local_user(container),
            status=status,
            kind=kind,
            ref=ref,
            limit=limit,
            purpose=purpose,
        )
    if as_json:
        print_json(
            [
                {
                    "id": h.id,
                    "kind": str(h.kind),
                    "ref": h.ref,
                    "score": h.score,
                    "status": str(h.status),
                    "traveller": h.traveller_name,
                    "text": h.text,
                    "decision_id": h.decision_id,
                }
                for h in hits
            ]
        )
        return
    for h in hits:
        # The ref and the name come from lists and airline messages: printed escaped.
        row = f"{h.id}\t{h.status}\t{h.score:.2f}\t{h.kind}\t{shown(h.ref)}\t"
        out.print(row + shown(h.traveller_name))


@app.command()
def dispose(
    hit_id: Annotated[str, typer.Argument(help="The hit's id.")],
    status: Annotated[
        HitStatus,
        typer.Option("--status", case_sensitive=False, help="confirmed, dismissed or referred."),
    ],
    note: Annotated[str, typer.Option("--note", help="Why: the audit trail keeps it.")],
) -> None:
    """Confirm, dismiss (false positive: the pair will not alert again) or refer a hit."""
    with node(upgrade=True) as container:
        hit = service.dispose(container.units(), local_user(container), hit_id, status, note)
    out.print(f"hit {hit.id} is now {hit.status}")


@app.command()
def outcome(
    decision_id: Annotated[str, typer.Argument(help="The decision that referred the traveller.")],
    result: Annotated[
        SecondaryOutcome,
        typer.Option("--outcome", case_sensitive=False, help="What secondary inspection found."),
    ],
    note: Annotated[str, typer.Option("--note", help="Details for the record.")] = "",
) -> None:
    """Record what secondary inspection found for a referred traveller."""
    with node(upgrade=True) as container:
        record = service.record_outcome(
            container.units(), local_user(container), decision_id, result, note
        )
    out.print(f"outcome {record.outcome} recorded for decision {decision_id}")
