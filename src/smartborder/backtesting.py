"""Analysts' backtests in worker processes of their own, off the node's interpreter, for
the API and the console alike.

A backtest is CPU-bound Python over up to months of stored decisions. In a thread of the
node it shares the interpreter lock with the booths' decisions, and they take turns: in
``bench/soak.py`` each backtest (seconds long) was a stall of seconds for every booth.
In a process of its own (``anyio.to_process``: started on first use, kept while there is
work) it runs beside the node, on the other core, and reads the store itself, so the
booths keep their interpreter. A node whose store lives in its own memory (the in-memory
fakes, ``sqlite://``) cannot be read from another process: it backtests in a thread.

However many analysts backtest at once, through the API or the console, they share the
node's ``SMARTBORDER_BACKTESTS_AT_ONCE`` slots (``slots``): the booths' routes keep their
threads, and one more is told to come back (``Busy``, a 503 with Retry-After).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import anyio
import anyio.to_process
import anyio.to_thread

from smartborder.bootstrap import Container, node_in_worker, readable_elsewhere
from smartborder.config import Settings
from smartborder.domain import User
from smartborder.errors import Busy
from smartborder.lists.rulesets import Backtest, backtest


def backtest_apart(
    settings: Settings,
    user: User,
    source: str,
    since: date,
    until: date | None,
    within: float | None,
) -> Backtest:
    """``rulesets.backtest`` in a worker process, on its own wiring of the node's store."""
    node = node_in_worker(settings)
    return backtest(node.units, user, source, since=since, until=until, within=within)


def slots(state: Any, total: int) -> anyio.CapacityLimiter:
    """The node's backtest slots, kept on the application's ``state`` (one per process)."""
    found: anyio.CapacityLimiter | None = getattr(state, "backtest_slots", None)
    if found is None:
        found = state.backtest_slots = anyio.CapacityLimiter(total)
    return found


async def run_backtest(
    container: Container,
    limiter: anyio.CapacityLimiter,
    user: User,
    source: str,
    since: date,
    until: date | None,
) -> Backtest:
    """A backtest of ``source`` on the node's stored traffic, apart from the booths, for
    at most SMARTBORDER_BACKTEST_SECONDS (then TooMuchWork: narrow the dates); Busy when
    every slot is taken."""
    settings = container.settings
    if limiter.available_tokens < 1:
        raise Busy(
            f"{settings.backtests_at_once} backtests are already running on this node; "
            "try again in a minute"
        )
    if readable_elsewhere(container):
        return await anyio.to_process.run_sync(
            backtest_apart,
            settings,
            user,
            source,
            since,
            until,
            settings.backtest_seconds,
            limiter=limiter,
        )
    work = partial(
        backtest,
        container.units,
        user,
        source,
        since=since,
        until=until,
        within=settings.backtest_seconds,
    )
    return await anyio.to_thread.run_sync(work, limiter=limiter)
