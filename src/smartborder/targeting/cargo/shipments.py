"""Shipments as model declarations: the bridge from eManifest data to the risk model.

A commodity line is one declaration in the model's terms (DATE's data has one row per
item); a shipment's risk is the highest risk among its lines. Taxes are not known at
manifest time, so ``total.taxes`` is 0 here, both when scoring and when the node
retrains on its own examination outcomes, so that the model sees the same thing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from smartborder.domain import PartyRole, Shipment
from smartborder.targeting.cargo.declarations import EPOCH, Declarations


@dataclass(frozen=True, slots=True)
class ShipmentRow:
    """A shipment to score, with where and when it arrives."""

    shipment: Shipment
    port_code: str
    day: date
    illicit: bool | None = None  # a recorded examination outcome, for retraining
    revenue: float = 0.0


def _party_key(shipment: Shipment, role: PartyRole) -> str:
    party = shipment.party(role)
    if party is None:
        return "NONE"
    return (party.identifier or party.name).strip().upper()[:64] or "NONE"


def declarations_of(rows: Sequence[ShipmentRow]) -> tuple[Declarations, list[int]]:
    """One declaration per commodity line, and for each line the index of its shipment."""
    owner: list[int] = []
    cols: dict[str, list[object]] = {k: [] for k in "ids day imp dec cty off tar q w v y r".split()}
    for i, row in enumerate(rows):
        shipment = row.shipment
        importer = _party_key(shipment, PartyRole.IMPORTER)
        declarant = _party_key(shipment, PartyRole.BROKER)
        day = (np.datetime64(row.day.isoformat(), "D") - EPOCH).astype(np.int64)
        for j, line in enumerate(shipment.lines):
            owner.append(i)
            cols["ids"].append(f"{shipment.id}:{j}")
            cols["day"].append(day)
            cols["imp"].append(importer)
            cols["dec"].append(declarant)
            cols["cty"].append(line.origin)
            cols["off"].append(row.port_code)
            cols["tar"].append(line.hs_code.ljust(10, "0"))
            cols["q"].append(float(line.quantity))
            cols["w"].append(float(line.weight_kg))
            cols["v"].append(float(line.value))
            # The revenue of a finding is credited to the line of highest value.
            top = max(range(len(shipment.lines)), key=lambda k: shipment.lines[k].value)
            cols["y"].append(int(bool(row.illicit)))
            cols["r"].append(row.revenue if (row.illicit and j == top) else 0.0)
    labelled = all(r.illicit is not None for r in rows) and bool(rows)
    value = np.asarray(cols["v"], dtype=np.float64)
    decls = Declarations(
        ids=np.asarray(cols["ids"], dtype=object),
        day=np.asarray(cols["day"], dtype=np.int64),
        importer=np.asarray(cols["imp"], dtype=object),
        declarant=np.asarray(cols["dec"], dtype=object),
        country=np.asarray(cols["cty"], dtype=object),
        office=np.asarray(cols["off"], dtype=object),
        tariff=np.asarray(cols["tar"], dtype=object),
        quantity=np.asarray(cols["q"], dtype=np.float64),
        weight=np.asarray(cols["w"], dtype=np.float64),
        fob=value,
        cif=value,
        taxes=np.zeros(len(value)),
        illicit=np.asarray(cols["y"], dtype=np.int8) if labelled else None,
        revenue=np.asarray(cols["r"], dtype=np.float64) if labelled else None,
    )
    return decls, owner


def shipment_scores(line_scores: np.ndarray, owner: list[int], count: int) -> list[float]:
    """A shipment's score: the highest of its lines'."""
    best = np.zeros(count)
    if len(owner):
        np.maximum.at(best, np.asarray(owner), line_scores)
    return [float(v) for v in best]
