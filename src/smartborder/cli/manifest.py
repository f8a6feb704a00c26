"""``smartborder manifest``: submit eManifest trips to this node and read their acknowledgements."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

import typer

from smartborder import files
from smartborder.cli.common import node, print_json
from smartborder.domain import Agency, Role, User, utc_now
from smartborder.errors import FormatError, ValidationFailed
from smartborder.formats.manifest.acknowledgement import Acknowledgement, AckReason, AckStatus
from smartborder.formats.manifest.csv_bulk import read_bulk
from smartborder.formats.manifest.schema import MAX_DOCUMENT_BYTES, Problem, json_schema

app = typer.Typer(
    help="Submit eManifest trips and read their acknowledgements.", no_args_is_help=True
)

MAX_BULK_BYTES = 200 * 1024 * 1024

# Intake (and with it the risk model's libraries) is imported inside the commands, so
# that the rest of the CLI does not pay for LightGBM and pandas at start-up.


def _cli_user(agency: Agency) -> User:
    # The CLI acts for the node itself; the audit log names it ``<agency>/cli``.
    return User(name="cli", role=Role.SUPERVISOR, agency=agency)


@app.command()
def submit(
    file: Annotated[
        Path,
        typer.Argument(
            help="A trip as JSON, or many trips as bulk CSV (.csv).", show_default=False
        ),
    ],
) -> None:
    """Submit FILE; print the acknowledgement(s) as JSON. Exit 2 if any trip is rejected."""
    bulk = file.suffix.lower() == ".csv"
    limit = MAX_BULK_BYTES if bulk else MAX_DOCUMENT_BYTES
    # Read (bounded) before the node is wired: a bad file costs nothing.
    data = files.read_bytes(file, limit=limit, what="bulk CSV" if bulk else "manifest")
    from smartborder.goods.shipments import IntakeRules, submit_manifest

    acks: list[Acknowledgement] = []
    with node(upgrade=True) as container:
        user = _cli_user(container.settings.agency)
        rules = IntakeRules(screener=container.party_screener())
        if bulk:
            trips = read_bulk(io.StringIO(_utf8(data, file), newline=""))
            for trip in trips:
                if trip.document is None:
                    acks.append(_refused_locally(trip.trip_number, trip.problems))
                    continue
                acks.append(
                    submit_manifest(
                        container.units(),
                        user,
                        trip.document.model_dump(mode="json", by_alias=True),
                        rules=rules,
                    )
                )
        else:
            acks.append(submit_manifest(container.units(), user, data, rules=rules))
    print_json([a.to_json() for a in acks] if bulk else acks[0].to_json())
    rejected = [a for a in acks if a.status is AckStatus.REJECTED]
    if rejected:
        first = rejected[0].reasons[0] if rejected[0].reasons else None
        detail = f": {first.where}: {first.text}" if first else ""
        raise ValidationFailed(f"{len(rejected)} of {len(acks)} trip(s) rejected{detail}")


def _utf8(data: bytes, file: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text (byte {exc.start})", where=str(file)) from None


def _refused_locally(trip_number: str, problems: list[Problem]) -> Acknowledgement:
    """A CSV trip too broken to submit: acknowledged as rejected without reaching the node."""
    reasons = tuple(AckReason("csv", p.where, p.text) for p in problems)
    return Acknowledgement(
        submission_id="",
        status=AckStatus.REJECTED,
        received_at=utc_now(),
        trip_number=trip_number or None,
        reasons=reasons,
    )


@app.command()
def status(
    submission_id: Annotated[
        str, typer.Argument(help="The submission_id of an acknowledgement.", show_default=False)
    ],
    purpose: Annotated[
        str, typer.Option("--purpose", help="Required: why you read it, for the audit log.")
    ],
) -> None:
    """Print the acknowledgement of a submission (the read is audited)."""
    from smartborder.goods.shipments import manifest_status

    with node(upgrade=True) as container:
        ack = manifest_status(
            container.units(), _cli_user(container.settings.agency), submission_id, purpose=purpose
        )
    print_json(ack.to_json())


@app.command()
def schema() -> None:
    """Print the JSON Schema of the eManifest document."""
    print_json(json_schema())
