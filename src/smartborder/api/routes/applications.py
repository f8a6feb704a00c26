"""Trusted travellers: NEXUS and FAST applications, for the programme officers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from smartborder.api.deps import ContainerDep, Purpose, UowDep, allow
from smartborder.api.problems import validation_failed
from smartborder.domain import Role, User, utc_now
from smartborder.domain.applications import InterviewOutcome, Programme
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.formats.application import ApplicationIn, check
from smartborder.programmes import applications, interviews, recourse

router = APIRouter(tags=["trusted travellers"])

Officer = Annotated[User, Depends(allow(Role.PROGRAMME, Role.SUPERVISOR))]
Supervisor = Annotated[User, Depends(allow(Role.SUPERVISOR))]


class RecourseDecision(AnyCaseStrEnum):
    UPHELD = "upheld"
    REINSTATED = "reinstated"


class ReasonPublic(BaseModel):
    kind: str
    ref: str
    text: str


class VettingPublic(BaseModel):
    decision: Literal["approve", "deny", "pending"]
    reasons: list[ReasonPublic]


class NoticePublic(BaseModel):
    id: str
    kind: str
    agency: str
    language: str
    issued_at: str
    recourse_deadline: str | None
    reasons: list[ReasonPublic]
    text: str


class RecoursePublic(BaseModel):
    notice_id: str
    status: str
    deadline: str
    decided_by: str | None


class InterviewPublic(BaseModel):
    centre: str
    day: str


class ApplicationPublic(BaseModel):
    """As ``smartborder nexus show ID --json`` prints it."""

    id: str
    programme: str
    status: str
    vetting: dict[str, VettingPublic]
    passid: str | None
    expiry_date: str | None
    notices: list[NoticePublic]
    recourses: list[RecoursePublic]
    interview: InterviewPublic | None
    submitted_at: str
    updated_at: str


class InterviewIn(BaseModel):
    outcome: InterviewOutcome


def _public(view: dict[str, Any]) -> ApplicationPublic:
    return ApplicationPublic.model_validate(view)


@router.post(
    "/nexus/applications",
    status_code=201,
    response_model=ApplicationPublic,
    responses={422: {"description": "Every problem of the application, each with its path."}},
)
async def apply(
    body: ApplicationIn,
    request: Request,
    container: ContainerDep,
    user: Officer,
    programme: Programme = Programme.NEXUS,
) -> ApplicationPublic | JSONResponse:
    """Take an application and vet it on this node at once; the partner agency's vetting
    is pending until its decision arrives."""
    now = utc_now()
    applicant, problems = check(body, now.date())
    if applicant is None:
        errors = [{"location": p.where, "problem": p.text} for p in problems]
        return validation_failed(errors, instance=request.url.path)

    def work() -> ApplicationPublic:
        # Vetting screens the applicant (CPU): off the event loop.
        engine = container.live_engine.engine(container.units())
        made = applications.apply(
            container.units(),
            engine,
            user,
            applicant,
            programme=programme,
            now=now,
            share=container.programme_share,
        )
        return _public(applications.as_json(made))

    return await run_in_threadpool(work)


@router.get("/nexus/applications/{application_id}", response_model=ApplicationPublic)
def show(application_id: str, uow: UowDep, user: Officer, purpose: Purpose) -> ApplicationPublic:
    """An application: its status, both agencies' vetting with reasons, PASSID, notices
    (a read of personal data: audited with its purpose)."""
    found = applications.show(uow, user, application_id, purpose=purpose)
    return _public(applications.as_json(found))


@router.post("/nexus/applications/{application_id}/interview", response_model=ApplicationPublic)
def interview(
    application_id: str, body: InterviewIn, container: ContainerDep, user: Officer
) -> ApplicationPublic:
    """Record the joint interview: a pass issues the PASSID, a fail denies with a notice
    (at the node the applicant applied at; the partner's node is told)."""
    done = applications.interview(
        container.units(),
        user,
        application_id,
        passed=body.outcome is InterviewOutcome.PASS,
        now=utc_now(),
        share=container.programme_share,
    )
    return _public(applications.as_json(done))


class BookingIn(BaseModel):
    centre: Annotated[str, Field(min_length=2, max_length=8, pattern=r"^[A-Za-z0-9]+$")]
    day: date | None = None  # the first free day when not given


@router.post("/nexus/applications/{application_id}/booking", response_model=ApplicationPublic)
def book_interview(
    application_id: str, body: BookingIn, container: ContainerDep, user: Officer
) -> ApplicationPublic:
    """Book a conditionally approved applicant's interview at an enrolment centre (on the
    day asked if it is open and has a slot, else the first free day)."""
    done = interviews.book(
        container.units(),
        user,
        application_id,
        body.centre,
        now=utc_now(),
        day=body.day,
        share=container.programme_share,
    )
    return _public(applications.as_json(done))


class CentrePublic(BaseModel):
    code: str
    name: str
    interviews_per_day: int
    waiting: int
    first_free_day: date | None
    expected_wait_days: float
    percentile_wait_days: int
    clears_on: date | None
    growing: bool
    assumptions: list[str]


@router.get("/nexus/centres", response_model=list[CentrePublic])
def centres(uow: UowDep, user: Officer) -> list[CentrePublic]:
    """The enrolment centres and their wait: the first free interview day and the queue
    model's forecast, with its assumptions."""
    return [
        CentrePublic(
            code=v.centre.code,
            name=v.centre.name,
            interviews_per_day=v.centre.interviews_per_day,
            waiting=v.forecast.waiting,
            first_free_day=v.first_free_day,
            expected_wait_days=round(v.forecast.expected_wait_days, 1),
            percentile_wait_days=v.forecast.percentile_wait_days,
            clears_on=v.forecast.clears_on,
            growing=v.forecast.growing,
            assumptions=list(v.forecast.assumptions),
        )
        for v in interviews.outlook(uow, now=utc_now())
    ]


class RecourseIn(BaseModel):
    statement: Annotated[str, Field(min_length=1, max_length=5000)]


class RecourseDecisionIn(BaseModel):
    decision: RecourseDecision


@router.post(
    "/nexus/applications/{application_id}/notices/{notice_id}/recourse",
    response_model=ApplicationPublic,
)
def request_recourse(
    application_id: str, notice_id: str, body: RecourseIn, uow: UowDep, user: Officer
) -> ApplicationPublic:
    """The applicant's request for a review of a notice's decision, before its deadline
    (at the node of the agency that decided it)."""
    done = recourse.request_recourse(
        uow, user, application_id, notice_id, body.statement, now=utc_now()
    )
    return _public(applications.as_json(done))


@router.post(
    "/nexus/applications/{application_id}/notices/{notice_id}/recourse/decision",
    response_model=ApplicationPublic,
)
def decide_recourse(
    application_id: str,
    notice_id: str,
    body: RecourseDecisionIn,
    container: ContainerDep,
    user: Supervisor,
) -> ApplicationPublic:
    """A supervisor of the deciding agency upholds the decision or reinstates; the
    partner's node is told."""
    done = recourse.decide_recourse(
        container.units(),
        user,
        application_id,
        notice_id,
        reinstate=body.decision is RecourseDecision.REINSTATED,
        now=utc_now(),
        share=container.programme_share,
    )
    return _public(applications.as_json(done))
