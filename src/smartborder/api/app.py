"""``create_app()``: the FastAPI application, used alike by ``smartborder serve`` and the tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from smartborder import __version__
from smartborder.api import docs, limits, problems
from smartborder.api.routes import (
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


def create_app(container: Container | None = None) -> FastAPI:
    """The API for ``container`` (built from the environment's settings when not given)."""
    owned = container is None
    container = container or bootstrap()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The engines are built beside the server, which answers /health "starting"
        # (503) until they are: no booth read pays for a build (README, "Serving").
        container.start_engines()
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
    problems.install(app)
    limits.install(app)
    docs.install(app)
    app.include_router(health.router)
    for module in (
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
    return app
