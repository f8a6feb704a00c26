"""Bulk eManifest in CSV: rows grouped into trips and shipments, problems at line and column."""

from __future__ import annotations

import io

from smartborder.formats.manifest.csv_bulk import COLUMNS, read_bulk

ROW = {
    "trip_number": "CXTR260703001",
    "mode": "highway",
    "carrier_code": "CXTR",
    "conveyance_id": "C12345",
    "conveyance_jurisdiction": "WA",
    "driver_name": "Dana Driver",
    "driver_fast_card": "FAST0001",
    "port_of_entry": "813",
    "estimated_arrival": "2026-07-03T18:00:00+00:00",
    "cargo_control_number": "CXTR0000001",
    "shipper_name": "Skagit Orchards",
    "consignee_name": "Cascadia Fresh Foods",
    "importer_name": "Cascadia Fresh Foods",
    "importer_id": "IMP-1",
    "hs_code": "080810",
    "description": "Fresh apples",
    "quantity": "400",
    "weight_kg": "9000",
    "value": "14400",
    "origin": "USA",
}


def _csv(*rows: dict[str, str]) -> io.StringIO:
    lines = [",".join(COLUMNS)]
    for row in rows:
        lines.append(",".join(row.get(c, "") for c in COLUMNS))
    return io.StringIO("\n".join(lines) + "\n")


def test_rows_group_into_trips_and_shipments() -> None:
    second_line = ROW | {"hs_code": "070200", "description": "Fresh tomatoes"}
    other_shipment = ROW | {"cargo_control_number": "CXTR0000002", "importer_id": "IMP-2"}
    other_trip = ROW | {"trip_number": "CXTR260703002", "cargo_control_number": "CXTR0000003"}
    trips = read_bulk(_csv(ROW, second_line, other_shipment, other_trip))
    assert [t.trip_number for t in trips] == ["CXTR260703001", "CXTR260703002"]
    first = trips[0].document
    assert first is not None and trips[0].problems == []
    assert [len(s.lines) for s in first.shipments] == [2, 1]


def test_a_trip_column_that_changes_mid_trip_is_named() -> None:
    trips = read_bulk(_csv(ROW, ROW | {"port_of_entry": "3004"}))
    assert trips[0].document is None
    assert trips[0].problems[0].where == "line 3, column 'port_of_entry'"
    assert "line 2" in trips[0].problems[0].text


def test_validation_problems_point_at_the_csv_cell() -> None:
    bad = ROW | {"cargo_control_number": "CXTR0000002", "weight_kg": "-1"}
    trips = read_bulk(_csv(ROW, bad))
    wheres = [p.where for p in trips[0].problems]
    assert "line 3, column 'weight_kg'" in wheres


def test_header_problems() -> None:
    trips = read_bulk(io.StringIO("trip_number,colour\nX,red\n"))
    assert trips[0].problems[0].where == "line 1 (header)"
    assert "colour" in trips[0].problems[0].text


def test_empty_required_cell() -> None:
    trips = read_bulk(_csv(ROW | {"hs_code": ""}))
    assert trips[0].problems[0].where == "line 2, column 'hs_code'"
