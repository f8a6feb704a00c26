"""Rules combine, scope by role and mode, and explain themselves in plain words."""

from datetime import date

from smartborder.targeting.rules import compile_rule_set, rule_set_from_yaml
from smartborder.targeting.rules.compile import combined_risk
from smartborder.targeting.rules.operators import TRAVEL_DATE

RULES = """
name: cbsa-air-demo
rules:
  - id: late-cash-one-way
    title: Late cash one-way booking
    description: Booked within three days of departure, paid in cash, no return.
    weight: 0.4
    severity: medium
    roles: [passenger]
    modes: [air]
    when:
      all:
        - {field: pnr.booking_date, op: days_before_travel, value: [0, 3]}
        - {field: pnr.payment_forms, op: contains, value: CA}
        - {field: pnr.one_way, op: eq, value: true}
  - id: route-of-concern
    title: Route through a hub of concern
    description: The itinerary passes through one of the listed hubs.
    weight: 0.5
    severity: high
    when:
      any:
        - {field: itinerary.airports, op: in, value: [IST, DXB]}
        - not: {field: traveller.nationality, op: in, value: [CAN, USA]}
"""

FACTS = {
    TRAVEL_DATE: date(2026, 7, 10),
    "pnr.booking_date": date(2026, 7, 9),
    "pnr.payment_forms": ["CA"],
    "pnr.one_way": True,
    "itinerary.airports": ["IST", "FRA", "YVR"],
    "traveller.nationality": "CAN",
}


def test_hits_explain_which_facts_made_them() -> None:
    compiled = compile_rule_set(rule_set_from_yaml(RULES))
    hits = compiled.evaluate(FACTS, role="passenger", mode="air")
    assert [h.rule_id for h in hits] == ["late-cash-one-way", "route-of-concern"]
    assert hits[0].because == (
        "pnr.booking_date is 2026-07-09 (is this many days before travel: [0, 3])",
        "pnr.payment_forms is [CA] (contains CA)",
        "pnr.one_way is True (is True)",
    )
    assert hits[1].because == ("itinerary.airports is [IST, FRA, YVR] (is one of [IST, DXB])",)
    assert abs(combined_risk(hits) - (1 - 0.6 * 0.5)) < 1e-9


def test_a_rule_scoped_to_passengers_by_air_skips_crew_and_land() -> None:
    compiled = compile_rule_set(rule_set_from_yaml(RULES))
    assert [h.rule_id for h in compiled.evaluate(FACTS, role="crew", mode="air")] == [
        "route-of-concern"
    ]
    assert [h.rule_id for h in compiled.evaluate(FACTS, role="passenger", mode="land")] == [
        "route-of-concern"
    ]


def test_a_negated_condition_says_what_was_not_so() -> None:
    compiled = compile_rule_set(rule_set_from_yaml(RULES))
    facts = {**FACTS, "itinerary.airports": ["LHR"], "traveller.nationality": "GBR"}
    (hit,) = [h for h in compiled.evaluate(facts) if h.rule_id == "route-of-concern"]
    assert hit.because == ("not (traveller.nationality is one of [CAN, USA])",)


def test_a_disabled_rule_never_fires() -> None:
    rule_set = rule_set_from_yaml(
        RULES.replace("    severity: high\n", "    severity: high\n    enabled: false\n")
    )
    hits = compile_rule_set(rule_set).evaluate(FACTS, role="passenger", mode="air")
    assert [h.rule_id for h in hits] == ["late-cash-one-way"]
