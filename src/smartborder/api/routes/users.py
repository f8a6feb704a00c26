"""Who am I."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from smartborder.api.deps import CurrentUser
from smartborder.domain import Agency, Role

router = APIRouter(tags=["users"])


class UserPublic(BaseModel):
    """A user as the API shows it: never the token or its hash."""

    id: str
    name: str
    role: Role
    agency: Agency
    created_at: datetime
    # So that a client can ask for a new token (`users rotate`) before it is refused.
    token_expires_at: datetime | None


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    return UserPublic(
        id=user.id,
        name=user.name,
        role=user.role,
        agency=user.agency,
        created_at=user.created_at,
        token_expires_at=user.token_expires_at,
    )
