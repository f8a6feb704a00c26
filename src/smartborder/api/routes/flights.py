"""Flights with their travellers and risk: what a targeting analyst works from."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from smartborder.api.deps import Purpose, UowDep, allow
from smartborder.api.fields import Day
from smartborder.api.routes.clearance import DecisionOut
from smartborder.clearance.flights import flight_decisions
from smartborder.domain import DecisionKind, Role, User

router = APIRouter(tags=["flights"])

Analyst = Annotated[User, Depends(allow(Role.ANALYST, Role.SUPERVISOR, Role.OFFICER))]


class FlightOut(BaseModel):
    flight: str
    travel_date: date
    travellers: int
    no_board: int
    referrals: int
    highest_risk: float
    decisions: list[DecisionOut]


@router.get("/flights/{flight}", response_model=FlightOut)
def flight(
    flight: str, travel_date: Day, uow: UowDep, user: Analyst, purpose: Purpose
) -> FlightOut:
    """Every traveller assessed on a flight (e.g. AC855) on a day, riskiest first (audited)."""
    decisions = flight_decisions(uow, user, flight, travel_date, purpose=purpose)
    kinds = [d.decision.kind for d in decisions]
    return FlightOut(
        flight=flight.upper(),
        travel_date=travel_date,
        travellers=len(decisions),
        no_board=kinds.count(DecisionKind.NO_BOARD),
        referrals=kinds.count(DecisionKind.REFER),
        highest_risk=max(d.decision.risk_score for d in decisions),
        decisions=[DecisionOut.of(d) for d in decisions],
    )
