"""The worker processes of ``smartborder serve --workers N`` start serving together.

Each worker takes connections once its own engines are built (``create_app``'s
``ready_first``). Alone, that would let the first worker ready take every connection
of the first seconds, and keep them (booths hold their connections open) while the
others build: one core would do the work of two. So each worker, once ready, says so
in a folder the serving process made, and waits until every worker has said so (or
``WAIT_SECONDS`` have passed: a worker whose build keeps failing must not keep the others
from serving).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import anyio

log = logging.getLogger(__name__)

FOLDER = "SMARTBORDER_WORKERS_READY_DIR"  # set by the serving process for its workers
COUNT = "SMARTBORDER_WORKERS"
WAIT_SECONDS = 120.0


async def start_together() -> None:
    """Say this worker is ready, then wait for the others (if there are others)."""
    folder, count = os.environ.get(FOLDER), int(os.environ.get(COUNT, "1"))
    if not folder or count <= 1:
        return
    ready = Path(folder)
    (ready / str(os.getpid())).touch()
    deadline = time.monotonic() + WAIT_SECONDS
    while len(list(ready.iterdir())) < count:
        if time.monotonic() > deadline:
            log.warning(
                "%d of %d workers ready after %.0f s: serving without the others",
                len(list(ready.iterdir())),
                count,
                WAIT_SECONDS,
            )
            return
        await anyio.sleep(0.05)
