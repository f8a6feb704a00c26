"""``smartborder serve``: run the node's HTTP API."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
    upgrade: Annotated[
        bool,
        typer.Option("--upgrade/--no-upgrade", help="Apply pending migrations before serving."),
    ] = True,
) -> None:
    """Serve the API (and the node's background work) until interrupted."""
    container = bootstrap(upgrade=upgrade)
    app = create_app(container)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        container.close()
