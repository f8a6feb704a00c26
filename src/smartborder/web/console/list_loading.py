"""A list fetch ordered on the Lists page, run once the answer is sent and off the node's
interpreter.

Downloading a list and loading it takes seconds (UN's) to minutes (OFAC's): no request
waits that long. The page records the fetch as running and answers at once; the fetch
runs as the answer's background task, in a worker process of its own as the analysts'
backtests do (``smartborder.backtesting``): a load is CPU-bound Python, and in a thread of
the node it would share the interpreter lock with the booths (issue 14). Its record in
the store is the job's state, which the page shows, whichever process ran it. A node
whose store lives in its own memory cannot be read from another process: it fetches in
a thread.
"""

from __future__ import annotations

import logging
from functools import partial

import anyio

from smartborder.bootstrap import Container, node_in_worker, readable_elsewhere
from smartborder.clients.downloads import HttpDownloads
from smartborder.config import Settings
from smartborder.domain import ListFetch
from smartborder.errors import SmartborderError
from smartborder.lists.fetching import fetch_and_load

log = logging.getLogger(__name__)


async def run_ordered(container: Container, fetch: ListFetch) -> None:
    """Run ``fetch`` to its end; how it ended is in its record (and in the log)."""
    try:
        if readable_elsewhere(container):
            await anyio.to_process.run_sync(fetch_apart, container.settings, fetch)
        else:
            await anyio.to_thread.run_sync(partial(fetch_here, container, fetch))
    except (SmartborderError, OSError) as problem:  # recorded with the fetch already
        log.warning("fetch of %s from the console failed: %s", fetch.source, problem)
    except Exception:  # noqa: BLE001 - a background task has no one else to tell
        log.exception("fetch of %s from the console failed", fetch.source)


def fetch_apart(settings: Settings, fetch: ListFetch) -> None:
    """``fetch_here`` in a worker process, on its own wiring of the node's store."""
    fetch_here(node_in_worker(settings), fetch)


def fetch_here(container: Container, fetch: ListFetch) -> None:
    settings = container.settings
    with HttpDownloads() as get:
        fetch_and_load(
            container.units,
            fetch,
            get,
            settings.list_dir,
            agency=settings.agency,
            base_url=settings.fetched_lists.get(fetch.source),
        )
