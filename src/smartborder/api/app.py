"""``create_app()``: the FastAPI application, used alike by ``smartborder serve`` and the tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from smartborder import __version__, web
from smartborder.api import docs, limits, problems, workers
from smartborder.api.booth_queue import BoothQueue
from smartborder.api.routes import (
    applications,
    clearance,
    crossings,
    examinations,
    exchange,
    exits,
    flights,
    goods,
    health,
    hits,
    ports,
    rules,
    screening,
    traders,
    users,
    wait_times,
)
from smartborder.bootstrap import Container, bootstrap


def create_app(container: Container | None = None, *, ready_first: bool = False) -> FastAPI:
    """The API for ``container`` (built from the environment's settings when not given).

    ``ready_first``: take no connection before the engines are built (one of several
    worker processes on one port: the others take the connections meanwhile).
    """
    owned = container is None
    container = container or bootstrap()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The engines are built beside the server, which answers /health "starting"
        # (503) until they are: no booth read pays for a build (README, "Serving").
        container.start_engines()
        if ready_first:  # the server takes connections once the startup is over
            while not container.refresher.ready.is_set():
                await anyio.sleep(0.1)
            await workers.start_together()
        try:
            yield
        finally:
            container.refresher.stop()
            if owned:
                container.close()

    app = FastAPI(
        title="smartborder",
        version=__version__,
        description="The API of one agency's smartborder node. Every call but `/health` "
        "needs a bearer token; every read of personal data is audited.",
        lifespan=lifespan,
        docs_url=None,  # served by api.docs, from our own origin
        redoc_url=None,
    )
    app.state.container = container
    app.state.booths = BoothQueue(
        container.units, container.clearance.assessor, outbox=container.entry_outbox
    )
    problems.install(app)
    limits.install(app)
    docs.install(app)
    app.include_router(health.router)
    for module in (
        applications,
        users,
        ports,
        crossings,
        exits,
        wait_times,
        goods,
        examinations,
        traders,
        screening,
        clearance,
        hits,
        rules,
        flights,
    ):
        app.include_router(module.router, prefix="/v1")
    app.include_router(exchange.router)  # its paths carry /v1 themselves
    web.install(app, container)  # the public pages, beside the API
    return app


def worker_app() -> FastAPI:
    """One of ``smartborder serve --workers N``'s processes: its own node, from the
    environment's settings (the serving process applied the migrations)."""
    return create_app(ready_first=True)
