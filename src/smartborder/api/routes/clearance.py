"""Clearance: take in API/PNR messages, and decide at the booth (``POST /v1/primary``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from smartborder.api.booth_queue import BoothQueue
from smartborder.api.deps import ContainerDep, allow
from smartborder.api.fields import AnyCase, Instant
from smartborder.clearance import land
from smartborder.clearance.air import clear_paxlst
from smartborder.clearance.decide import Stage
from smartborder.domain import LaneType, Role, User, utc_now
from smartborder.domain.decisions import TravellerDecision

router = APIRouter(tags=["clearance"])

Officer = Annotated[User, Depends(allow(Role.OFFICER, Role.SUPERVISOR))]
Targeter = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR, Role.ADMIN))]
MAX_MESSAGE = 5_000_000
JSON = "application/json"


class ReasonOut(BaseModel):
    kind: str
    ref: str
    score: float | None
    text: str


class DecisionOut(BaseModel):
    id: str
    surname: str | None
    given_names: str | None
    birth_date: str | None
    nationality: str | None
    document_number: str | None
    role: str
    flight: str | None
    port_code: str | None
    decision: str
    risk_score: float
    reasons: list[ReasonOut]
    versions: dict[str, str]
    inputs_hash: str
    decided_at: datetime

    @classmethod
    def of(cls, d: TravellerDecision) -> DecisionOut:
        facts: dict[str, Any] = d.facts
        return cls(
            id=d.id,
            surname=facts.get("traveller.surname"),
            given_names=facts.get("traveller.given_names"),
            birth_date=facts.get("traveller.birth_date"),
            nationality=facts.get("traveller.nationality"),
            document_number=facts.get("document.number"),
            role=d.role,
            flight=d.flight,
            port_code=d.port_code,
            decision=str(d.decision.kind),
            risk_score=d.decision.risk_score,
            reasons=[
                ReasonOut(kind=str(r.kind), ref=r.ref, score=r.score, text=r.text)
                for r in d.decision.reasons
            ],
            versions=dict(d.decision.versions),
            inputs_hash=d.decision.inputs_hash,
            decided_at=d.decision.decided_at,
        )


class MessageIn(BaseModel):
    paxlst: Annotated[str, Field(min_length=1, max_length=MAX_MESSAGE)]
    pnrgov: Annotated[str | None, Field(max_length=MAX_MESSAGE)] = None
    stage: Stage = Stage.DEPARTURE


class WarningOut(BaseModel):
    """Something the reading noticed and got past: a stable code, where, and words."""

    code: str
    where: str | None
    message: str


class MessageOut(BaseModel):
    reference: str
    duplicate: bool = Field(description="The same content was taken in before: stored answers.")
    decisions: list[DecisionOut]
    warnings: list[WarningOut] = Field(
        default_factory=list,
        description="What the node noticed and got past: the interchange's own warnings "
        "(e.g. text after UNZ ignored, on each of its messages) and this message's "
        '(code "reference-reused": "reference re-used with different content").',
    )


@router.post("/messages/paxlst", response_model=list[MessageOut])
def ingest_paxlst(body: MessageIn, container: ContainerDep, user: Targeter) -> list[MessageOut]:
    """Take in a PAXLST interchange (with its PNRGOV) once per content: every traveller
    is screened, assessed and answered; sending the same content again returns the stored
    answers, and a re-used reference with other content is cleared as a new message, with
    a warning."""
    result = clear_paxlst(
        container.units,
        container.clearance.assessor(user.agency),
        user,
        body.paxlst,
        pnr_text=body.pnrgov,
        stage=body.stage,
        outbox=container.entry_outbox,
    )
    warnings = [WarningOut(code=w.code, where=w.where, message=w.message) for w in result.warnings]
    return [
        MessageOut(
            reference=m.receipt.reference,
            duplicate=m.duplicate,
            decisions=[DecisionOut.of(d) for d in m.decisions],
            warnings=warnings
            + [
                WarningOut(code="reference-reused", where=m.receipt.reference, message=text)
                for text in m.warnings
            ],
        )
        for m in result.messages
    ]


class BoothIn(BaseModel):
    mrz: Annotated[list[Annotated[str, Field(max_length=60)]], Field(min_length=2, max_length=3)]
    port_code: Annotated[str, Field(min_length=1, max_length=8)]
    lane: LaneType = LaneType.GENERAL
    plate: Annotated[str | None, Field(max_length=16)] = None
    role: Annotated[Literal["passenger", "driver", "pedestrian"], AnyCase] = "passenger"
    at: Instant | None = None


@router.post("/primary", response_model=DecisionOut)
async def primary(body: BoothIn, request: Request, user: Officer) -> Response:
    """A decision at a land booth from the document read: release, or refer with reasons."""
    read = land.BoothRead(
        mrz=body.mrz,
        port_code=body.port_code,
        lane=body.lane,
        plate=body.plate,
        role=body.role,
        at=body.at or utc_now(),
    )
    booths: BoothQueue = request.app.state.booths
    result = await booths.decide(user, read)
    # Serialised here: FastAPI would validate the model it was given all over again.
    return Response(DecisionOut.of(result.decision).model_dump_json(), media_type=JSON)
