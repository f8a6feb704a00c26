"""``smartborder clear``: clear API/PNR messages from files, one JSON line per traveller."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from smartborder.clearance import land
from smartborder.clearance.air import clear_paxlst
from smartborder.clearance.decide import Stage
from smartborder.cli.common import err, local_user, node, read_text
from smartborder.domain import LaneType, utc_now
from smartborder.domain.decisions import TravellerDecision

app = typer.Typer(help="Clear travellers from advance passenger data.", no_args_is_help=True)


def decision_line(decision: TravellerDecision) -> dict[str, Any]:
    """The public shape of one traveller's answer (a contract: the benchmarks read it)."""
    facts = decision.facts
    return {
        "surname": facts.get("traveller.surname"),
        "given_names": facts.get("traveller.given_names"),
        "birth_date": facts.get("traveller.birth_date"),
        "nationality": facts.get("traveller.nationality"),
        "document_number": facts.get("document.number"),
        "role": decision.role,
        "decision": str(decision.decision.kind),
        "risk_score": decision.decision.risk_score,
        "reasons": [
            {"kind": str(r.kind), "ref": r.ref, "score": r.score, "text": r.text}
            for r in decision.decision.reasons
        ],
    }


@app.command()
def paxlst(
    path: Annotated[Path, typer.Argument(help="A PAXLST interchange; '-' reads standard input.")],
    pnr: Annotated[
        Path | None, typer.Option("--pnr", help="The PNRGOV interchange for the same flight.")
    ] = None,
    stage: Annotated[
        Stage,
        typer.Option(
            "--stage",
            case_sensitive=False,
            help="departure: board/no_board; arrival: release/refer.",
        ),
    ] = Stage.DEPARTURE,
) -> None:
    """Screen and assess every traveller of a PAXLST; print one JSON line per traveller."""
    text = read_text(path)
    pnr_text = read_text(pnr) if pnr is not None else None
    with node(upgrade=True) as container:
        user = local_user(container)
        assessor = container.clearance.assessor(user.agency)
        result = clear_paxlst(
            container.units,
            assessor,
            user,
            text,
            pnr_text=pnr_text,
            stage=stage,
            outbox=container.entry_outbox,
        )
    for warning in result.warnings:
        # markup=False: the text is the sender's, and brackets in it are not Rich markup.
        err.print(f"warning: {warning}", markup=False)
    for message in result.messages:
        for decision in message.decisions:
            sys.stdout.write(
                json.dumps(decision_line(decision), ensure_ascii=False, default=str) + "\n"
            )
        state = "already received; stored answers" if message.duplicate else "cleared"
        err.print(f"{message.receipt.reference}: {len(message.decisions)} travellers {state}")
        for reused in message.warnings:
            err.print(f"{message.receipt.reference}: warning: {reused}", markup=False)


@app.command()
def primary(
    lines: Annotated[list[str], typer.Argument(help="The document's MRZ lines, as read.")],
    port: Annotated[str, typer.Option("--port", help="This agency's port code.")],
    lane: Annotated[
        LaneType, typer.Option("--lane", case_sensitive=False, help="The booth's lane.")
    ] = LaneType.GENERAL,
    plate: Annotated[str | None, typer.Option("--plate", help="The vehicle's plate.")] = None,
) -> None:
    """Decide at a land booth from a document read: release, or refer with reasons."""
    with node(upgrade=True) as container:
        user = local_user(container)
        result = land.primary(
            container.units,
            container.clearance.assessor(user.agency),
            user,
            land.BoothRead(mrz=lines, port_code=port, lane=lane, plate=plate, at=utc_now()),
            outbox=container.entry_outbox,
        )
    sys.stdout.write(
        json.dumps(decision_line(result.decision), ensure_ascii=False, default=str) + "\n"
    )
