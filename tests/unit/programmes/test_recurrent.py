"""A serving node re-vets its members by itself when a list changes."""

from __future__ import annotations

import time
from datetime import date

from smartborder.bootstrap import Container
from smartborder.domain import Agency, PersonName
from smartborder.domain.nexus import MembershipStatus, NexusMember
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from smartborder.programmes.recurrent import RecurrentVetting
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
    vetting = RecurrentVetting(units, Agency.CBSA, lambda: None)
    vetting.run_once()  # no members: nothing to do, nothing audited
    with units() as uow:
        assert uow.audit.head()[0] == 0
        uow.nexus.put_many([LISTED])
        uow.commit()
    load_list(units, read_list(FIXTURES / "un.xml", "un-xml", "un"), agency=Agency.CBSA)
    vetting.run_once()
    with units() as uow:
        member = uow.nexus.get(LISTED.card_number)
    assert member is not None and member.status is MembershipStatus.SUSPENDED


def test_the_thread_re_vets_when_told_and_stops(memory_container: Container) -> None:
    vetting = RecurrentVetting(memory_container.units, Agency.CBSA, lambda: None)
    vetting.start()
    vetting.notify()
    deadline = time.monotonic() + 10
    while vetting.runs == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    vetting.stop()
    assert vetting.runs == 1 and vetting.last_error is None
