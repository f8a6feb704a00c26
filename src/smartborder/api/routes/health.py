"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from smartborder import __version__
from smartborder.api.deps import ContainerDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str
    agency: str
    database: str


@router.get("/health", response_model=Health)
def health(container: ContainerDep) -> Health:
    """Whether the node is up and its database answers. Needs no token."""
    database = "none"
    if container.engine is not None:
        try:
            with container.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            database = "ok"
        except Exception:  # noqa: BLE001 - health reports, it does not raise
            database = "unreachable"
    status = "ok" if database in ("ok", "none") else "degraded"
    return Health(
        status=status, version=__version__, agency=str(container.settings.agency), database=database
    )
