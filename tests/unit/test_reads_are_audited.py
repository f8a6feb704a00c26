"""Every read of personal data states its purpose and names every record it returned.

A list read logged as a count (or as its first and last ids) cannot answer "who saw
this traveller's record?"; a purpose filled in by default cannot answer "why?".
"""

from __future__ import annotations

from datetime import date

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance import crossings
from smartborder.clearance import hits as hit_service
from smartborder.clearance.ports import register_ports
from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    Role,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.errors import ValidationFailed
from smartborder.goods import examinations
from smartborder.programmes import traders
from tests.factories import DOUGLAS, entry

ANALYST = User(name="ana", role=Role.ANALYST, agency=Agency.CBSA)
CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)


def reads(container: Container) -> list[AuditEvent]:
    with container.units() as uow:
        return [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]


def test_a_list_of_crossings_names_every_record_it_returned(memory_container: Container) -> None:
    register_ports(memory_container.units(), [DOUGLAS])
    records = [entry(surname=f"TREMBLAY{n}") for n in range(3)]
    crossings.record_entries(memory_container.units(), ANALYST, records)
    listed = crossings.list_crossings(
        memory_container.units(), ANALYST, direction=None, since=None, limit=10, purpose="audit"
    )
    (read,) = reads(memory_container)
    assert read.detail["ids"] == [r.id for r in listed] and len(listed) == 3
    assert read.purpose == "audit"


def test_the_hit_queue_names_every_hit_and_its_stated_purpose(memory_container: Container) -> None:
    hit_service.hit_queue(memory_container.units(), ANALYST, purpose="morning review")
    (read,) = reads(memory_container)
    assert read.purpose == "morning review" and read.detail["ids"] == []


def test_fast_drivers_read_from_the_registry_are_audited(memory_container: Container) -> None:
    driver = TrustedTrader(
        agency=Agency.CBSA,
        programme=TraderProgramme.FAST,
        kind=TraderKind.DRIVER,
        identifier="FAST0001",
        name="Marie Gagnon",
    )
    traders.enrol(memory_container.units(), CLERK, driver)
    found = traders.list_traders(memory_container.units(), CLERK, purpose="lane check")
    (read,) = reads(memory_container)
    assert read.record_type == "trader" and read.detail["ids"] == [t.id for t in found]
    assert read.actor == "CBSA/clerk" and read.purpose == "lane check"


def test_an_examination_queue_read_is_audited(memory_container: Container) -> None:
    examinations.read_queue(
        memory_container.units(), ANALYST, port_code="813", day=date(2026, 7, 3), purpose="plan"
    )
    (read,) = reads(memory_container)
    assert read.record_type == "examination" and read.record_id == "813/2026-07-03"


@pytest.mark.parametrize("purpose", ["", "   "])
def test_a_read_without_a_stated_purpose_is_refused_and_not_logged(
    memory_container: Container, purpose: str
) -> None:
    with pytest.raises(ValidationFailed, match="stated purpose"):
        hit_service.hit_queue(memory_container.units(), ANALYST, purpose=purpose)
    with pytest.raises(ValidationFailed, match="stated purpose"):
        crossings.read_crossing(memory_container.units(), ANALYST, "any", purpose=purpose)
    assert reads(memory_container) == []
