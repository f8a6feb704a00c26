"""Screen a whole file of people against the loaded lists, on every core.

``smartborder screen`` reads the file and writes the hits; the work between is here. The
engine is built from the store once; the first chunk is screened in this process, so
that the worker processes, forked next (``pipeline.ScreeningPool``: they share the
engine's memory), inherit the token caches it warmed; the rest streams through them in
order. The batch is audited as one read of personal data.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from smartborder.clearance.pipeline import Hits, Job, ScreeningPool, pipelined
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import Agency, AuditAction, AuditEvent, ScreeningQuery
from smartborder.domain.audit import stated_purpose
from smartborder.errors import ValidationFailed
from smartborder.lists.watchlists import CLI_ACTOR, build_engine
from smartborder.screening import ScreeningEngine

CHUNK = 500
PARALLEL_FROM = 2000  # below this many queries, forking costs more than it saves
AHEAD = 4  # chunks in the workers' hands at once: enough to keep every core busy


@dataclass(frozen=True)
class BatchOutcome:
    queries: int
    flagged: int  # queries with at least one hit
    hits: int
    entries: int  # listed entries screened against
    ready_at: float  # time.perf_counter() when the engine was built and screening began


def screen_batch(
    units: Callable[[], ClearanceUnit],
    queries: Sequence[ScreeningQuery],
    each: Callable[[Sequence[ScreeningQuery], Hits], None],
    *,
    agency: Agency,
    purpose: str,
    source: str,
    threshold: float,
    limit: int,
    workers: int,
    actor: str = CLI_ACTOR,
) -> BatchOutcome:
    """Screen ``queries``, calling ``each(chunk, hits)`` for every chunk in order (the
    hits of each query, at most ``limit``, best first); one audit entry at the end names
    ``source`` (the file) and the lists' versions."""
    purpose = stated_purpose(purpose)
    engine = build_engine(units())
    if len(engine) == 0:
        raise ValidationFailed("no list is loaded: use `smartborder lists load` first")
    ready_at = time.perf_counter()
    counts = [0, 0]  # queries with a hit, hits

    def done(chunk: Sequence[ScreeningQuery], found: Hits) -> None:
        counts[0] += sum(1 for hits in found if hits)
        counts[1] += sum(map(len, found))
        each(chunk, found)

    chunks = [queries[i : i + CHUNK] for i in range(0, len(queries), CHUNK)]
    processes = workers or os.cpu_count() or 1
    parallel = processes > 1 and len(queries) >= PARALLEL_FROM
    for n, chunk in enumerate(chunks):
        if n == 0 or not parallel:
            done(chunk, [engine.screen(q, threshold=threshold, limit=limit) for q in chunk])
        else:
            _in_workers(engine, chunks[n:], done, processes, threshold, limit)
            break
    with units() as unit:
        unit.audit.append(
            AuditEvent(
                actor=actor,
                agency=str(agency),
                action=AuditAction.READ,
                purpose=purpose,
                record_type="screening",
                detail={
                    "queries": str(len(queries)),
                    "hits": str(counts[1]),
                    "file": source,
                    "lists": ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())),
                },
            )
        )
        unit.commit()
    return BatchOutcome(len(queries), counts[0], counts[1], len(engine), ready_at)


@dataclass(frozen=True)
class _Chunk:
    """A chunk of the batch as the pipeline takes it (``pipeline.Screenable``)."""

    items: Sequence[ScreeningQuery]

    def queries(self) -> list[ScreeningQuery]:
        return list(self.items)


def _in_workers(
    engine: ScreeningEngine,
    chunks: list[Sequence[ScreeningQuery]],
    done: Callable[[Sequence[ScreeningQuery], Hits], None],
    processes: int,
    threshold: float,
    limit: int,
) -> None:
    """The chunks screened by forked workers, ``AHEAD`` at a time, handed to ``done`` in
    order (``pipeline.pipelined``, as clearance streams its messages)."""
    jobs = (
        Job(prepare=partial(_Chunk, chunk), finish=lambda c, hits: done(c.items, hits or []))
        for chunk in chunks
    )
    with ScreeningPool(engine, processes, threshold, limit) as pool:
        for _ in pipelined(jobs, pool, ahead=AHEAD):
            pass
