"""Two requests sent at once with one Idempotency-Key record one entry, on PostgreSQL.

SQLite takes its write lock at BEGIN, so two units of work never overlap there. On
PostgreSQL they do: both requests can find the key unused before either claims it. The
second claim then waits for the first to commit, is refused by the primary key, and the
second request replays what the first recorded instead of failing with a server error.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container, bootstrap
from smartborder.clearance import crossings
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, CrossingRecord, Role
from smartborder.repositories.unit import UnitOfWork
from tests.conftest import make_settings
from tests.factories import BLAINE, DOUGLAS, entry

pytestmark = pytest.mark.postgres


@pytest.fixture
def node(postgres_url: str) -> Iterator[Container]:
    container = bootstrap(make_settings(postgres_url), upgrade=True)
    register_ports(container.units(), [DOUGLAS, BLAINE])
    yield container
    container.close()


class _Meeting:
    """An idempotency repository whose first lookups wait for each other, so that both
    requests see the key unused: the race, made to happen every time."""

    def __init__(self, inner: Any, barrier: threading.Barrier) -> None:
        self._inner, self._barrier = inner, barrier
        self._met = False

    def get(self, *args: str) -> Any:
        found = self._inner.get(*args)
        if not self._met:
            self._met = True
            self._barrier.wait(timeout=30)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _Racing:
    def __init__(self, unit: UnitOfWork, barrier: threading.Barrier) -> None:
        self._unit, self._barrier = unit, barrier

    def __enter__(self) -> UnitOfWork:
        opened = self._unit.__enter__()
        opened.idempotency = _Meeting(opened.idempotency, self._barrier)  # type: ignore[assignment]
        return opened

    def __exit__(self, *exc: Any) -> None:
        self._unit.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._unit, name)


def test_two_requests_at_once_with_one_key_record_one_entry(node: Container) -> None:
    officer = ensure_user(
        node.units(), name="booth-7", role=Role.OFFICER, agency=Agency.CBSA, secret=node.secret
    )
    barrier = threading.Barrier(2)
    answers: list[CrossingRecord] = []
    failures: list[BaseException] = []

    def send() -> None:
        try:
            unit = _Racing(node.units(), barrier)
            answers.append(
                crossings.record_entry(unit, officer, entry(), idempotency_key="booth-7:0001")  # type: ignore[arg-type]
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert len(answers) == 2 and answers[0].id == answers[1].id
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 1
