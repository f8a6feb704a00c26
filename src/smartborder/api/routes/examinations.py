"""Goods: the day's examination queue at a port, outcomes, and retraining the risk model."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from smartborder.api.deps import Purpose, UowDep, allow
from smartborder.api.fields import Day
from smartborder.domain import ExamOutcome, Role, User
from smartborder.domain.manifests import Examination
from smartborder.goods import examinations as exams
from smartborder.goods import risk_models

router = APIRouter(tags=["examinations"])

Planner = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR))]
Reader = Annotated[User, Depends(allow(Role.OFFICER, Role.ANALYST, Role.SUPERVISOR))]
Examiner = Annotated[User, Depends(allow(Role.OFFICER, Role.SUPERVISOR))]
Supervisor = Annotated[User, Depends(allow(Role.SUPERVISOR))]


class QueueCreate(BaseModel):
    port_code: Annotated[str, Field(min_length=1, max_length=8)]
    day: Day
    capacity: Annotated[int, Field(ge=0, le=exams.MAX_CAPACITY)]
    random_share: Annotated[float, Field(ge=0.0, le=1.0)] = 0.1


class ExaminationPublic(BaseModel):
    id: str
    shipment_id: str
    selected_by: str
    score: float
    outcome: ExamOutcome | None
    revenue: float | None
    findings: str | None
    recorded_at: datetime | None

    @classmethod
    def of(cls, exam: Examination) -> ExaminationPublic:
        return cls(
            id=exam.id,
            shipment_id=exam.shipment_id,
            selected_by=exam.selected_by,
            score=exam.score,
            outcome=exam.outcome,
            revenue=exam.revenue,
            findings=exam.findings,
            recorded_at=exam.recorded_at,
        )


class QueuePublic(BaseModel):
    port_code: str
    day: date
    shipments: int
    capacity: int | None
    over_capacity: int
    examinations: list[ExaminationPublic]

    @classmethod
    def of(cls, queue: exams.ExamQueue) -> QueuePublic:
        return cls(
            port_code=queue.port_code,
            day=queue.day,
            shipments=queue.shipments,
            capacity=queue.capacity,
            over_capacity=queue.over_capacity,
            examinations=[ExaminationPublic.of(e) for e in queue.exams],
        )


class OutcomeCreate(BaseModel):
    outcome: ExamOutcome
    revenue: Annotated[float, Field(ge=0.0)] = 0.0
    findings: Annotated[str | None, Field(max_length=2000)] = None


class ModelPublic(BaseModel):
    version: str
    created_at: datetime
    trained_on: dict[str, object]


@router.post("/exam-queues", status_code=201, response_model=QueuePublic)
def build_queue(body: QueueCreate, uow: UowDep, user: Planner) -> QueuePublic:
    """Select a port's examinations for a day under its capacity (built once per day)."""
    queue = exams.build_queue(
        uow,
        user,
        port_code=body.port_code,
        day=body.day,
        capacity=body.capacity,
        random_share=body.random_share,
    )
    return QueuePublic.of(queue)


@router.get("/exam-queues/{port_code}/{day}", response_model=QueuePublic)
def read_queue(
    port_code: str, day: Day, uow: UowDep, user: Reader, purpose: Purpose
) -> QueuePublic:
    """The examinations selected at a port for a day, with outcomes recorded so far (audited)."""
    queue = exams.read_queue(uow, user, port_code=port_code, day=day, purpose=purpose)
    return QueuePublic.of(queue)


@router.post("/shipments/{shipment_id}/outcome", response_model=ExaminationPublic)
def record_outcome(
    shipment_id: str, body: OutcomeCreate, uow: UowDep, user: Examiner
) -> ExaminationPublic:
    """Record what the examination of a selected shipment found."""
    exam = exams.record_outcome(
        uow, user, shipment_id, outcome=body.outcome, revenue=body.revenue, findings=body.findings
    )
    return ExaminationPublic.of(exam)


@router.post("/cargo-models", status_code=201, response_model=ModelPublic)
def retrain(uow: UowDep, user: Supervisor) -> ModelPublic:
    """Retrain the cargo risk model on every recorded outcome and put it in force."""
    record = risk_models.retrain(uow, user)
    return ModelPublic(
        version=record.version, created_at=record.created_at, trained_on=record.trained_on
    )
