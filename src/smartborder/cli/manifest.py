"""``smartborder manifest``: submit eManifest trips to this node and read their acknowledgements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise FormatError(f"cannot read {file}: {exc.strerror}") from None
    limit = MAX_BULK_BYTES if file.suffix.lower() == ".csv" else MAX_DOCUMENT_BYTES
    if size > limit:
        raise FormatError(f"{file} is {size:,} bytes; the limit is {limit:,}")
    from smartborder.goods.shipments import IntakeRules, submit_manifest

    acks: list[Acknowledgement] = []
    with node(upgrade=True) as container:
        user = _cli_user(container.settings.agency)
        rules = IntakeRules(screener=container.party_screener())
        if file.suffix.lower() == ".csv":
            with file.open(encoding="utf-8", newline="") as fh:
                trips = read_bulk(fh)
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
            acks.append(submit_manifest(container.units(), user, file.read_bytes(), rules=rules))
    print_json([a.to_json() for a in acks] if file.suffix.lower() == ".csv" else acks[0].to_json())
    rejected = [a for a in acks if a.status is AckStatus.REJECTED]
    if rejected:
        first = rejected[0].reasons[0] if rejected[0].reasons else None
        detail = f": {first.where}: {first.text}" if first else ""
        raise ValidationFailed(f"{len(rejected)} of {len(acks)} trip(s) rejected{detail}")


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
