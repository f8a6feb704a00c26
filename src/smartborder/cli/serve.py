"""``smartborder serve``: run the node's HTTP API."""

from __future__ import annotations

import logging
import threading
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
    upgrade: Annotated[
        bool,
        typer.Option("--upgrade/--no-upgrade", help="Apply pending migrations before serving."),
    ] = True,
) -> None:
    """Serve the API (and the node's background work) until interrupted."""
    # Here, not at the top: the API and the node's wiring are what `serve --help` skips.
    import uvicorn

    from smartborder.api import create_app
    from smartborder.api.access_log import log_config
    from smartborder.bootstrap import bootstrap

    _log_to_stderr()
    container = bootstrap(upgrade=upgrade)
    app = create_app(container)
    stop = threading.Event()
    worker = container.exchange.relay() if container.exchange is not None else None
    relay: threading.Thread | None = None
    if worker is not None:
        # The relay sends the outbox to the partner beside the API, in this process.
        relay = threading.Thread(target=worker.run, args=(stop,), name="relay", daemon=True)
        relay.start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", log_config=log_config())
    finally:
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
