"""Watch-list screening: screen people (one or a batch) and see which lists are loaded."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from smartborder.api.deps import ContainerDep, Purpose, UowDep, allow
from smartborder.domain import Role, ScreeningQuery, Sex, User
from smartborder.lists import watchlists
from smartborder.screening import DEFAULT_THRESHOLD

router = APIRouter(tags=["screening"])

ScreeningUser = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]
Reader = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR, Role.ADMIN))]
_BIRTH = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


class QueryIn(BaseModel):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    name: Annotated[str, Field(min_length=1, max_length=400, description="Any script, any order.")]
    birth_date: Annotated[str | None, Field(description="YYYY-MM-DD or YYYY")] = None
    nationality: Annotated[str | None, Field(pattern=r"^[A-Z]{3}$", description="alpha-3")] = None
    gender: Sex | None = None
    document_number: Annotated[str | None, Field(max_length=40)] = None

    @field_validator("birth_date")
    @classmethod
    def _birth(cls, value: str | None) -> str | None:
        if value is not None and not _BIRTH.match(value):
            raise ValueError("birth_date must be YYYY-MM-DD or YYYY")
        return value


class ScreenRequest(BaseModel):
    queries: Annotated[list[QueryIn], Field(min_length=1, max_length=watchlists.MAX_BATCH)]
    threshold: Annotated[float, Field(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD
    limit: Annotated[int, Field(ge=1, le=100)] = 5


class HitPublic(BaseModel):
    id: str  # the query's id
    rank: int
    score: float
    list_id: str
    source_id: str
    matched_name: str
    explanation: str
    list_version: str


class ScreenResponse(BaseModel):
    hits: list[HitPublic]
    lists: dict[str, str]  # the list versions screened against


class WatchListPublic(BaseModel):
    list_id: str
    version: str
    source: str
    entries: int
    loaded_at: datetime
    sha256: str


def _screener(request: Request) -> watchlists.LiveEngine:
    # The node's one engine, shared with clearance, rebuilt when a list's version changes.
    screener: watchlists.LiveEngine = request.app.state.container.live_engine
    return screener


@router.post("/screen", response_model=ScreenResponse)
async def screen(
    body: ScreenRequest,
    request: Request,
    container: ContainerDep,
    user: ScreeningUser,
    purpose: Purpose,
) -> ScreenResponse:
    """Screen one person or a batch of up to 1,000 against every loaded list.

    The queries are personal data: each batch is written to the audit log.
    """
    queries = [
        ScreeningQuery(q.id, q.name, q.birth_date, q.nationality, q.gender, q.document_number)
        for q in body.queries
    ]
    screener = _screener(request)

    def work() -> ScreenResponse:
        # CPU-bound: run in a worker thread so that the event loop keeps serving.
        engine = screener.engine(container.units())
        hits = watchlists.screen(
            container.units(),
            engine,
            user,
            queries,
            node_agency=container.settings.agency,
            threshold=body.threshold,
            limit=body.limit,
            purpose=purpose,
        )
        return ScreenResponse(
            hits=[
                HitPublic(
                    id=h.query_id,
                    rank=h.rank,
                    score=h.score,
                    list_id=h.list_id,
                    source_id=h.source_id,
                    matched_name=h.matched_name,
                    explanation=h.explanation,
                    list_version=h.list_version,
                )
                for h in hits
            ],
            lists=dict(engine.versions),
        )

    return await run_in_threadpool(work)


@router.get("/lists", response_model=list[WatchListPublic])
def lists(uow: UowDep, user: Reader) -> list[WatchListPublic]:
    """The watch lists this node screens against, with their versions."""
    return [
        WatchListPublic(
            list_id=w.list_id,
            version=w.version,
            source=w.source,
            entries=w.entry_count,
            loaded_at=w.loaded_at,
            sha256=w.checksum,
        )
        for w in watchlists.loaded_lists(uow)
    ]
