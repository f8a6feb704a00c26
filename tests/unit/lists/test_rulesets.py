"""Rule sets: saved once per content, one live per agency, backtested on stored traffic."""

from datetime import UTC, date, datetime

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance import hits as hit_service
from smartborder.domain import Agency, Role, User
from smartborder.domain.hits import HitKind, HitStatus, SecondaryOutcome
from smartborder.errors import ValidationFailed
from smartborder.lists.performance import performance
from smartborder.lists.rulesets import LiveRules, backtest, save_rule_set
from smartborder.targeting.rules.codec import encode_facts
from smartborder.targeting.rules.operators import TRAVEL_DATE
from tests.factories import hit_on, traveller_decision

DRAFT = """
name: draft
rules:
  - id: late-booking
    title: Late booking
    description: Booked within two days of travel.
    weight: 0.3
    when: {field: pnr.booking_date, op: days_before_travel, value: [0, 2]}
  - id: many-bags
    title: Many bags
    description: Four or more checked bags.
    weight: 0.2
    when: {field: pnr.bags, op: gte, value: 4}
"""


def _analyst(container: Container, agency: Agency = Agency.CBSA) -> User:
    return ensure_user(
        container.units(), name="analyst", role=Role.ANALYST, agency=agency, secret=container.secret
    )


def test_the_same_content_is_one_version_and_the_last_saved_is_live(
    memory_container: Container,
) -> None:
    analyst = _analyst(memory_container)
    first = save_rule_set(memory_container.units(), analyst, DRAFT)
    again = save_rule_set(memory_container.units(), analyst, DRAFT)
    other = save_rule_set(memory_container.units(), analyst, DRAFT.replace("[0, 2]", "[0, 3]"))
    assert first.version == again.version != other.version
    live = LiveRules().for_agency(memory_container.units(), Agency.CBSA)
    assert live is not None and live.version == other.version
    assert LiveRules().for_agency(memory_container.units(), Agency.CBP) is None


def test_an_invalid_rule_set_is_refused_and_nothing_is_saved(memory_container: Container) -> None:
    analyst = _analyst(memory_container)
    with pytest.raises(ValidationFailed, match="unknown field"):
        save_rule_set(memory_container.units(), analyst, DRAFT.replace("pnr.bags", "pnr.bagz"))
    with memory_container.units() as uow:
        assert uow.rule_sets.list(Agency.CBSA) == []


def test_a_backtest_counts_what_the_draft_would_have_hit(memory_container: Container) -> None:
    travel = date(2026, 7, 3)
    late = traveller_decision(
        surname="ONE",
        facts=encode_facts(
            {TRAVEL_DATE: travel, "pnr.booking_date": date(2026, 7, 2), "pnr.bags": 1}
        ),
    )
    bags = traveller_decision(
        surname="TWO",
        facts=encode_facts(
            {TRAVEL_DATE: travel, "pnr.booking_date": date(2026, 5, 1), "pnr.bags": 5}
        ),
    )
    quiet = traveller_decision(
        surname="THREE",
        facts=encode_facts(
            {TRAVEL_DATE: travel, "pnr.booking_date": date(2026, 5, 1), "pnr.bags": 1}
        ),
    )
    old = traveller_decision(
        surname="FOUR",
        travel_date=date(2026, 1, 1),
        facts=encode_facts({TRAVEL_DATE: date(2026, 1, 1), "pnr.booking_date": date(2026, 1, 1)}),
    )
    with memory_container.units() as uow:
        uow.decisions.add_many([late, bags, quiet, old])
        uow.commit()
    officer = ensure_user(
        memory_container.units(),
        name="o",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    hit_service.record_outcome(
        memory_container.units(), officer, bags.id, SecondaryOutcome.SEIZURE, "undeclared goods"
    )

    result = backtest(
        memory_container.units, _analyst(memory_container), DRAFT, since=date(2026, 7, 1)
    )
    rows = {r["rule_id"]: r for r in result.rows()}
    assert result.scanned == 3
    assert (rows["late-booking"]["hits"], rows["many-bags"]["hits"]) == (1, 1)
    assert rows["many-bags"]["productive_outcomes"] == 1


def test_performance_per_rule_and_per_list(memory_container: Container) -> None:
    analyst = _analyst(memory_container)
    decisions = [traveller_decision(surname=f"P{i}") for i in range(3)]
    with memory_container.units() as uow:
        uow.decisions.add_many(decisions)
        uow.hits.add_many(
            [
                hit_on(decisions[0], ref="un-sc:QDi.1"),
                hit_on(decisions[1], ref="un-sc:QDi.2"),
                hit_on(decisions[2], ref="late-booking", kind=HitKind.RULE),
            ]
        )
        uow.commit()
    queue = hit_service.hit_queue(memory_container.units(), analyst, purpose="hit review")
    by_ref = {h.ref: h for h in queue}
    hit_service.dispose(
        memory_container.units(),
        analyst,
        by_ref["un-sc:QDi.1"].id,
        HitStatus.CONFIRMED,
        "same person",
    )
    hit_service.dispose(
        memory_container.units(),
        analyst,
        by_ref["un-sc:QDi.2"].id,
        HitStatus.DISMISSED,
        "different person",
    )
    table = {
        (p.kind, p.ref): p
        for p in performance(
            memory_container.units(),
            analyst,
            datetime(2026, 1, 1, tzinfo=UTC),
            datetime(2100, 1, 1, tzinfo=UTC),
        )
    }
    un = table["watchlist", "un-sc"]
    assert (un.hits, un.confirmed_rate) == (2, 0.5)
    assert table["rule", "late-booking"].as_dict()["open"] == 1
