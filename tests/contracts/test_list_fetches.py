"""List fetches: recorded as they begin, finished in place, read back newest first."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import FetchOutcome, ListFetch
from smartborder.errors import NotFound
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC)


def _begun(store: Container, source: str, at: datetime = T0) -> ListFetch:
    with store.units() as uow:
        fetch = uow.list_fetches.add(
            ListFetch(source=source, list_id=source, actor="CBSA/ada", started_at=at)
        )
        uow.commit()
    return fetch


def test_a_fetch_begins_running_and_is_finished_in_place(store: Container) -> None:
    fetch = _begun(store, "un")
    assert fetch.id > 0 and fetch.outcome is FetchOutcome.RUNNING
    done = replace(
        fetch,
        outcome=FetchOutcome.LOADED,
        finished_at=T0 + timedelta(seconds=3),
        version="2026-03-01+abc",
        entries=1234,
        checksum="c" * 64,
    )
    with store.units() as uow:
        uow.list_fetches.finish(done)
        uow.commit()
    with store.units() as uow:
        [back] = uow.list_fetches.latest()
    assert back == replace(
        done,
        started_at=T0.astimezone(UTC),
        finished_at=(T0 + timedelta(seconds=3)).astimezone(UTC),
    )
    assert back.started_at.tzinfo is not None


def test_fetches_come_newest_first_a_long_problem_is_cut_and_an_unknown_one_is_not_found(
    store: Container,
) -> None:
    first = _begun(store, "un")
    second = _begun(store, "ofac", T0 + timedelta(minutes=1))
    failed = replace(first, outcome=FetchOutcome.FAILED, finished_at=T0, problem="x" * 900)
    with store.units() as uow:
        uow.list_fetches.finish(failed)
        uow.commit()
    with store.units() as uow:
        latest = uow.list_fetches.latest()
        assert [f.id for f in latest] == [second.id, first.id]
        assert latest[1].problem == "x" * 500
        assert [f.id for f in uow.list_fetches.latest(1)] == [second.id]
        with pytest.raises(NotFound):
            uow.list_fetches.finish(replace(first, id=first.id + 100))


def test_a_fetch_not_committed_is_not_kept(store: Container) -> None:
    with store.units() as uow:
        uow.list_fetches.add(ListFetch("un", "un", "CBSA/ada", T0))
    with store.units() as uow:
        assert uow.list_fetches.latest() == []
