"""Exit records: the partner's entries, received as our exits (analysts; reads audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from smartborder.api.deps import Purpose, UowDep, allow
from smartborder.api.fields import Instant
from smartborder.api.routes.crossings import CrossingPublic
from smartborder.domain import Role, User
from smartborder.exchange.exits import list_exits

router = APIRouter(tags=["exits"])

Analyst = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR))]


@router.get("/exits", response_model=list[CrossingPublic])
def exits(
    uow: UowDep,
    user: Analyst,
    purpose: Purpose,
    since: Annotated[
        Instant | None, Query(description="Only exits that crossed at or after this.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[CrossingPublic]:
    """Exit records received from the partner, oldest crossing first, each with its
    ``partner_id`` (the partner's id of the entry). The read is audited."""
    records = list_exits(uow, user, since=since, limit=limit, purpose=purpose)
    return [CrossingPublic.of(r) for r in records]
