"""The hit queue: list, detail with explanation, disposition; secondary outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from smartborder.api.deps import Purpose, UowDep, allow
from smartborder.api.routes.clearance import DecisionOut
from smartborder.clearance import hits as service
from smartborder.domain import Role, User
from smartborder.domain.hits import Hit, HitKind, HitStatus, SecondaryOutcome

router = APIRouter(tags=["hits"])

Analyst = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR))]
Officer = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]


class HitOut(BaseModel):
    id: str
    kind: HitKind
    ref: str
    score: float
    text: str
    status: HitStatus
    traveller: str
    decision_id: str
    created_at: datetime
    disposed_by: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, hit: Hit) -> HitOut:
        return cls(
            id=hit.id,
            kind=hit.kind,
            ref=hit.ref,
            score=hit.score,
            text=hit.text,
            status=hit.status,
            traveller=hit.traveller_name,
            decision_id=hit.decision_id,
            created_at=hit.created_at,
            disposed_by=hit.disposition.by if hit.disposition else None,
            note=hit.disposition.note if hit.disposition else None,
        )


class HitDetailOut(BaseModel):
    hit: HitOut
    decision: DecisionOut
    other_hits: list[HitOut]


@router.get("/hits", response_model=list[HitOut])
def hit_queue(
    uow: UowDep,
    user: Analyst,
    status: HitStatus | None = HitStatus.OPEN,
    kind: HitKind | None = None,
    ref: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    *,
    purpose: Purpose,
) -> list[HitOut]:
    """This agency's hits, strongest first (audited, naming every hit returned)."""
    found = service.hit_queue(
        uow, user, status=status, kind=kind, ref=ref, limit=limit, purpose=purpose
    )
    return [HitOut.of(h) for h in found]


@router.get("/hits/{hit_id}", response_model=HitDetailOut)
def hit_detail(hit_id: str, uow: UowDep, user: Analyst, purpose: Purpose) -> HitDetailOut:
    """One hit with the decision it belongs to: every reason, in words (audited)."""
    detail = service.hit_detail(uow, user, hit_id, purpose=purpose)
    return HitDetailOut(
        hit=HitOut.of(detail.hit),
        decision=DecisionOut.of(detail.decision),
        other_hits=[HitOut.of(h) for h in detail.others],
    )


class DispositionIn(BaseModel):
    status: HitStatus
    note: Annotated[str, Field(min_length=1, max_length=2000)]


@router.post("/hits/{hit_id}/disposition", response_model=HitOut)
def dispose(hit_id: str, body: DispositionIn, uow: UowDep, user: Analyst) -> HitOut:
    """Confirm, dismiss (a false positive: the pair stops alerting) or refer a hit."""
    return HitOut.of(service.dispose(uow, user, hit_id, body.status, body.note))


class OutcomeIn(BaseModel):
    outcome: SecondaryOutcome
    note: Annotated[str, Field(max_length=2000)] = ""


class OutcomeOut(BaseModel):
    decision_id: str
    outcome: SecondaryOutcome
    recorded_by: str
    recorded_at: datetime


@router.post("/decisions/{decision_id}/outcome", response_model=OutcomeOut, status_code=201)
def record_outcome(decision_id: str, body: OutcomeIn, uow: UowDep, user: Officer) -> OutcomeOut:
    """What secondary inspection found for a referred traveller."""
    record = service.record_outcome(uow, user, decision_id, body.outcome, body.note)
    return OutcomeOut(
        decision_id=decision_id,
        outcome=record.outcome,
        recorded_by=record.by,
        recorded_at=record.at,
    )
