"""The eManifest JSON document: valid trips by mode, and every problem of an invalid one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from smartborder.domain import ConveyanceKind, PartyRole, TransportMode
from smartborder.formats.manifest.schema import json_schema, load_document, to_manifest, validate
from tests.factories import manifest_doc


def _problems(doc: dict[str, Any]) -> list[str]:
    model, problems = validate(doc)
    assert model is None
    return [f"{p.where}: {p.text}" for p in problems]


def test_a_highway_trip_becomes_a_manifest() -> None:
    model, problems = load_document(json.dumps(manifest_doc()))
    assert problems == [] and model is not None
    manifest = to_manifest(model)
    assert manifest.mode is TransportMode.HIGHWAY
    assert manifest.conveyance.kind is ConveyanceKind.TRUCK
    assert [s.cargo_control_number for s in manifest.shipments] == ["CXTR0000001", "CXTR0000002"]
    first = manifest.shipments[0]
    assert first.lines[0].hs_code == "080810"
    assert first.party(PartyRole.IMPORTER).identifier == "IMP-1"  # type: ignore[union-attr]
    assert first.party(PartyRole.BROKER) is not None
    assert manifest.crew[0].identifier == "FAST0001"


def test_every_problem_is_reported_with_its_path() -> None:
    doc = manifest_doc(carrier_code="cx!", estimated_arrival="2026-07-03T18:00:00")
    doc["shipments"][0]["lines"][0]["origin"] = "usa"
    doc["shipments"][1]["lines"][0]["weight_kg"] = "-3"
    doc["unexpected"] = 1
    problems = _problems(doc)
    wheres = {p.split(":")[0] for p in problems}
    assert {
        "carrier_code",
        "estimated_arrival",
        "shipments[0].lines[0].origin",
        "shipments[1].lines[0].weight_kg",
        "unexpected",
    } <= wheres


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"mode": "marine"}, "loaded_at"),
        ({"mode": "marine", "loaded_at": "2026-07-01T00:00:00Z"}, "IMO"),
        ({"mode": "air"}, "flight_number"),
        ({"crew": []}, "driver"),
        ({"mode": "rail", "fast": True}, "only highway"),
        ({"fast": True, "crew": [{"name": "D", "role": "driver"}]}, "fast_card"),
    ],
)
def test_rules_by_mode(changes: dict[str, Any], problem: str) -> None:
    assert any(problem in p for p in _problems(manifest_doc(**changes)))


def test_marine_and_air_trips() -> None:
    marine = manifest_doc(
        mode="marine",
        loaded_at="2026-06-20T08:00:00+08:00",
        conveyance={"identifier": "EVER GIVEN", "imo": "9811000"},
        crew=[],
    )
    model, problems = validate(marine)
    assert problems == [] and model is not None
    assert to_manifest(model).conveyance.identifier == "9811000"
    air = manifest_doc(
        mode="air", conveyance={"identifier": "C-FABC", "flight_number": "AC123"}, crew=[]
    )
    assert validate(air)[1] == []


def test_cargo_control_numbers_begin_with_the_carrier_code_and_do_not_repeat() -> None:
    doc = manifest_doc()
    doc["shipments"][1]["cargo_control_number"] = "CXTR0000001"
    assert any("repeat" in p for p in _problems(doc))
    doc["shipments"][1]["cargo_control_number"] = "ABCD0000009"
    assert any("carrier code" in p for p in _problems(doc))


def test_json_syntax_errors_name_the_position() -> None:
    model, problems = load_document('{"schema": ')
    assert model is None
    assert problems[0].where.startswith("line 1, column")


def test_documents_are_size_limited() -> None:
    model, problems = load_document(b" " * (6 * 1024 * 1024))
    assert model is None and "limit" in problems[0].text


def test_the_json_schema_documents_the_fields() -> None:
    schema = json_schema()
    assert schema["$id"] == "smartborder-emanifest/1"
    assert {"trip_number", "mode", "carrier_code", "shipments", "estimated_arrival"} <= set(
        schema["required"]
    )
    assert "ShipmentIn" in schema["$defs"]
