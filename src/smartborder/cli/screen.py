"""``smartborder screen``: screen a CSV file of people against every loaded list.

QUERIES columns: ``id,name`` and optionally ``birth_date`` (YYYY-MM-DD or YYYY),
``nationality`` (alpha-3), ``gender`` (M/F) and ``document_number``. RESULTS columns:
``id,rank,score,list_id,source_id,matched_name,explanation``, one row per hit at or above
the threshold, ranked. This module reads and writes the files; the screening itself, on
every core, and its audit entry are ``clearance.batch_screening``'s.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from smartborder import files
from smartborder.cli.common import err, node
from smartborder.domain import ScreeningQuery, Sex
from smartborder.errors import FormatError
from smartborder.screening import DEFAULT_THRESHOLD
from smartborder.spreadsheet import SafeWriter, figure

if TYPE_CHECKING:
    from smartborder.clearance.pipeline import Hits

RESULT_COLUMNS = ("id", "rank", "score", "list_id", "source_id", "matched_name", "explanation")
OPTIONAL = ("birth_date", "nationality", "gender", "document_number")
MAX_FIELD = 1000
#: A million queries of a few hundred bytes each: more is a mistake, or /dev/zero.
MAX_QUERIES_BYTES = 256 * 1024 * 1024
PROGRESS_FROM = 500  # fewer queries take too little time for a progress bar
_BIRTH = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")

Row = tuple[str, str, str, str, str, str]


def read_queries(path: Path) -> list[Row]:
    """The query rows of ``path``, checked; errors name the line."""
    text = files.read_text(path, limit=MAX_QUERIES_BYTES, what="queries file")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if "id" not in header or "name" not in header:
        raise FormatError("the header needs the columns id and name", where=f"{path.name} line 1")
    unknown = [h for h in header if h not in ("id", "name", *OPTIONAL)]
    if unknown:
        raise FormatError(f"unknown column(s) {', '.join(unknown)}", where=f"{path.name} line 1")
    at = [header.index(c) if c in header else -1 for c in ("id", "name", *OPTIONAL)]
    rows: list[Row] = []
    for number, raw in enumerate(reader, start=2):
        if not raw:
            continue
        if len(raw) != len(header):
            raise FormatError(
                f"{len(raw)} fields where the header has {len(header)}",
                where=f"{path.name} line {number}",
            )
        values = [raw[i].strip() if i >= 0 else "" for i in at]
        _check(values, f"{path.name} line {number}")
        rows.append(
            (values[0], values[1], values[2], values[3].upper(), values[4].upper(), values[5])
        )
    return rows


def _check(values: list[str], where: str) -> None:
    if not values[0] or not values[1]:
        raise FormatError("id and name are required", where=where)
    if any(len(v) > MAX_FIELD for v in values):
        raise FormatError(f"a field is longer than {MAX_FIELD} characters", where=where)
    if values[2] and not _BIRTH.match(values[2]):
        raise FormatError(f"birth_date {values[2]!r} is not YYYY-MM-DD or YYYY", where=where)
    if values[3] and not _ALPHA3.match(values[3].upper()):
        raise FormatError(f"nationality {values[3]!r} is not an alpha-3 code", where=where)
    if values[4] and values[4].upper() not in ("M", "F", "X"):
        raise FormatError(f"gender {values[4]!r} is not M or F", where=where)


def _query(row: Row) -> ScreeningQuery:
    qid, name, born, nationality, gender, document = row
    return ScreeningQuery(
        qid,
        name,
        born or None,
        nationality or None,
        Sex(gender) if gender in ("M", "F") else None,
        document or None,
    )


def _result_rows(chunk: Sequence[ScreeningQuery], found: Hits) -> str:
    """The RESULTS lines of one chunk, as CSV text."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)  # names and explanations come from outside: no formulas
    for query, hits in zip(chunk, found, strict=True):
        for hit in hits:
            writer.writerow(
                (
                    query.id,
                    hit.rank,
                    figure(hit.score, ".4f"),
                    hit.list_id,
                    hit.source_id,
                    hit.matched_name,
                    hit.explanation,
                )
            )
    return buffer.getvalue()


def screen(
    queries: Annotated[
        Path,
        typer.Argument(
            help="CSV of people to screen: id,name[,birth_date,nationality,gender,document_number]."
        ),
    ],
    out_path: Annotated[
        Path, typer.Option("--out", dir_okay=False, help="Where to write the RESULTS CSV.")
    ],
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported as a hit.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="Most hits per query.")] = 5,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Processes to use; 0 means one per core.")
    ] = 0,
    *,
    purpose: Annotated[
        str, typer.Option("--purpose", help="Required: why these people are screened (audit log).")
    ],
) -> None:
    """Screen every row of QUERIES against the loaded lists; write ranked, explained hits."""
    from smartborder.clearance.batch_screening import screen_batch

    people = [_query(row) for row in read_queries(queries)]
    started = time.perf_counter()
    tmp = out_path.with_name(out_path.name + ".partial")
    with node(upgrade=True) as container:
        with tmp.open("w", encoding="utf-8", newline="") as fh, _progress(len(people)) as bar:
            task = bar.add_task("screening", total=len(people))
            fh.write(",".join(RESULT_COLUMNS) + "\n")

            def write(chunk: Sequence[ScreeningQuery], found: Hits) -> None:
                fh.write(_result_rows(chunk, found))
                bar.advance(task, len(chunk))

            outcome = screen_batch(
                container.units,
                people,
                write,
                agency=container.settings.agency,
                purpose=purpose,
                source=queries.name,
                threshold=threshold,
                limit=limit,
                workers=workers,
            )
        tmp.replace(out_path)  # nothing half-written under the final name
    elapsed = time.perf_counter() - started
    built = outcome.ready_at - started  # the node wired, the lists read, the engine built
    rate = len(people) / max(elapsed - built, 1e-9)
    err.print(
        f"screened {len(people):,} queries against {outcome.entries:,} entries in "
        f"{elapsed:.2f} s (engine built in {built:.2f} s, then {rate:,.0f} "
        f"queries/s); {outcome.flagged:,} with a hit, {outcome.hits:,} hits written to "
        f"{out_path}"
    )


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal or total < PROGRESS_FROM,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through `smartborder screen`")
