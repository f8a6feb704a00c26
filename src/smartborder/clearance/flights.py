"""Read a flight as a targeting analyst does: every traveller assessed on it, riskiest
first. The read names travellers, so it is audited like any read of personal data."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from smartborder.domain import AuditAction, AuditEvent, User
from smartborder.domain.audit import stated_purpose
from smartborder.domain.decisions import FlightDay, TravellerDecision
from smartborder.errors import NotFound
from smartborder.repositories.unit import AuditLog, DecisionRepository, Unit


class FlightsUnit(Unit, Protocol):
    """What a flight read touches: the decisions, and the audit log that records the read."""

    decisions: DecisionRepository
    audit: AuditLog


def flight_decisions(
    uow: FlightsUnit, user: User, flight: str, travel_date: date, *, purpose: str
) -> list[TravellerDecision]:
    """The decisions of the user's agency on ``flight`` (any letter case) on
    ``travel_date``; NotFound when there is none. One audit entry for the read."""
    purpose = stated_purpose(purpose)
    flight = flight.upper()
    with uow:
        decisions = uow.decisions.for_flight(user.agency, flight, travel_date)
        if not decisions:
            raise NotFound(f"no travellers assessed on {flight} on {travel_date}")
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="flight",
                record_id=f"{flight}/{travel_date}",
                detail={
                    "travellers": str(len(decisions)),
                    "ids": [d.id for d in decisions],
                },
            )
        )
        uow.commit()
    return decisions


def flights_of_day(uow: FlightsUnit, user: User, travel_date: date) -> list[FlightDay]:
    """The day's arriving flights of the user's agency, in figures (no traveller named:
    not a read of personal data), soonest arrival first."""
    with uow.for_reading():
        return uow.decisions.flights_on(user.agency, travel_date)
