"""Bulk eManifest in CSV: one row per commodity line, trips and shipments repeated.

Rows with the same ``trip_number`` make one trip, rows with the same
``cargo_control_number`` within it one shipment; trip columns must agree on every row
of a trip and shipment columns on every row of a shipment. Each trip is then validated
exactly as a JSON document would be, and every problem is reported at the CSV line and
column where it can be fixed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from smartborder.formats.manifest.schema import (
    SCHEMA_ID,
    ManifestIn,
    Problem,
)

MAX_ROWS = 100_000
MAX_FIELD = 1000

TRIP_COLUMNS = (
    "trip_number",
    "type",
    "mode",
    "carrier_code",
    "conveyance_id",
    "conveyance_jurisdiction",
    "vin",
    "imo",
    "flight_number",
    "driver_name",
    "driver_fast_card",
    "driver_citizenship",
    "port_of_entry",
    "estimated_arrival",
    "loaded_at",
    "fast",
)
SHIPMENT_COLUMNS = (
    "cargo_control_number",
    "shipper_name",
    "shipper_country",
    "consignee_name",
    "consignee_country",
    "importer_name",
    "importer_id",
    "importer_country",
    "broker_name",
    "broker_id",
)
LINE_COLUMNS = (
    "hs_code",
    "description",
    "quantity",
    "unit",
    "weight_kg",
    "value",
    "currency",
    "origin",
)
COLUMNS = TRIP_COLUMNS + SHIPMENT_COLUMNS + LINE_COLUMNS
REQUIRED = ("trip_number", "mode", "cargo_control_number", "hs_code")


@dataclass
class BulkTrip:
    """One trip read from the CSV: its document, or the problems that stop it."""

    trip_number: str
    first_line: int
    document: ManifestIn | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Trip:
    first_line: int
    row: dict[str, str]
    shipments: dict[str, tuple[int, dict[str, str], list[tuple[int, dict[str, str]]]]] = field(
        default_factory=dict
    )
    problems: list[Problem] = field(default_factory=list)


def _blank(value: str) -> str | None:
    return value.strip() or None


def _party(row: dict[str, str], prefix: str, *, with_id: bool = False) -> dict[str, Any] | None:
    name = _blank(row.get(f"{prefix}_name", ""))
    if name is None:
        return None
    party: dict[str, Any] = {"name": name}
    if with_id and _blank(row.get(f"{prefix}_id", "")):
        party["identifier"] = row[f"{prefix}_id"].strip()
    if _blank(row.get(f"{prefix}_country", "")):
        party["country"] = row[f"{prefix}_country"].strip()
    return party


def _document(trip: _Trip) -> dict[str, Any]:
    row = trip.row
    doc: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "type": _blank(row.get("type", "")) or "original",
        "trip_number": row["trip_number"].strip(),
        "mode": row["mode"].strip(),
        "carrier_code": row.get("carrier_code", "").strip(),
        "conveyance": {
            k: v
            for k, v in {
                "identifier": row.get("conveyance_id", "").strip(),
                "jurisdiction": _blank(row.get("conveyance_jurisdiction", "")),
                "vin": _blank(row.get("vin", "")),
                "imo": _blank(row.get("imo", "")),
                "flight_number": _blank(row.get("flight_number", "")),
            }.items()
            if v is not None
        },
        "port_of_entry": row.get("port_of_entry", "").strip(),
        "estimated_arrival": row.get("estimated_arrival", "").strip(),
        "fast": row.get("fast", "").strip().lower() in ("1", "true", "yes", "y"),
        "shipments": [],
    }
    if _blank(row.get("loaded_at", "")):
        doc["loaded_at"] = row["loaded_at"].strip()
    driver = _blank(row.get("driver_name", ""))
    if driver:
        crew: dict[str, Any] = {"name": driver, "role": "driver"}
        if _blank(row.get("driver_fast_card", "")):
            crew["fast_card"] = row["driver_fast_card"].strip()
        if _blank(row.get("driver_citizenship", "")):
            crew["citizenship"] = row["driver_citizenship"].strip()
        doc["crew"] = [crew]
    for ccn, (_line, srow, lines) in trip.shipments.items():
        shipment: dict[str, Any] = {
            "cargo_control_number": ccn,
            "shipper": _party(srow, "shipper"),
            "consignee": _party(srow, "consignee"),
            "importer": _party(srow, "importer", with_id=True),
            "lines": [
                {
                    k: v
                    for k, v in {c: _blank(lrow.get(c, "")) for c in LINE_COLUMNS}.items()
                    if v is not None
                }
                for _, lrow in lines
            ],
        }
        broker = _party(srow, "broker", with_id=True)
        if broker is not None:
            shipment["broker"] = broker
        doc["shipments"].append({k: v for k, v in shipment.items() if v is not None})
    return doc


_COLUMN_OF = {
    ("conveyance", "identifier"): "conveyance_id",
    ("conveyance", "jurisdiction"): "conveyance_jurisdiction",
    ("conveyance", "vin"): "vin",
    ("conveyance", "imo"): "imo",
    ("conveyance", "flight_number"): "flight_number",
    ("schema",): "trip_number",
}


def _where(trip: _Trip, loc: tuple[Any, ...]) -> str:
    """The CSV line and column a pydantic error location points at."""
    line = trip.first_line
    column = "trip_number"
    shipments = list(trip.shipments.values())
    if loc[:1] == ("shipments",) and len(loc) > 1 and isinstance(loc[1], int):
        first, _row, lines = shipments[loc[1]] if loc[1] < len(shipments) else (line, {}, [])
        line = first
        rest = loc[2:]
        if rest[:1] == ("lines",) and len(rest) > 2 and isinstance(rest[1], int):
            line = lines[rest[1]][0] if rest[1] < len(lines) else line
            column = str(rest[2])
        elif len(rest) >= 2 and rest[0] in ("shipper", "consignee", "importer", "broker"):
            column = f"{rest[0]}_{'id' if rest[1] == 'identifier' else rest[1]}"
        elif rest:
            column = str(rest[0])
        else:
            column = "cargo_control_number"
    elif loc[:1] == ("crew",):
        column = f"driver_{loc[-1]}" if len(loc) > 2 else "driver_name"
    elif tuple(loc[:2]) in _COLUMN_OF:
        column = _COLUMN_OF[tuple(loc[:2])]
    elif loc:
        column = str(loc[0])
    return f"line {line}, column {column!r}"


def read_bulk(lines: Iterable[str]) -> list[BulkTrip]:
    """Trips from a bulk CSV, in the order they first appear, each validated."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(lines)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        text = f"missing column(s) {', '.join(missing)}" if missing else ""
        if unknown:
            text += ("; " if text else "") + f"unknown column(s) {', '.join(unknown)}"
        return [BulkTrip("", 1, problems=[Problem("line 1 (header)", text)])]
    reader.fieldnames = header
    trips: dict[str, _Trip] = {}
    try:
        for number, row in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                return [BulkTrip("", number, problems=[Problem(f"line {number}", "too many rows")])]
            if None in row:
                trips.setdefault("", _Trip(number, row)).problems.append(
                    Problem(f"line {number}", "more fields than columns")
                )
                continue
            clean = {k: (v or "") for k, v in row.items()}
            _place(trips, number, clean)
    except csv.Error as exc:
        return [BulkTrip("", 0, problems=[Problem(f"line {reader.line_num}", str(exc))])]
    out = []
    for trip_number, trip in trips.items():
        result = BulkTrip(trip_number, trip.first_line, problems=list(trip.problems))
        if not result.problems:
            try:
                result.document = ManifestIn.model_validate(_document(trip))
            except ValidationError as exc:
                result.problems = [
                    Problem(
                        _where(trip, tuple(err["loc"])),
                        str(err["msg"]).removeprefix("Value error, "),
                    )
                    for err in exc.errors()
                ]
        out.append(result)
    return out


def _place(trips: dict[str, _Trip], number: int, row: dict[str, str]) -> None:
    for column in REQUIRED:
        if not row.get(column, "").strip():
            broken = trips.setdefault(row.get("trip_number", "").strip(), _Trip(number, row))
            broken.problems.append(Problem(f"line {number}, column {column!r}", "is empty"))
            return
    key = row["trip_number"].strip()
    if key not in trips:
        trips[key] = _Trip(number, row)
    trip = trips[key]
    for column in TRIP_COLUMNS:
        if row.get(column, "").strip() != trip.row.get(column, "").strip():
            trip.problems.append(
                Problem(
                    f"line {number}, column {column!r}",
                    f"differs from line {trip.first_line} of the same trip",
                )
            )
            return
    ccn = row["cargo_control_number"].strip()
    shipment = trip.shipments.get(ccn)
    if shipment is None:
        trip.shipments[ccn] = (number, row, [(number, row)])
        return
    first, srow, lines = shipment
    for column in SHIPMENT_COLUMNS:
        if row.get(column, "").strip() != srow.get(column, "").strip():
            trip.problems.append(
                Problem(
                    f"line {number}, column {column!r}",
                    f"differs from line {first} of the same shipment",
                )
            )
            return
    lines.append((number, row))
