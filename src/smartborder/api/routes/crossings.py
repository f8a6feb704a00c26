"""Crossing records: entries recorded at this agency's ports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from pydantic import BaseModel, Field

from smartborder.api.deps import ContainerDep, Purpose, UowDep, allow
from smartborder.api.fields import Instant
from smartborder.clearance import crossings
from smartborder.domain import (
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    Role,
    Sex,
    TravelDocument,
    User,
)

router = APIRouter(tags=["crossings"])

Officer = Annotated[User, Depends(allow(Role.OFFICER, Role.SUPERVISOR))]
Reader = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$|^D$", description="ICAO/ISO 3166 alpha-3")]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="The client's key for this request: a retry with the same key and body "
        "gets the entry recorded the first time; the same key with another body is refused "
        "(422, idempotency-key-reused).",
    ),
]


class DocumentIn(BaseModel):
    type: DocumentType = DocumentType.PASSPORT
    number: Annotated[str, Field(min_length=1, max_length=40)]
    issuing_country: Alpha3 | None = None
    expiry_date: date | None = None


class CrossingCreate(BaseModel):
    surname: Annotated[str, Field(min_length=1, max_length=200)]
    given_names: Annotated[str, Field(max_length=200)] = ""
    birth_date: date | None = None
    nationality: Alpha3 | None = None
    sex: Sex = Sex.UNSPECIFIED
    document: DocumentIn | None = None
    port_code: Annotated[str, Field(min_length=1, max_length=8)]
    lane: LaneType | None = None
    crossed_at: Instant


class CrossingPublic(CrossingCreate):
    id: str
    direction: Direction
    recorded_at: datetime
    partner_id: str | None = None

    @classmethod
    def of(cls, record: CrossingRecord) -> CrossingPublic:
        doc = record.document
        return cls(
            id=record.id,
            direction=record.direction,
            surname=record.name.surname,
            given_names=record.name.given,
            birth_date=record.birth_date,
            nationality=record.nationality,
            sex=record.sex,
            document=DocumentIn(
                type=doc.type,
                number=doc.number,
                issuing_country=doc.issuing_state,
                expiry_date=doc.expiry_date,
            )
            if doc
            else None,
            port_code=record.port_code,
            lane=record.lane,
            crossed_at=record.crossed_at,
            recorded_at=record.recorded_at,
            partner_id=record.partner_id,
        )


@router.post("/crossings", status_code=201, response_model=CrossingPublic)
def create_crossing(
    body: CrossingCreate,
    uow: UowDep,
    user: Officer,
    container: ContainerDep,
    idempotency_key: IdempotencyKey = None,
) -> CrossingPublic:
    """Record an entry at one of this agency's ports (queued for the partner, in the same
    transaction, when a sharing agreement is configured). With an ``Idempotency-Key``, a
    retry records nothing twice."""
    doc = body.document
    record = CrossingRecord(
        agency=user.agency,
        direction=Direction.ENTRY,
        name=PersonName(surname=body.surname, given_names=tuple(body.given_names.split())),
        birth_date=body.birth_date,
        nationality=body.nationality,
        sex=body.sex,
        document=TravelDocument(
            type=doc.type,
            number=doc.number,
            issuing_state=doc.issuing_country,
            expiry_date=doc.expiry_date,
        )
        if doc
        else None,
        port_code=body.port_code,
        lane=body.lane,
        crossed_at=body.crossed_at,
    )
    recorded = crossings.record_entry(
        uow, user, record, outbox=container.entry_outbox, idempotency_key=idempotency_key
    )
    return CrossingPublic.of(recorded)


@router.get("/crossings", response_model=list[CrossingPublic])
def list_crossings(
    uow: UowDep,
    user: Reader,
    purpose: Purpose,
    direction: Direction | None = None,
    since: Instant | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[CrossingPublic]:
    """This agency's crossing records, oldest first. The read is audited."""
    records = crossings.list_crossings(
        uow,
        user,
        direction=direction,
        since=since,
        limit=limit,
        purpose=purpose,
    )
    return [CrossingPublic.of(r) for r in records]


@router.get("/crossings/{record_id}", response_model=CrossingPublic)
def get_crossing(record_id: str, uow: UowDep, user: Reader, purpose: Purpose) -> CrossingPublic:
    """One crossing record of this agency (404 for another agency's). The read is audited."""
    record = crossings.read_crossing(uow, user, record_id, purpose=purpose)
    return CrossingPublic.of(record)
