"""A backtest stops at its time limit between two records, says so, and is still audited."""

from datetime import date

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import User
from smartborder.errors import TooMuchWork
from smartborder.lists.rulesets import backtest
from smartborder.targeting.rules.codec import encode_facts
from smartborder.targeting.rules.operators import TRAVEL_DATE
from tests.factories import traveller_decision

DRAFT = """
rules:
  - id: adult
    title: Adult
    description: Eighteen or over.
    when: {field: traveller.age, op: gte, value: 18}
"""


class TickingClock:
    """One second passes each time the backtest looks at the time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_a_backtest_past_its_limit_stops_and_asks_for_fewer_records(
    memory_container: Container, analyst: User
) -> None:
    facts = encode_facts({TRAVEL_DATE: date(2026, 7, 3), "traveller.age": 40})
    with memory_container.units() as uow:
        uow.decisions.add_many(
            [traveller_decision(surname=f"P{n}", facts=facts) for n in range(10)]
        )
        uow.commit()

    with pytest.raises(TooMuchWork) as stopped:
        backtest(
            memory_container.units,
            analyst,
            DRAFT,
            since=date(2026, 7, 1),
            within=3.5,
            clock=TickingClock(),
        )
    assert str(stopped.value) == (
        "the backtest took longer than 3.5 s and was stopped (3 stored travellers scanned); "
        "narrow the records: a later since or an earlier until"
    )
    with memory_container.units() as uow:
        entry = list(uow.audit.entries())[-1].event
    assert entry.purpose == "rule backtest" and entry.detail["stopped"] == "after 3.5 s"


def test_without_a_limit_a_backtest_walks_every_record(
    memory_container: Container, analyst: User
) -> None:
    facts = encode_facts({TRAVEL_DATE: date(2026, 7, 3), "traveller.age": 40})
    with memory_container.units() as uow:
        uow.decisions.add_many([traveller_decision(surname="P", facts=facts)])
        uow.commit()
    result = backtest(memory_container.units, analyst, DRAFT, since=date(2026, 7, 1))
    assert result.scanned == 1 and result.rows()[0]["hits"] == 1
