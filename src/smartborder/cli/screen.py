"""``smartborder screen``: screen a CSV file of people against every loaded list.

QUERIES columns: ``id,name`` and optionally ``birth_date`` (YYYY-MM-DD or YYYY),
``nationality`` (alpha-3), ``gender`` (M/F) and ``document_number``. RESULTS columns:
``id,rank,score,list_id,source_id,matched_name,explanation``, one row per hit at or above
the threshold, ranked. A large file is split over every core: the engine is built once
and the worker processes are forked from it, so they share its memory.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from smartborder.clearance.watchlists import CLI_ACTOR, build_engine
from smartborder.cli.common import err, node
from smartborder.domain import AuditAction, AuditEvent, ScreeningQuery, Sex
from smartborder.errors import FormatError, ValidationFailed
from smartborder.screening import DEFAULT_THRESHOLD, ScreeningEngine

RESULT_COLUMNS = ("id", "rank", "score", "list_id", "source_id", "matched_name", "explanation")
OPTIONAL = ("birth_date", "nationality", "gender", "document_number")
CHUNK = 500
PARALLEL_FROM = 2000  # below this many queries, forking costs more than it saves
MAX_FIELD = 1000
_BIRTH = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")

Row = tuple[str, str, str, str, str, str]
_engine: ScreeningEngine | None = None  # the forked workers' engine (inherited, not pickled)


def read_queries(path: Path) -> list[Row]:
    """The query rows of ``path``, checked; errors name the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationFailed(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 (byte {exc.start})", where=str(path)) from exc
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


def _screen_chunk(args: tuple[list[Row], float, int]) -> tuple[str, int, int]:
    """Screen rows with the inherited engine; the RESULTS lines as text, the count of
    queries with a hit, and of hits."""
    rows, threshold, limit = args
    assert _engine is not None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    flagged = hits = 0
    for qid, name, born, nationality, gender, document in rows:
        query = ScreeningQuery(
            qid,
            name,
            born or None,
            nationality or None,
            Sex(gender) if gender in ("M", "F") else None,
            document or None,
        )
        found = _engine.screen(query, threshold=threshold, limit=limit)
        flagged += bool(found)
        hits += len(found)
        for hit in found:
            writer.writerow(
                (
                    qid,
                    hit.rank,
                    f"{hit.score:.4f}",
                    hit.list_id,
                    hit.source_id,
                    hit.matched_name,
                    hit.explanation,
                )
            )
    return buffer.getvalue(), flagged, hits


def _chunks(
    rows: list[Row], threshold: float, limit: int
) -> Iterator[tuple[list[Row], float, int]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK], threshold, limit


def screen(
    queries: Annotated[
        Path,
        typer.Argument(
            help="CSV of people to screen: id,name[,birth_date,nationality,gender,document_number]."
        ),
    ],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the RESULTS CSV.")],
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported as a hit.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="Most hits per query.")] = 5,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Processes to use; 0 means one per core.")
    ] = 0,
    purpose: Annotated[
        str, typer.Option("--purpose", help="Why, for the audit log.")
    ] = "batch screening",
) -> None:
    """Screen every row of QUERIES against the loaded lists; write ranked, explained hits."""
    global _engine
    rows = read_queries(queries)
    started = time.perf_counter()
    with node(upgrade=True) as container:
        engine = build_engine(container.uow())
        if len(engine) == 0:
            raise ValidationFailed("no list is loaded: use `smartborder lists load` first")
        built = time.perf_counter() - started
        _engine = engine
        processes = workers or os.cpu_count() or 1
        tmp = out_path.with_name(out_path.name + ".partial")
        flagged = hits = done = 0
        with tmp.open("w", encoding="utf-8", newline="") as fh, _progress(len(rows)) as bar:
            task = bar.add_task("screening", total=len(rows))
            fh.write(",".join(RESULT_COLUMNS) + "\n")
            jobs = _chunks(rows, threshold, limit)
            if processes > 1 and len(rows) >= PARALLEL_FROM:
                # The first chunk here, before forking: the workers then inherit the
                # token caches it warmed instead of each warming its own.
                text, flagged, hits = _screen_chunk(next(jobs))
                fh.write(text)
                done = CHUNK
                bar.update(task, completed=done)
                context = multiprocessing.get_context("fork")
                with context.Pool(processes) as pool:
                    for text, f, h in pool.imap(_screen_chunk, jobs):
                        fh.write(text)
                        flagged, hits, done = flagged + f, hits + h, min(done + CHUNK, len(rows))
                        bar.update(task, completed=done)
            else:
                for job in jobs:
                    text, f, h = _screen_chunk(job)
                    fh.write(text)
                    flagged, hits, done = flagged + f, hits + h, min(done + CHUNK, len(rows))
                    bar.update(task, completed=done)
        tmp.replace(out_path)  # nothing half-written under the final name
        with container.uow() as uow:
            uow.audit.append(
                AuditEvent(
                    actor=CLI_ACTOR,
                    agency=str(container.settings.agency),
                    action=AuditAction.READ,
                    purpose=purpose,
                    record_type="screening",
                    detail={"queries": str(len(rows)), "hits": str(hits), "file": queries.name},
                )
            )
            uow.commit()
    elapsed = time.perf_counter() - started
    rate = len(rows) / max(elapsed - built, 1e-9)
    err.print(
        f"screened {len(rows):,} queries against {len(engine):,} entries in {elapsed:.2f} s "
        f"(engine built in {built:.2f} s, then {rate:,.0f} queries/s); "
        f"{flagged:,} with a hit, {hits:,} hits written to {out_path}"
    )


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal or total < CHUNK,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through `smartborder screen`")
