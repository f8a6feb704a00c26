"""``smartborder parse``: read an MRZ, a PAXLST or a PNRGOV file and print it as JSON.

The JSON shapes (``cli.parse_json``) and the exit codes are a public contract: 0 when
the input was read (findings and warnings are in the output, not in the exit code), 2
with one line on stderr when it cannot be read at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from smartborder import files
from smartborder.cli import parse_json
from smartborder.cli.common import err, print_json
from smartborder.errors import InvalidInput
from smartborder.formats.findings import Finding
from smartborder.formats.mrz import parse_mrz
from smartborder.formats.paxlst import parse_paxlst
from smartborder.formats.pnrgov import parse_pnrgov

app = typer.Typer(
    help="Read travel documents (MRZ) and passenger data (PAXLST, PNRGOV) and print JSON.",
    no_args_is_help=True,
)

#: An interchange bigger than this is not a flight's data; refuse it before reading it all.
MAX_FILE_BYTES = 64 * 1024 * 1024

FileArgument = Annotated[
    Path, typer.Argument(help="The EDIFACT file to read ('-' for standard input).")
]


def _read(path: Path) -> bytes:
    return files.read_bytes(path, limit=MAX_FILE_BYTES, what="interchange")


@app.command("mrz")
def mrz(
    lines: Annotated[
        list[str], typer.Argument(help="The MRZ lines, in order (2 or 3; quote each line).")
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", help="Reference date for two-digit years (YYYY-MM-DD; today)."),
    ] = None,
) -> None:
    """Read a machine-readable zone: fields, check digits and findings as JSON."""
    reference = None
    if on is not None:
        try:
            reference = date.fromisoformat(on)
        except ValueError:
            raise InvalidInput(f"--on {on!r} is not a date (YYYY-MM-DD)") from None
    print_json(parse_json.mrz_record(parse_mrz(lines, reference_date=reference)))


@app.command("paxlst")
def paxlst(path: FileArgument) -> None:
    """Read a PAXLST (API) interchange: flights, travellers, counts and warnings as JSON."""
    result = parse_paxlst(_read(path))
    print_json(parse_json.paxlst_record(result))
    _warn(result.findings)


@app.command("pnrgov")
def pnrgov(path: FileArgument) -> None:
    """Read a PNRGOV interchange: each message's PNRs as JSON (card numbers masked)."""
    result = parse_pnrgov(_read(path))
    print_json(parse_json.pnrgov_record(result))
    _warn(result.findings)


def _warn(findings: tuple[Finding, ...]) -> None:
    """The interchange's own warnings (text after UNZ...) also on stderr, for a person."""
    for finding in findings:
        err.print(f"warning: {finding}", markup=False)
