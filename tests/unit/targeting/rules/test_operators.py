"""Each operator of the rules language, with an example that holds and one that does not."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from smartborder.targeting.rules import compile_rule_set, parse_rule_set
from smartborder.targeting.rules.operators import OPERATORS, TRAVEL_DATE

VALUE_LISTS = {
    "suspect-phones": {"kind": "phone", "values": ["+1 (604) 555-0199"]},
    "suspect-emails": {"kind": "email", "values": ["Courier@Example.org"]},
    "suspect-cards": {"kind": "card", "values": ["4111 1111 1111 1111 12/27"]},
    "suspect-addresses": {"kind": "address", "values": ["12 Harbour St., Vancouver"]},
}

BASE: dict[str, Any] = {
    TRAVEL_DATE: date(2026, 7, 10),
    "traveller.nationality": "CAN",
    "traveller.age": 34,
    "traveller.sex": "F",
    "document.expiry_date": date(2026, 7, 20),
    "flight.departure_time": datetime(2026, 7, 10, 17, 30, tzinfo=UTC),
    "itinerary.countries": ["CAN", "DEU", "TUR"],
    "itinerary.route": "YVR-FRA-IST",
    "pnr.booking_date": date(2026, 7, 8),
    "pnr.one_way": True,
    "pnr.payment_forms": ["CA"],
    "pnr.phones": ["16045550199"],
    "pnr.emails": ["courier@example.org"],
    "pnr.card_numbers": ["XXXXXXXXXXXX1111 1227"],
    "pnr.addresses": ["12 HARBOUR ST VANCOUVER"],
    "pnr.seat": "32A",
    "pnr.travel_agency": "ACME TRAVEL",
    "pnr.bags": 0,
}

# (field, op, value, a fact that makes the test fail)
CASES = [
    ("traveller.nationality", "eq", "can", {"traveller.nationality": "USA"}),
    ("traveller.nationality", "ne", "USA", {"traveller.nationality": "USA"}),
    ("traveller.age", "gt", 30, {"traveller.age": 30}),
    ("traveller.age", "gte", 34, {"traveller.age": 33}),
    ("traveller.age", "lt", 35, {"traveller.age": 35}),
    ("traveller.age", "lte", 34, {"traveller.age": 35}),
    ("traveller.age", "between", [18, 40], {"traveller.age": 41}),
    (
        "document.expiry_date",
        "between",
        ["2026-07-01", "2026-07-31"],
        {"document.expiry_date": date(2026, 8, 1)},
    ),
    (
        "flight.departure_time",
        "gte",
        "2026-07-10T17:00:00+00:00",
        {"flight.departure_time": datetime(2026, 7, 10, 16, 59, tzinfo=UTC)},
    ),
    ("traveller.nationality", "in", ["CAN", "MEX"], {"traveller.nationality": "USA"}),
    ("itinerary.countries", "in", ["TUR", "SYR"], {"itinerary.countries": ["CAN", "DEU"]}),
    ("traveller.nationality", "not_in", ["USA", "MEX"], {"traveller.nationality": "MEX"}),
    ("pnr.booking_date", "days_before_travel", [0, 3], {"pnr.booking_date": date(2026, 7, 1)}),
    (
        "document.expiry_date",
        "days_after_travel",
        [0, 30],
        {"document.expiry_date": date(2026, 9, 1)},
    ),
    ("itinerary.route", "matches", r"-(IST|DXB)$", {"itinerary.route": "YVR-FRA-MUC"}),
    ("pnr.seat", "matches", r"^3\d[A-F]$", {"pnr.seat": "4C"}),
    ("itinerary.route", "contains", "fra", {"itinerary.route": "YVR-LHR"}),
    ("pnr.payment_forms", "contains", "CA", {"pnr.payment_forms": ["CC"]}),
    ("pnr.travel_agency", "starts_with", "acme", {"pnr.travel_agency": "BEST TRAVEL"}),
    ("pnr.phones", "in_list", "suspect-phones", {"pnr.phones": ["16045550100"]}),
    ("pnr.emails", "in_list", "suspect-emails", {"pnr.emails": ["someone@example.org"]}),
    (
        "pnr.card_numbers",
        "in_list",
        "suspect-cards",
        {"pnr.card_numbers": ["XXXXXXXXXXXX1111 0128"]},
    ),
    ("pnr.addresses", "in_list", "suspect-addresses", {"pnr.addresses": ["12 HARBOUR AVE"]}),
    ("itinerary.countries", "count_gte", 3, {"itinerary.countries": ["CAN", "TUR"]}),
    ("itinerary.countries", "count_lte", 3, {"itinerary.countries": ["A", "B", "C", "D"]}),
    ("pnr.one_way", "eq", True, {"pnr.one_way": False}),
    ("pnr.bags", "exists", None, {"pnr.bags": None}),
    ("pnr.travel_agency", "missing", None, {"pnr.travel_agency": "ACME"} | {}),
]


def _holds(field: str, op: str, value: Any, facts: dict[str, Any]) -> bool:
    leaf: dict[str, Any] = {"field": field, "op": op}
    if value is not None:
        leaf["value"] = value
    rule_set = parse_rule_set(
        {
            "value_lists": VALUE_LISTS,
            "rules": [{"id": "r", "title": "t", "description": "d", "when": leaf}],
        }
    )
    return bool(compile_rule_set(rule_set).evaluate(facts))


@pytest.mark.parametrize(
    ("field", "op", "value", "failing"), CASES, ids=[f"{c[1]}:{c[0]}" for c in CASES]
)
def test_operator_holds_then_fails(
    field: str, op: str, value: Any, failing: dict[str, Any]
) -> None:
    facts = dict(BASE)
    if op == "missing":
        facts.pop(field, None)
    assert _holds(field, op, value, facts)
    assert not _holds(field, op, value, {**facts, **failing})


def test_every_operator_has_a_case() -> None:
    assert {c[1] for c in CASES} == set(OPERATORS)


@pytest.mark.parametrize("op", ["eq", "gt", "in", "matches", "days_before_travel", "in_list"])
def test_a_missing_value_fails_every_test_but_missing(op: str) -> None:
    field = {
        "days_before_travel": "pnr.booking_date",
        "in_list": "pnr.phones",
        "matches": "pnr.seat",
        "in": "traveller.nationality",
    }.get(op, "traveller.age")
    value = {
        "eq": 1,
        "gt": 1,
        "in": ["CAN"],
        "matches": "A",
        "days_before_travel": [0, 9],
        "in_list": "suspect-phones",
    }[op]
    facts = {k: v for k, v in BASE.items() if k != field}
    assert not _holds(field, op, value, facts)


def test_a_phone_matches_however_it_is_written() -> None:
    for written in ("604-555-0199", "+1 604 555 0199", "0016045550199"):
        assert _holds("pnr.phones", "in_list", "suspect-phones", {"pnr.phones": [written]})


def test_a_card_matches_on_last_four_and_expiry_never_on_four_digits_alone() -> None:
    def holds(card: str) -> bool:
        return _holds("pnr.card_numbers", "in_list", "suspect-cards", {"pnr.card_numbers": [card]})

    assert holds("XXXXXXXXXXXX1111 1227")
    assert not holds("XXXXXXXXXXXX1111")  # no expiry: no key
    assert not holds("XXXXXXXXXXXX2222 1227")
