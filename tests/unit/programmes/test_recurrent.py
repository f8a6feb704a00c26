"""A serving node re-vets its members by itself when a list changes."""

from __future__ import annotations

import time
from datetime import date

from smartborder.bootstrap import Container
from smartborder.domain import Agency, PersonName
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from smartborder.programmes.recurrent import RecurrentVetting, revet_members
from tests.unit.lists.test_refresher import FIXTURES

# KPi.901 on the UN fixture, as a registry member (loaded from a members file).
LISTED = NexusMember(
    card_number="501234567",
    name=PersonName("GRUZDEVSKY", ("ARKADY",)),
    birth_date=None,
    nationality=None,
    status=MembershipStatus.ACTIVE,
    expiry_date=date(2030, 1, 1),
)


def test_a_member_matching_a_new_list_entry_is_suspended(memory_container: Container) -> None:
    units = memory_container.units
    assert revet_members(units, Agency.CBSA, None, workers=1) is None  # no member yet
    with units() as uow:
        assert uow.audit.head()[0] == 0  # nothing was done, nothing audited
        uow.nexus.put_many([LISTED])
        uow.commit()
    load_list(units, read_list(FIXTURES / "un.xml", "un-xml", "un"), agency=Agency.CBSA)
    outcome = revet_members(units, Agency.CBSA, None, workers=1)
    assert outcome is not None and outcome.suspended == (LISTED.card_number,)
    with units() as uow:
        member = uow.nexus.get(LISTED.card_number)
    assert member is not None and member.status is MembershipStatus.SUSPENDED
    # The only member is suspended now: a second run has no one left to re-vet.
    assert revet_members(units, Agency.CBSA, None, workers=1) is None


def test_the_container_re_vets_in_its_own_thread_for_a_small_registry(
    memory_container: Container,
) -> None:
    with memory_container.units() as uow:
        uow.nexus.put_many([LISTED])
        uow.commit()
    load_list(
        memory_container.units,
        read_list(FIXTURES / "un.xml", "un-xml", "un"),
        agency=Agency.CBSA,
    )
    memory_container.recurrent_vetting.run_once()
    with memory_container.units() as uow:
        member = uow.nexus.get(LISTED.card_number)
    assert member is not None and member.status is MembershipStatus.SUSPENDED


def test_the_thread_re_vets_when_told_and_stops() -> None:
    done: list[int] = []
    vetting = RecurrentVetting(lambda: done.append(1))
    vetting.start()
    vetting.notify()
    deadline = time.monotonic() + 10
    while vetting.runs == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    vetting.stop()
    assert vetting.runs == 1 and done == [1] and vetting.last_error is None
