"""What every unit of work does, whatever the backend: work is kept only when committed,
and a unit opened for reading cannot write."""

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from tests.factories import DOUGLAS, entry


def test_uncommitted_work_is_rolled_back(store: Container) -> None:
    with store.units() as uow:
        uow.crossings.add(entry())
    with store.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 0


def test_a_rollback_forgets_what_the_unit_wrote(store: Container) -> None:
    with store.units() as uow:
        uow.ports.put(DOUGLAS)
        uow.rollback()
        uow.commit()
    with store.units() as uow:
        assert uow.ports.get(DOUGLAS.code) is None


def test_a_unit_opened_for_reading_cannot_commit(store: Container) -> None:
    with store.units().for_reading() as uow:
        assert uow.ports.get(DOUGLAS.code) is None
        with pytest.raises(RuntimeError, match="for reading cannot commit"):
            uow.commit()


def test_committed_work_is_seen_by_the_next_unit(store: Container) -> None:
    with store.units() as uow:
        uow.ports.put(DOUGLAS)
        uow.commit()
    with store.units().for_reading() as uow:
        assert uow.ports.get(DOUGLAS.code) == DOUGLAS
