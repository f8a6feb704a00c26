"""The booths' queue: reads that arrive while a group is decided are decided together."""

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.api.booth_queue import BoothQueue
from smartborder.bootstrap import Container
from smartborder.clearance import land
from smartborder.clearance.assess import Assessor
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, LaneType, Role, User
from smartborder.errors import FormatError
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from tests.factories import DOUGLAS, FakeScreener, passenger

AT = datetime(2026, 7, 3, 18, 30, tzinfo=UTC)


@pytest.fixture
def officer(memory_container: Container) -> User:
    register_ports(memory_container.units(), [DOUGLAS])
    return ensure_user(
        memory_container.units(),
        name="officer",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )


def _read(n: int) -> land.BoothRead:
    holder = passenger(
        f"TRAVELLER{'ABCDEFGHIJ'[n % 10]}", "ANA", date(1980, 1, 1), number=f"AB{n:06d}"
    )
    return land.BoothRead(
        mrz=generate_mrz(mrz_data_of(holder)), port_code="813", lane=LaneType.GENERAL, at=AT
    )


def _queue(container: Container, max_group: int = 64) -> BoothQueue:
    return BoothQueue(
        container.units,
        lambda agency: Assessor(agency, screener=FakeScreener(), rules=None),
        max_group=max_group,
    )


def test_reads_that_arrive_together_are_decided_in_fewer_groups_each_answered_its_own(
    memory_container: Container, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []
    decide_group = land.primary_group

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        sizes.append(len(args[2]))
        return decide_group(*args, **kwargs)

    monkeypatch.setattr(land, "primary_group", counted)
    queue = _queue(memory_container, max_group=8)

    async def booths() -> list[land.PrimaryResult]:
        return await asyncio.gather(*(queue.decide(officer, _read(n)) for n in range(20)))

    answers = asyncio.run(booths())
    assert [a.document.document_number for a in answers] == [f"AB{n:06d}" for n in range(20)]
    assert sizes == [8, 8, 4]  # at most max_group at a time, in arrival order


def test_a_bad_read_raises_for_its_own_request_only(
    memory_container: Container, officer: User
) -> None:
    queue = _queue(memory_container)
    bad = replace(_read(0), mrz=("P<CANTORN", "NOT A ZONE"))

    async def booths() -> list[object]:
        return await asyncio.gather(
            queue.decide(officer, bad), queue.decide(officer, _read(1)), return_exceptions=True
        )

    refused, decided = asyncio.run(booths())
    assert isinstance(refused, FormatError)
    assert isinstance(decided, land.PrimaryResult)
