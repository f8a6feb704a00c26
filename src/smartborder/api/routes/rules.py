"""Targeting rules through the API: save (validated), list, read, backtest, performance."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from smartborder import backtesting
from smartborder.api.deps import ContainerDep, UowDep, allow
from smartborder.api.fields import Day
from smartborder.domain import Role, User
from smartborder.domain.intake import RuleSetRecord
from smartborder.lists.performance import performance
from smartborder.lists.rulesets import activate_rule_set, rule_set_source, save_rule_set

router = APIRouter(tags=["rules"])

Author = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR))]
Activator = Annotated[User, Depends(allow(Role.SUPERVISOR))]
MAX_SOURCE = 2_000_000


class RuleSetOut(BaseModel):
    name: str
    version: str
    rule_count: int
    active: bool
    created_by: str
    created_at: datetime

    @classmethod
    def of(cls, r: RuleSetRecord) -> RuleSetOut:
        return cls(
            name=r.name,
            version=r.version,
            rule_count=r.rule_count,
            active=r.active,
            created_by=r.created_by,
            created_at=r.created_at,
        )


class RuleSetIn(BaseModel):
    source: Annotated[
        str, Field(min_length=1, max_length=MAX_SOURCE, description="The rule set in YAML.")
    ]
    name: str | None = None


@router.get("/rules", response_model=list[RuleSetOut])
def list_rule_sets(uow: UowDep, user: Author) -> list[RuleSetOut]:
    with uow:
        return [RuleSetOut.of(r) for r in uow.rule_sets.list(user.agency)]


@router.post("/rules", response_model=RuleSetOut, status_code=201)
def save_draft(body: RuleSetIn, uow: UowDep, user: Author) -> RuleSetOut:
    """Save a draft rule set: every rule is validated now (422 says where and why)."""
    return RuleSetOut.of(save_rule_set(uow, user, body.source, name=body.name, activate=False))


@router.post("/rules/{version}/activate", response_model=RuleSetOut)
def activate(version: str, uow: UowDep, user: Activator) -> RuleSetOut:
    """Make a saved version the live rule set (supervisors only)."""
    return RuleSetOut.of(activate_rule_set(uow, user, version))


class RuleSetSourceOut(RuleSetOut):
    source: str


@router.get("/rules/{version}", response_model=RuleSetSourceOut)
def read_rule_set(version: str, uow: UowDep, user: Author) -> RuleSetSourceOut:
    """A saved version with its YAML ('live' for the active one)."""
    record = rule_set_source(uow, user.agency, None if version == "live" else version)
    return RuleSetSourceOut(**RuleSetOut.of(record).model_dump(), source=record.source)


class BacktestIn(BaseModel):
    source: Annotated[str, Field(min_length=1, max_length=MAX_SOURCE)]
    since: Day
    until: Day | None = None


@router.post("/rules/backtest")
async def run_backtest(
    body: BacktestIn, request: Request, container: ContainerDep, user: Author
) -> dict[str, object]:
    """What a draft would have hit on stored traffic between two travel dates.

    Runs in a worker process of its own (``smartborder.backtesting``), never on the event
    loop nor under the booths' interpreter lock, for at most SMARTBORDER_BACKTEST_SECONDS
    (then 422: narrow the dates); with every backtest slot taken, 503 with Retry-After."""
    limiter = backtesting.slots(request.app.state, container.settings.backtests_at_once)
    result = await backtesting.run_backtest(
        container, limiter, user, body.source, body.since, body.until
    )
    return {"version": result.version, "scanned": result.scanned, "rules": result.rows()}


@router.get("/rules-performance")
def rule_performance(
    uow: UowDep, user: Author, since: Day, until: Day | None = None
) -> list[dict[str, object]]:
    """Per rule and per list: hits, confirmed rate and outcomes over a period."""
    start = datetime.combine(since, time(), tzinfo=UTC)
    end_day = until or datetime.now(UTC).date()
    end = datetime.combine(end_day + timedelta(days=1), time(), tzinfo=UTC)
    return [p.as_dict() for p in performance(uow, user, start, end)]
