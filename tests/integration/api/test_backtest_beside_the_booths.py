"""Analysts' backtests run beside the booths' routes, never in their way.

Each test starts backtests on a served node and, while they run, asks a cheap route;
the bound on its answer is generous (seconds), far under what the backtests take.
"""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import bootstrap, bootstrap_memory
from smartborder.domain import Agency, Role
from smartborder.domain.decisions import TravellerDecision
from smartborder.store.memory.clearance import MemoryDecisionRepository
from smartborder.targeting.rules.codec import encode_facts
from smartborder.targeting.rules.operators import TRAVEL_DATE
from tests.conftest import make_settings
from tests.factories import traveller_decision
from tests.serving import cli, create_token, served_app, served_node

PROMPTLY = 10.0  # seconds: generous, the backtests below would take far longer
DRAFT = """
rules:
  - id: odd-surname
    title: Odd surname
    description: A surname of a shape seen in past cases.
    when: {field: traveller.surname, op: matches, value: "(.*.*)*!"}
"""


def _decisions(count: int, surname: str = "TREMBLAY") -> list[TravellerDecision]:
    facts = encode_facts({TRAVEL_DATE: date(2026, 7, 3), "traveller.surname": surname})
    return [traveller_decision(surname=f"{surname}{n}", facts=facts) for n in range(count)]


@pytest.fixture
def slow_traffic(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Semaphore]:
    """Stored traffic read at a tenth of a second a record, as months of it would be;
    the semaphore is released each time a backtest starts reading."""
    started = threading.Semaphore(0)
    facts_between = MemoryDecisionRepository.facts_between

    def slowly(self: MemoryDecisionRepository, *args: Any, **kwargs: Any) -> Iterator[Any]:
        started.release()
        for decision in facts_between(self, *args, **kwargs):
            time.sleep(0.1)
            yield decision

    monkeypatch.setattr(MemoryDecisionRepository, "facts_between", slowly)
    yield started


def test_many_slow_backtests_neither_starve_the_booths_nor_run_past_their_limit(
    slow_traffic: threading.Semaphore,
) -> None:
    node = bootstrap_memory(make_settings("sqlite://", backtest_seconds=1, backtests_at_once=2))
    with node.units() as uow:
        uow.decisions.add_many(_decisions(300))  # 30 s of reading each, unbounded
        uow.commit()
    token = create_user(
        node.units(), name="analyst-1", role=Role.ANALYST, agency=Agency.CBSA, secret=node.secret
    ).token
    body = {"source": DRAFT, "since": "2026-07-01"}
    with served_app(create_app(node)) as base, ThreadPoolExecutor(45) as analysts:

        def backtest() -> httpx2.Response:
            return httpx2.post(
                f"{base}/v1/rules/backtest",
                headers={"Authorization": f"Bearer {token}"},
                json=body,
                timeout=120,
            )

        # More at once than the server's shared pool of threads (40).
        answers = [analysts.submit(backtest) for _ in range(45)]
        assert slow_traffic.acquire(timeout=PROMPTLY)
        time.sleep(0.5)  # let the rest arrive
        assert httpx2.get(f"{base}/health", timeout=PROMPTLY).status_code == 200
        rule_sets = httpx2.get(
            f"{base}/v1/rules", headers={"Authorization": f"Bearer {token}"}, timeout=PROMPTLY
        )
        assert rule_sets.status_code == 200
        results = [a.result() for a in answers]

    statuses = sorted(r.status_code for r in results)
    assert set(statuses) == {422, 503}, statuses
    stopped = next(r for r in results if r.status_code == 422).json()
    assert stopped["type"] == "/problems/too-much-work"
    assert stopped["detail"].startswith("the backtest took longer than 1 s and was stopped")
    busy = next(r for r in results if r.status_code == 503)
    assert busy.headers["retry-after"] == "60"
    assert busy.json()["detail"].startswith("2 backtests are already running on this node")


def test_a_pattern_that_backtracks_does_not_freeze_a_real_node(tmp_path: Path) -> None:
    # 30 letters: seconds per record on a backtracking engine, growing 3.5 times a letter.
    url = f"sqlite:///{tmp_path / 'node.db'}"
    env = {"SMARTBORDER_DATABASE_URL": url, "SMARTBORDER_AGENCY": "CBSA"}
    assert cli(env, "db", "upgrade").returncode == 0
    seeding = bootstrap(make_settings(url))
    with seeding.units() as uow:
        uow.decisions.add_many(_decisions(3, surname="X" * 30))
        uow.commit()
    seeding.close()
    analyst = create_token(env, "analyst-1", "analyst", "CBSA")

    with served_node(env, log=tmp_path / "node.log") as base, ThreadPoolExecutor(1) as pool:
        running = pool.submit(
            httpx2.post,
            f"{base}/v1/rules/backtest",
            headers={"Authorization": f"Bearer {analyst}"},
            json={"source": DRAFT, "since": "2026-07-01"},
            timeout=PROMPTLY,
        )
        assert httpx2.get(f"{base}/health", timeout=PROMPTLY).status_code == 200
        tested = running.result()
        assert tested.status_code == 200, tested.text
        assert tested.json()["scanned"] == 3 and tested.json()["rules"][0]["hits"] == 0


def _analyst(container: Any, name: str) -> Any:
    return create_user(
        container.units(), name=name, role=Role.ANALYST, agency=Agency.CBSA, secret=container.secret
    ).user


def test_a_backtest_walking_the_store_holds_no_write_lock(container: Any) -> None:
    """A booth's decision is written while a backtest is half-way through its walk (the
    walk reads a snapshot: before, it held the store's write lock for its whole length,
    and every booth of the node waited seconds behind it)."""
    from smartborder.domain import AuditAction, AuditEvent
    from smartborder.lists.rulesets import backtest

    facts = encode_facts({TRAVEL_DATE: date(2026, 7, 3), "traveller.age": 40})
    with container.units() as uow:
        uow.decisions.add_many([traveller_decision(surname=f"P{n}", facts=facts) for n in range(3)])
        uow.commit()
    analyst = _analyst(container, "analyst-1")
    walking, written = threading.Event(), threading.Event()

    asked = []

    def clock() -> float:  # asked once before the walk, then before each record
        asked.append(1)
        if len(asked) == 2:  # on the first record: the walk waits here for the booth
            walking.set()
            written.wait(timeout=PROMPTLY)
        return 0.0

    draft = (
        "rules:\n  - {id: adult, title: Adult, description: Eighteen or over,\n"
        "     when: {field: traveller.age, op: gte, value: 18}}\n"
    )
    walk = threading.Thread(
        target=backtest,
        args=(container.units, analyst, draft),
        kwargs={"since": date(2026, 7, 1), "within": 1000.0, "clock": clock},
    )
    walk.start()
    assert walking.wait(timeout=PROMPTLY)

    def booth() -> None:
        with container.units() as uow:
            uow.audit.append(
                AuditEvent(
                    actor="officer-1",
                    agency="CBSA",
                    action=AuditAction.READ,
                    purpose="booth",
                    record_type="decision",
                )
            )
            uow.commit()
        written.set()

    writer = threading.Thread(target=booth)
    writer.start()
    writer.join(timeout=PROMPTLY / 2)
    stuck = writer.is_alive()
    written.set()
    walk.join(timeout=PROMPTLY)
    writer.join(timeout=PROMPTLY)
    assert not stuck, "the booth's write waited for the backtest"


def test_a_backtest_apart_reads_the_store_from_a_process_of_its_own(container: Any) -> None:
    """What the API runs for a node on a file or a server: the same answer and audit entry
    as in a thread, and a stopped backtest's 422 comes back across the process."""
    import anyio
    import anyio.to_process

    from smartborder.backtesting import backtest_apart
    from smartborder.bootstrap import readable_elsewhere
    from smartborder.errors import TooMuchWork

    assert readable_elsewhere(container)
    with container.units() as uow:
        uow.decisions.add_many(_decisions(3))
        uow.commit()
    analyst = _analyst(container, "analyst-2")
    since = date(2026, 7, 1)

    async def apart(within: float | None) -> Any:
        return await anyio.to_process.run_sync(
            backtest_apart, container.settings, analyst, DRAFT_SIMPLE, since, None, within
        )

    result = anyio.run(apart, None)
    assert result.scanned == 3 and result.rows()[0]["hits"] == 3
    with container.units() as uow:
        assert list(uow.audit.entries())[-1].event.purpose == "rule backtest"
    with pytest.raises(TooMuchWork):
        anyio.run(apart, 0.0)


DRAFT_SIMPLE = """
rules:
  - id: any-surname
    title: Any surname
    description: Every traveller.
    when: {field: traveller.surname, op: ne, value: ""}
"""
