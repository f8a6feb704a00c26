"""Goods: eManifest submission and acknowledgement, shipment risk and lane.

Manifests are posted as the eManifest JSON document itself (``smartborder manifest
schema`` prints its JSON Schema); the answer is the acknowledgement, 201 when accepted,
422 when rejected, with every reason either way. An accepted trip number re-used with
other content is cleared on it (201), its acknowledgement's ``warnings`` saying so
(code ``reference-reused``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from smartborder.api.deps import ContainerDep, Purpose, UowDep, allow
from smartborder.domain import Role, SelectivityLane, User
from smartborder.domain.manifests import ShipmentRecord
from smartborder.goods import shipments

router = APIRouter(tags=["goods"])

Intake = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]
Reader = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]


class ReasonPublic(BaseModel):
    kind: str
    ref: str
    text: str
    score: float | None


class CommodityLinePublic(BaseModel):
    hs_code: str
    description: str
    quantity: str
    weight_kg: str
    value: str
    currency: str
    origin: str


class PartyPublic(BaseModel):
    role: str
    name: str
    country: str | None
    identifier: str | None


class ShipmentPublic(BaseModel):
    id: str
    cargo_control_number: str
    trip_number: str
    port_code: str
    estimated_arrival: datetime
    lane: SelectivityLane
    risk: float | None
    score: float | None
    model_version: str | None
    reasons: list[ReasonPublic]
    active: bool
    lines: list[CommodityLinePublic]
    parties: list[PartyPublic]

    @classmethod
    def of(cls, record: ShipmentRecord) -> ShipmentPublic:
        s = record.shipment
        return cls(
            id=record.id,
            cargo_control_number=s.cargo_control_number,
            trip_number=record.trip_number,
            port_code=record.port_code,
            estimated_arrival=record.estimated_arrival,
            lane=record.lane,
            risk=record.risk,
            score=record.score,
            model_version=record.model_version,
            reasons=[
                ReasonPublic(kind=str(r.kind), ref=r.ref, text=r.text, score=r.score)
                for r in record.reasons
            ],
            active=record.active,
            lines=[
                CommodityLinePublic(
                    hs_code=line.hs_code,
                    description=line.description,
                    quantity=str(line.quantity),
                    weight_kg=str(line.weight_kg),
                    value=str(line.value),
                    currency=line.currency,
                    origin=line.origin,
                )
                for line in s.lines
            ],
            parties=[
                PartyPublic(
                    role=str(p.role), name=p.name, country=p.country, identifier=p.identifier
                )
                for p in s.parties
            ],
        )


@router.post(
    "/manifests",
    status_code=201,
    responses={422: {"description": "Rejected: the acknowledgement lists every reason."}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "An eManifest JSON document (`smartborder manifest schema`).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
async def submit_manifest(
    request: Request, uow: UowDep, user: Intake, container: ContainerDep
) -> JSONResponse:
    """Submit one trip's eManifest; the answer is its acknowledgement."""
    # The body is read here, not by FastAPI, so that a JSON syntax error is acknowledged
    # with its position. Its size and depth were checked before (``api.limits``).
    body = await request.body()
    rules = shipments.IntakeRules(screener=container.party_screener())
    # Intake writes to the database: off the event loop.
    ack = await run_in_threadpool(shipments.submit_manifest, uow, user, body, rules=rules)
    return JSONResponse(ack.to_json(), status_code=201 if ack.accepted else 422)


@router.get("/manifests/{submission_id}")
def manifest_status(
    submission_id: str, uow: UowDep, user: Reader, purpose: Purpose
) -> dict[str, Any]:
    """The acknowledgement of a submission of this agency (audited)."""
    return shipments.manifest_status(uow, user, submission_id, purpose=purpose).to_json()


@router.get("/shipments/{shipment_id}", response_model=ShipmentPublic)
def shipment_risk(shipment_id: str, uow: UowDep, user: Reader, purpose: Purpose) -> ShipmentPublic:
    """A shipment's risk score, lane and the reasons behind them. The read is audited."""
    record = shipments.shipment_risk(uow, user, shipment_id, purpose=purpose)
    return ShipmentPublic.of(record)
