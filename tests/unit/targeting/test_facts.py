"""The facts a rule reads: every field the catalogue advertises is set from real messages.

A field that ``rules fields`` lists but no message fills makes a rule that can never
fire, and nothing says so. The walks below go over the catalogue itself, so a field
added to it later without a value here fails this test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from smartborder.clearance.air import parse_pnrs
from smartborder.domain.decisions import History
from smartborder.formats.mrz import generate_mrz, mrz_data_of, parse_mrz
from smartborder.formats.paxlst import parse_paxlst
from smartborder.targeting.facts import Facts, air_facts, land_facts
from smartborder.targeting.rules import compile_rule_set, rule_set_from_yaml
from smartborder.targeting.rules.fields import CATALOGUE, FieldType
from smartborder.targeting.rules.operators import TRAVEL_DATE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
HISTORY = History(decisions=3, referrals=1, last_travel=date(2026, 5, 1))
#: The fields only a land booth gives; every other one comes from the API/PNR messages.
LAND_ONLY = {"document.mrz_valid", "crossing.port", "crossing.lane", "crossing.plate"}
LAND_ONLY |= {"crossing.hour"}

PYTHON_TYPES: dict[FieldType, tuple[type, ...]] = {
    FieldType.TEXT: (str,),
    FieldType.NUMBER: (int, float),
    FieldType.BOOLEAN: (bool,),
    FieldType.DATE: (date,),
    FieldType.DATETIME: (datetime,),
    FieldType.TEXT_LIST: (list,),
}


def complete_air_facts() -> Facts:
    """O'Brien on AC855 LHR-YVR: his API data (PAXLST) and his booking (PNRGOV)."""
    text = (FIXTURES / "paxlst_d05b_passengers.edi").read_text(encoding="utf-8")
    (passenger_list,) = parse_paxlst(text).messages
    pnrs = parse_pnrs((FIXTURES / "pnrgov_two_pnrs.edi").read_text(encoding="utf-8"))
    obrien = passenger_list.travellers[0]
    assert obrien.booking_reference is not None
    return air_facts(
        passenger_list,
        obrien,
        pnr=pnrs[obrien.booking_reference],
        history=HISTORY,
        confirmed_hits=1,
    )


def complete_land_facts() -> Facts:
    text = (FIXTURES / "paxlst_d05b_passengers.edi").read_text(encoding="utf-8")
    traveller = parse_paxlst(text).messages[0].travellers[0].traveller
    mrz = parse_mrz(list(generate_mrz(mrz_data_of(traveller))), reference_date=date(2026, 7, 3))
    return land_facts(
        mrz,
        port="813",
        lane="nexus",
        arrived_at=datetime(2026, 7, 3, 22, 5, tzinfo=UTC),
        local_hour=15,
        plate="BC ABC123",
        history=HISTORY,
        confirmed_hits=1,
    )


def _has_value(value: Any) -> bool:
    return value is not None and value != [] and value != ""


@pytest.mark.parametrize("name", sorted(set(CATALOGUE) - LAND_ONLY))
def test_every_advertised_field_has_a_value_from_a_complete_api_and_pnr_message(
    name: str,
) -> None:
    facts = complete_air_facts()
    assert _has_value(facts.get(name)), f"{name} is advertised but not set"
    assert isinstance(facts[name], PYTHON_TYPES[CATALOGUE[name].type])


@pytest.mark.parametrize("name", sorted(LAND_ONLY))
def test_the_booth_fields_have_a_value_at_a_land_booth(name: str) -> None:
    facts = complete_land_facts()
    assert _has_value(facts.get(name)), f"{name} is advertised but not set"
    assert isinstance(facts[name], PYTHON_TYPES[CATALOGUE[name].type])


@pytest.mark.parametrize("facts", [complete_air_facts(), complete_land_facts()])
def test_every_fact_set_is_in_the_catalogue(facts: Facts) -> None:
    assert set(facts) - {TRAVEL_DATE} <= set(CATALOGUE)


def test_flight_times_are_instants_in_utc_from_each_airports_local_time() -> None:
    facts = complete_air_facts()
    # DTM+189 10:15 at LHR (BST, UTC+1) and DTM+232 12:10 at YVR (PDT, UTC-7).
    assert facts["flight.departure_time"] == datetime(2026, 7, 3, 9, 15, tzinfo=UTC)
    assert facts["flight.arrival_time"] == datetime(2026, 7, 3, 19, 10, tzinfo=UTC)


def test_a_rule_on_the_flight_times_fires() -> None:
    rules = rule_set_from_yaml("""
name: red-eye
rules:
  - id: lands-late
    title: Lands after 18:00 UTC
    description: An arrival in the evening, UTC.
    weight: 0.2
    when: {field: flight.arrival_time, op: gt, value: "2026-07-03T18:00:00+00:00"}
  - id: leaves-early
    title: Leaves before 08:00 UTC
    description: A departure in the early morning, UTC.
    weight: 0.2
    when: {field: flight.departure_time, op: lt, value: "2026-07-03T08:00:00+00:00"}
""")
    hits = compile_rule_set(rules).evaluate(complete_air_facts(), role="passenger", mode="air")
    assert [h.rule_id for h in hits] == ["lands-late"]
