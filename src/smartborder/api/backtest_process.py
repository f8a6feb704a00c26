"""Analysts' backtests in worker processes of their own, off the node's interpreter.

A backtest is CPU-bound Python over up to months of stored decisions. In a thread of the
node it shares the interpreter lock with the booths' decisions, and they take turns: in
``bench/soak.py`` each backtest (seconds long) was a stall of seconds for every booth.
In a process of its own (``anyio.to_process``: started on first use, kept while there is
work) it runs beside the node, on the other core, and reads the store itself, so the
booths keep their interpreter. A node whose store lives in its own memory (the in-memory
fakes, ``sqlite://``) cannot be read from another process: it backtests in a thread.
"""

from __future__ import annotations

import os
from datetime import date

from smartborder.bootstrap import Container, bootstrap, readable_elsewhere
from smartborder.config import Settings
from smartborder.domain import User
from smartborder.lists.rulesets import Backtest, backtest

__all__ = ["backtest_apart", "readable_elsewhere"]

BATCH_NICENESS = 10  # added to a backtest process's niceness (as ``lists load`` does)
_nodes: dict[str, Container] = {}  # in a worker process: one wiring per store, kept


def backtest_apart(
    settings: Settings,
    user: User,
    source: str,
    since: date,
    until: date | None,
    within: float | None,
) -> Backtest:
    """``rulesets.backtest`` in a worker process, on its own wiring of the node's store."""
    node = _nodes.get(settings.database_url)
    if node is None:
        if not _nodes and hasattr(os, "nice"):
            # This process does batch work only: the booths' processes get the cores first.
            os.nice(BATCH_NICENESS)
        node = _nodes[settings.database_url] = bootstrap(settings)
    return backtest(node.units, user, source, since=since, until=until, within=within)
