"""Decisions and secondary outcomes: what the fake and both databases promise alike."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Decision, DecisionKind, Reason, ReasonKind
from smartborder.domain.decisions import ClearanceMode, History, TravellerDecision
from smartborder.domain.hits import OutcomeRecord, SecondaryOutcome
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC
from tests.factories import hit_on, traveller_decision


def _decision(
    decision_id: str,
    *,
    agency: Agency = Agency.CBSA,
    risk: float = 0.9,
    kind: DecisionKind = DecisionKind.REFER,
    travel_date: date = date(2026, 7, 3),
    message_id: str | None = "m-1",
    flight: str | None = "AC855",
    identity_key: str | None = None,
) -> TravellerDecision:
    made = traveller_decision(agency=agency, kind=kind, travel_date=travel_date)
    return replace(
        made,
        decision=replace(made.decision, id=decision_id, risk_score=risk),
        message_id=message_id,
        flight=flight,
        identity_key=identity_key or made.identity_key,
    )


def _full() -> TravellerDecision:
    return TravellerDecision(
        decision=Decision(
            subject_id="arrival-1",
            kind=DecisionKind.REFER,
            reasons=(
                Reason(ReasonKind.WATCHLIST, "un:QDi.1", "name and birth date match", 0.93),
                Reason(ReasonKind.RULE, "route-7", "routing via a watched hub"),
            ),
            versions={"rules": "v3", "lists": "un@2026-07-01"},
            inputs_hash="a" * 64,
            risk_score=0.8125,
            decided_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC),
            id="d-full",
        ),
        agency=Agency.CBSA,
        mode=ClearanceMode.LAND,
        role="driver",
        traveller_name="SAMIR HADDAD",
        identity_key="k" * 64,
        travel_date=date(2026, 7, 3),
        facts={"age": 47, "route": ["LHR", "YVR"], "nexus": False, "p": 0.5, "x": None},
        message_id="m-1",
        flight="AC855",
        port_code="813",
        lane="general",
        document_number="AB123456",
        nationality="LBN",
        birth_date=date(1979, 3, 14),
    )


def test_a_decision_round_trips_exactly_and_only_for_its_agency(store: Container) -> None:
    full = _full()
    with store.units() as uow:
        uow.decisions.add_many([full])
        uow.commit()
    with store.units() as uow:
        read = uow.decisions.get(Agency.CBSA, "d-full")
        assert read == full
        assert read is not None
        assert read.decision.decided_at == datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)
        assert read.decision.decided_at.utcoffset() == timedelta(0)
        assert uow.decisions.get(Agency.CBP, "d-full") is None
        assert uow.decisions.get(Agency.CBSA, "no-such-decision") is None


def test_a_decision_id_is_stored_once(store: Container) -> None:
    first = _decision("d1", kind=DecisionKind.REFER)
    with store.units() as uow:
        uow.decisions.add_many([first])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.decisions.add_many([_decision("d1", kind=DecisionKind.RELEASE)])
    with store.units() as uow:
        kept = uow.decisions.get(Agency.CBSA, "d1")
    assert kept is not None and kept.decision.kind is DecisionKind.REFER


def test_for_message_lists_the_messages_decisions_by_id(store: Container) -> None:
    with store.units() as uow:
        uow.decisions.add_many(
            [
                _decision("d3"),
                _decision("d1"),
                _decision("d2"),
                _decision("d0", message_id="m-2"),
                _decision("d4", agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        assert [d.id for d in uow.decisions.for_message(Agency.CBSA, "m-1")] == ["d1", "d2", "d3"]
        assert [d.id for d in uow.decisions.for_message(Agency.CBP, "m-1")] == ["d4"]
        assert uow.decisions.for_message(Agency.CBSA, "m-9") == []


def test_for_flight_lists_the_riskiest_first_then_by_id(store: Container) -> None:
    with store.units() as uow:
        uow.decisions.add_many(
            [
                _decision("d3", risk=0.5),
                _decision("d1", risk=0.5),
                _decision("d2", risk=0.95),
                _decision("d4", risk=0.99, travel_date=date(2026, 7, 4)),
                _decision("d5", risk=0.99, flight="AC856"),
                _decision("d6", risk=0.99, agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        found = uow.decisions.for_flight(Agency.CBSA, "AC855", date(2026, 7, 3))
        assert [d.id for d in found] == ["d2", "d1", "d3"]
        assert uow.decisions.for_flight(Agency.CBSA, "AC855", date(2026, 7, 5)) == []


def test_between_takes_travel_dates_inclusive_of_both_ends_in_id_order(store: Container) -> None:
    with store.units() as uow:
        uow.decisions.add_many(
            [
                _decision("d4", travel_date=date(2026, 7, 4)),
                _decision("d2", travel_date=date(2026, 7, 2)),
                _decision("d3", travel_date=date(2026, 7, 3)),
                _decision("d1", travel_date=date(2026, 7, 1)),
                _decision("d9", travel_date=date(2026, 7, 3), agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        bounded = uow.decisions.facts_between(Agency.CBSA, date(2026, 7, 2), date(2026, 7, 3))
        assert [d.id for d in bounded] == ["d2", "d3"]
        open_ended = uow.decisions.facts_between(Agency.CBSA, date(2026, 7, 2))
        assert [d.id for d in open_ended] == ["d2", "d3", "d4"]
        assert list(uow.decisions.facts_between(Agency.CBSA, date(2026, 8, 1))) == []


def test_history_counts_decisions_and_referrals_per_identity_since_a_date(
    store: Container,
) -> None:
    a, b = "a" * 64, "b" * 64
    with store.units() as uow:
        uow.decisions.add_many(
            [
                _decision("d1", identity_key=a, travel_date=date(2026, 6, 1)),  # too early
                _decision("d2", identity_key=a, travel_date=date(2026, 7, 1)),
                _decision("d3", identity_key=a, travel_date=date(2026, 7, 9)),
                _decision(
                    "d4", identity_key=a, travel_date=date(2026, 7, 5), kind=DecisionKind.RELEASE
                ),
                _decision(
                    "d5", identity_key=b, travel_date=date(2026, 7, 2), kind=DecisionKind.RELEASE
                ),
                _decision("d6", identity_key=a, travel_date=date(2026, 7, 2), agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        found = uow.decisions.history(Agency.CBSA, [a, b, "c" * 64], date(2026, 7, 1))
    assert found == {
        a: History(decisions=3, referrals=2, last_travel=date(2026, 7, 9)),
        b: History(decisions=1, referrals=0, last_travel=date(2026, 7, 2)),
    }


def test_an_outcome_is_read_back_by_its_agency_only(store: Container) -> None:
    with store.units() as uow:
        uow.decisions.add_many([_decision("d1"), _decision("d2")])
        uow.decisions.record_outcome(
            OutcomeRecord(
                agency=Agency.CBSA,
                decision_id="d1",
                outcome=SecondaryOutcome.SEIZURE,
                note="undeclared currency",
                by="CBSA/officer-7",
                at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC),
            )
        )
        uow.commit()
    with store.units() as uow:
        assert uow.decisions.outcome(Agency.CBSA, "d1") is SecondaryOutcome.SEIZURE
        assert uow.decisions.outcome(Agency.CBP, "d1") is None
        assert uow.decisions.outcome(Agency.CBSA, "d2") is None
        assert uow.decisions.outcomes(Agency.CBSA, ["d1", "d2", "missing"]) == {
            "d1": SecondaryOutcome.SEIZURE
        }
        assert uow.decisions.outcomes(Agency.CBP, ["d1"]) == {}
        assert uow.decisions.outcomes(Agency.CBSA, []) == {}


def test_a_travellers_adverse_outcomes_are_read_by_identity_oldest_first(
    store: Container,
) -> None:
    person, other = "p" * 64, "o" * 64
    with store.units() as uow:
        uow.decisions.add_many(
            [
                _decision("d1", identity_key=person, travel_date=date(2026, 7, 9)),
                _decision("d2", identity_key=person, travel_date=date(2025, 1, 2)),
                _decision("d3", identity_key=person),
                _decision("d4", identity_key=other),
                _decision("d5", identity_key=person, agency=Agency.CBP),
            ]
        )
        for decision_id, result, agency in [
            ("d1", SecondaryOutcome.SEIZURE, Agency.CBSA),
            ("d2", SecondaryOutcome.REFUSED_ENTRY, Agency.CBSA),
            ("d3", SecondaryOutcome.NO_ACTION, Agency.CBSA),
            ("d4", SecondaryOutcome.PENALTY, Agency.CBSA),
            ("d5", SecondaryOutcome.ARREST, Agency.CBP),
        ]:
            uow.decisions.record_outcome(
                OutcomeRecord(agency, decision_id, result, f"note {decision_id}", "x/officer")
            )
        uow.commit()
    with store.units() as uow:
        found = uow.decisions.adverse_outcomes(Agency.CBSA, person)
        assert [(o.decision_id, o.outcome, o.travel_date, o.note) for o in found] == [
            ("d2", "refused_entry", date(2025, 1, 2), "note d2"),
            ("d1", "seizure", date(2026, 7, 9), "note d1"),
        ]
        assert [o.decision_id for o in uow.decisions.adverse_outcomes(Agency.CBP, person)] == ["d5"]
        assert uow.decisions.adverse_outcomes(Agency.CBSA, "n" * 64) == []


def test_a_decision_gets_one_outcome_only(store: Container) -> None:
    def outcome(result: SecondaryOutcome) -> OutcomeRecord:
        return OutcomeRecord(Agency.CBSA, "d1", result, "", "CBSA/officer-7")

    with store.units() as uow:
        uow.decisions.add_many([_decision("d1")])
        uow.decisions.record_outcome(outcome(SecondaryOutcome.WARNING))
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.decisions.record_outcome(outcome(SecondaryOutcome.ARREST))
    with store.units() as uow:
        assert uow.decisions.outcome(Agency.CBSA, "d1") is SecondaryOutcome.WARNING


def test_flights_on_a_day_in_figures_soonest_first(store: Container) -> None:
    def on(
        decision_id: str, flight: str | None, kind: DecisionKind, at: str | None
    ) -> TravellerDecision:
        made = _decision(decision_id, flight=flight, kind=kind)
        return replace(made, facts={"flight.arrival_time": at} if at else {})

    decisions = [
        on("a1", "AC855", DecisionKind.BOARD, "2026-07-03T19:00:00+00:00"),
        on("a2", "AC855", DecisionKind.NO_BOARD, "2026-07-03T19:00:00+00:00"),
        on("b1", "BA81", DecisionKind.REFER, "2026-07-03T17:30:00+00:00"),
        on("c1", "UA8", DecisionKind.RELEASE, None),
        on("land", None, DecisionKind.REFER, None),  # a booth's decision: no flight
        replace(on("other-day", "AC855", DecisionKind.REFER, None), travel_date=date(2026, 7, 4)),
        _decision("theirs", agency=Agency.CBP),
    ]
    with store.units() as uow:
        uow.decisions.add_many(decisions)
        uow.hits.add_many([hit_on(decisions[1]), hit_on(decisions[1], ref="rule-1")])
        uow.commit()
    with store.units() as uow:
        days = uow.decisions.flights_on(Agency.CBSA, date(2026, 7, 3))
    assert [(d.flight, d.travellers, d.referrals, d.hits) for d in days] == [
        ("BA81", 1, 1, 0),
        ("AC855", 2, 1, 2),
        ("UA8", 1, 0, 0),
    ]
    assert days[0].arrives_at == datetime(2026, 7, 3, 17, 30, tzinfo=UTC)
    assert days[-1].arrives_at is None
