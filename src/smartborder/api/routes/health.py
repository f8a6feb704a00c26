"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field
from sqlalchemy import text

from smartborder import __version__
from smartborder.api.deps import ContainerDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str = Field(description='"ok", "starting" (engines being built) or "degraded".')
    version: str
    agency: str
    database: str
    ready: bool = Field(description="The engines are built: booth reads are answered at once.")
    lists: dict[str, str] = Field(
        default_factory=dict, description="The list versions the engine in service screens."
    )
    engine_error: str | None = Field(
        None, description="Why the latest rebuild failed (the engine in service still serves)."
    )


class Live(BaseModel):
    status: str


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(container: ContainerDep, response: Response) -> Health:
    """Whether the node is ready and its database answers: 503 until its engines are
    built (send it no booth reads yet), 200 after. Needs no token."""
    database = "none"
    if container.engine is not None:
        try:
            with container.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            database = "ok"
        except Exception:  # noqa: BLE001 - health reports, it does not raise
            database = "unreachable"
    refresher = container.refresher
    ready = refresher.ready.is_set()
    engine = container.live_engine.current
    if not ready:
        state = "starting"
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    else:
        state = "ok" if database in ("ok", "none") else "degraded"
    return Health(
        status=state,
        version=__version__,
        agency=str(container.settings.agency),
        database=database,
        ready=ready,
        lists=dict(engine.versions) if engine is not None else {},
        engine_error=refresher.last_error,
    )


@router.get("/health/live", response_model=Live)
def live() -> Live:
    """The process answers (it may still be building its engines). Needs no token."""
    return Live(status="ok")
