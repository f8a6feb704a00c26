"""Factories for the goods tests: eManifest documents and small labelled declaration sets.

Written for these tests from the eManifest data elements and DATE's column list; no
real or third-party data.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from smartborder.targeting.cargo.declarations import EPOCH, Declarations

ARRIVAL = datetime(2026, 7, 3, 18, 0, tzinfo=UTC)


def manifest_doc(**overrides: Any) -> dict[str, Any]:
    """A valid highway trip with two shipments arriving at CBSA port 813 (Pacific Highway)."""
    doc: dict[str, Any] = {
        "schema": "smartborder-emanifest/1",
        "type": "original",
        "trip_number": "CXTR260703001",
        "mode": "highway",
        "carrier_code": "CXTR",
        "conveyance": {"identifier": "C12345", "jurisdiction": "WA"},
        "crew": [
            {"name": "Dana Driver", "role": "driver", "fast_card": "FAST0001", "citizenship": "USA"}
        ],
        "port_of_entry": "813",
        "estimated_arrival": ARRIVAL.isoformat(),
        "fast": False,
        "shipments": [
            {
                "cargo_control_number": "CXTR0000001",
                "shipper": {"name": "Skagit Orchards", "country": "USA"},
                "consignee": {"name": "Cascadia Fresh Foods", "country": "CAN"},
                "importer": {
                    "name": "Cascadia Fresh Foods",
                    "identifier": "IMP-1",
                    "country": "CAN",
                },
                "broker": {"name": "Border Brokers", "identifier": "BRK-1"},
                "lines": [
                    {
                        "hs_code": "0808.10",
                        "description": "Fresh apples",
                        "quantity": "400",
                        "weight_kg": "9000",
                        "value": "14400",
                        "origin": "USA",
                    }
                ],
            },
            {
                "cargo_control_number": "CXTR0000002",
                "shipper": {"name": "Tacoma Parts", "country": "USA"},
                "consignee": {"name": "Northline Auto Parts", "country": "CAN"},
                "importer": {
                    "name": "Northline Auto Parts",
                    "identifier": "IMP-2",
                    "country": "CAN",
                },
                "lines": [
                    {
                        "hs_code": "870899",
                        "description": "Motor vehicle parts",
                        "quantity": "60",
                        "weight_kg": "1200",
                        "value": "14000",
                        "origin": "USA",
                    }
                ],
            },
        ],
    }
    doc = copy.deepcopy(doc)
    doc.update(overrides)
    return doc


def at(minutes_before_arrival: float) -> datetime:
    return ARRIVAL - timedelta(minutes=minutes_before_arrival)


def small_declarations(n: int = 6000, *, seed: int = 1, days: int = 120) -> Declarations:
    """Labelled declarations in which a tenth of importers offend often and
    undervaluation pushes value per kg below the HS norm."""
    rng = np.random.default_rng(seed)
    importers = 300
    risky = rng.random(importers) < 0.1
    who = rng.integers(0, importers, n)
    hs = rng.integers(0, 20, n)
    norm = np.exp(rng.normal(2, 1, 20))
    weight = np.exp(rng.normal(6, 1, n))
    value = weight * norm[hs] * np.exp(rng.normal(0, 0.3, n))
    illicit = rng.random(n) < np.where(risky[who], 0.4, 0.02)
    value[illicit] *= rng.uniform(0.3, 0.7, illicit.sum())
    day = np.sort(rng.integers(0, days, n)) + int((np.datetime64("2024-01-01") - EPOCH).astype(int))
    return Declarations(
        ids=np.array([f"D{i}" for i in range(n)], dtype=object),
        day=day.astype(np.int64),
        importer=np.array([f"I{i}" for i in who], dtype=object),
        declarant=np.array([f"B{i % 40}" for i in who], dtype=object),
        country=np.array(["CHN", "USA", "MEX", "DEU"], dtype=object)[rng.integers(0, 4, n)],
        office=np.array(["813", "3004"], dtype=object)[rng.integers(0, 2, n)],
        tariff=np.array([f"{10 + h:02d}0{h:03d}0000" for h in hs], dtype=object),
        quantity=np.maximum(1, np.round(weight / 5)),
        weight=weight,
        fob=value / 1.05,
        cif=value,
        taxes=value * 0.1,
        illicit=illicit.astype(np.int8),
        revenue=np.where(illicit, value * 0.05 + 10, 0.0),
    )


def no_progress(_step: str, _done: int, _total: int) -> None:
    """A progress callback that shows nothing."""
