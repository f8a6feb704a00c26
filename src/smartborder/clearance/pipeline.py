"""Clear a stream of messages or booth reads on every core: screening beside storing.

Screening a name is most of the work of clearing a traveller; deciding and storing is
the rest and must happen in one process (the store has one writer). So worker processes,
forked once the engine is built (they share its memory and never touch the store),
screen batch n+1 while this process decides and stores batch n: a two-stage pipeline.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, Protocol, TypeVar

from smartborder.domain import ScreeningQuery, WatchlistHit
from smartborder.screening.engine import DEFAULT_LIMIT, DEFAULT_THRESHOLD, ScreeningEngine

Hits = list[list[WatchlistHit]]
T = TypeVar("T")

_engine: ScreeningEngine | None = None  # the workers' engine: inherited at fork, not pickled
_threshold = DEFAULT_THRESHOLD
_limit = DEFAULT_LIMIT


def _screen(queries: list[ScreeningQuery]) -> Hits:
    assert _engine is not None, "a worker forked without an engine"
    return [_engine.screen(q, threshold=_threshold, limit=_limit) for q in queries]


class ScreeningPool:
    """Worker processes that screen batches of queries against one engine."""

    def __init__(
        self,
        engine: ScreeningEngine,
        processes: int | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        global _engine, _threshold, _limit
        _engine, _threshold, _limit = engine, threshold, limit
        self.versions = engine.versions
        count = processes or max(1, (os.cpu_count() or 1))
        # fork: the children inherit the built engine instead of building or unpickling it.
        self._pool: Pool = multiprocessing.get_context("fork").Pool(count)
        self._workers = count

    def submit(self, queries: Sequence[ScreeningQuery]) -> Callable[[], Hits]:
        """Start screening ``queries``; the returned function waits for their hits."""
        if not queries:
            return lambda: []
        size = max(1, -(-len(queries) // self._workers))
        chunks = [list(queries[i : i + size]) for i in range(0, len(queries), size)]
        pending: list[AsyncResult[Hits]] = [self._pool.apply_async(_screen, (c,)) for c in chunks]
        return lambda: [hits for p in pending for hits in p.get()]

    def run(self, fn: Callable[..., T], *args: object) -> Callable[[], T]:
        """Run ``fn(*args)`` (a module-level function) on a worker; the result when asked."""
        pending: AsyncResult[T] = self._pool.apply_async(fn, args)
        return pending.get

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ScreeningPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Screenable(Protocol):
    def queries(self) -> list[ScreeningQuery]: ...


P = TypeVar("P", bound=Screenable)
R = TypeVar("R")


@dataclass(frozen=True)
class Job(Generic[P, R]):
    """One unit of the stream: read and look it up, then decide and store it."""

    prepare: Callable[[], P]
    finish: Callable[[P, Hits | None], R]


def pipelined(
    jobs: Iterable[Job[P, R]], pool: ScreeningPool | None, *, ahead: int = 3
) -> Iterator[R]:
    """Each job's result, in order; with a pool, up to ``ahead`` jobs are being screened
    while this process stores the oldest (small jobs, such as a crew list, would
    otherwise leave the next big one to be screened while this process waits)."""
    if pool is None:
        for job in jobs:
            yield job.finish(job.prepare(), None)
        return
    waiting: deque[tuple[Job[P, R], P, Callable[[], Hits]]] = deque()
    for job in jobs:
        prepared = job.prepare()
        waiting.append((job, prepared, pool.submit(prepared.queries())))
        if len(waiting) > ahead:
            earlier, earlier_prepared, earlier_hits = waiting.popleft()
            yield earlier.finish(earlier_prepared, earlier_hits())
    while waiting:
        earlier, earlier_prepared, earlier_hits = waiting.popleft()
        yield earlier.finish(earlier_prepared, earlier_hits())
