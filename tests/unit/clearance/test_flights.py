"""A flight read by an analyst: its travellers, one audit entry, nothing of another agency."""

from datetime import date

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance.flights import flight_decisions
from smartborder.domain import Agency, AuditAction, Role, User
from smartborder.errors import NotFound
from tests.factories import traveller_decision

ANALYST = User(name="analyst", role=Role.ANALYST, agency=Agency.CBSA)
DAY = date(2026, 7, 3)


def test_a_flight_read_returns_its_travellers_and_is_audited(memory_container: Container) -> None:
    ours, theirs = traveller_decision(), traveller_decision(agency=Agency.CBP)
    with memory_container.units() as uow:
        uow.decisions.add_many([ours, theirs])
        uow.commit()
    found = flight_decisions(memory_container.units(), ANALYST, "ac855", DAY, purpose="review")
    assert found == [ours]
    with memory_container.units() as uow:
        [entry] = [e.event for e in uow.audit.entries()]
    assert entry.action is AuditAction.READ and entry.record_id == "AC855/2026-07-03"
    assert entry.purpose == "review" and entry.detail == {"travellers": "1", "ids": [ours.id]}


def test_a_flight_nobody_was_assessed_on_is_not_found_and_not_audited(
    memory_container: Container,
) -> None:
    with pytest.raises(NotFound, match="no travellers assessed on AC855"):
        flight_decisions(memory_container.units(), ANALYST, "AC855", DAY, purpose="review")
    with memory_container.units() as uow:
        assert uow.audit.count() == 0
