"""``smartborder serve``: run the node's HTTP API."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from contextlib import ExitStack
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
    upgrade: Annotated[
        bool,
        typer.Option("--upgrade/--no-upgrade", help="Apply pending migrations before serving."),
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=32,
            help="API processes. One is bound by one core (one interpreter lock); on a "
            "machine of N cores up to N serve N times the booths. Each builds its own "
            "engines (its own memory) and takes connections once they are built.",
        ),
    ] = 1,
) -> None:
    """Serve the API (and the node's background work) until interrupted."""
    # Here, not at the top: the API and the node's wiring are what `serve --help` skips.
    import uvicorn

    from smartborder.api import create_app
    from smartborder.api.access_log import log_config
    from smartborder.api.workers import COUNT, FOLDER
    from smartborder.bootstrap import bootstrap

    _log_to_stderr()
    container = bootstrap(upgrade=upgrade)
    stop = threading.Event()
    worker = container.exchange.relay() if container.exchange is not None else None
    relay: threading.Thread | None = None
    if worker is not None:
        # The relay sends the outbox to the partner beside the API, in this process.
        relay = threading.Thread(target=worker.run, args=(stop,), name="relay", daemon=True)
        relay.start()
    stack = ExitStack()
    try:
        if workers == 1:
            app = create_app(container)
            uvicorn.run(app, host=host, port=port, log_level="info", log_config=log_config())
        else:
            # This process keeps the relay (it must run once) and watches the workers;
            # each worker wires its own node (api.app.worker_app) and they start serving
            # together (api.workers).
            ready = stack.enter_context(tempfile.TemporaryDirectory(prefix="sb-workers-"))
            os.environ.update({FOLDER: ready, COUNT: str(workers)})
            uvicorn.run(
                "smartborder.api.app:worker_app",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="info",
                log_config=log_config(),
            )
    finally:
        stack.close()
        stop.set()
        if relay is not None and worker is not None:
            relay.join(timeout=15)
            worker.close()
        container.close()


def _log_to_stderr() -> None:
    """The node's own messages (engines built, a rebuild that failed) beside uvicorn's."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    logger = logging.getLogger("smartborder")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
