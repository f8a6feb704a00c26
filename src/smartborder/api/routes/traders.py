"""Goods: the trusted-trader registry (C-TPAT / PIP importers and carriers, FAST drivers)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from smartborder.api.deps import Purpose, UowDep, allow
from smartborder.domain import (
    MembershipStatus,
    Role,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.programmes import traders

router = APIRouter(tags=["trusted traders"])

Registrar = Annotated[User, Depends(allow(Role.PROGRAMME, Role.SUPERVISOR))]
Reader = Annotated[
    User, Depends(allow(Role.PROGRAMME, Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))
]


class TraderCreate(BaseModel):
    programme: TraderProgramme
    kind: TraderKind
    identifier: Annotated[str, Field(min_length=1, max_length=40)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    country: Annotated[str | None, Field(pattern=r"^[A-Z]{3}$")] = None


class StatusChange(BaseModel):
    status: MembershipStatus
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class TraderPublic(TraderCreate):
    id: str
    status: MembershipStatus
    changed_at: datetime

    @classmethod
    def of(cls, t: TrustedTrader) -> TraderPublic:
        return cls(
            id=t.id,
            programme=t.programme,
            kind=t.kind,
            identifier=t.identifier,
            name=t.name,
            country=t.country,
            status=t.status,
            changed_at=t.changed_at,
        )


@router.post("/traders", status_code=201, response_model=TraderPublic)
def enrol(body: TraderCreate, uow: UowDep, user: Registrar) -> TraderPublic:
    """Enrol a member in this agency's registry."""
    trader = TrustedTrader(
        agency=user.agency,
        programme=body.programme,
        kind=body.kind,
        identifier=body.identifier,
        name=body.name,
        country=body.country,
    )
    return TraderPublic.of(traders.enrol(uow, user, trader))


@router.get("/traders", response_model=list[TraderPublic])
def list_traders(
    uow: UowDep,
    user: Reader,
    programme: TraderProgramme | None = None,
    kind: TraderKind | None = None,
    *,
    purpose: Purpose,
) -> list[TraderPublic]:
    """This agency's members, by programme and identifier (audited: FAST drivers are people)."""
    found = traders.list_traders(uow, user, programme=programme, kind=kind, purpose=purpose)
    return [TraderPublic.of(t) for t in found]


@router.post("/traders/{trader_id}/status", response_model=TraderPublic)
def change_status(trader_id: str, body: StatusChange, uow: UowDep, user: Registrar) -> TraderPublic:
    """Suspend, reinstate or revoke a member: the FAST lane follows at once."""
    changed = traders.set_status(uow, user, trader_id, body.status, reason=body.reason)
    return TraderPublic.of(changed)
