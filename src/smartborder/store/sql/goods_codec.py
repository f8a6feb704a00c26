"""Shipments' goods and reasons as JSON, the way the SQL store keeps them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from smartborder.domain import CommodityLine, Party, PartyRole, Reason, ReasonKind, Shipment


def goods_to_json(shipment: Shipment) -> dict[str, Any]:
    return {
        "cargo_control_number": shipment.cargo_control_number,
        "lines": [
            {
                "hs_code": line.hs_code,
                "description": line.description,
                "quantity": str(line.quantity),
                "weight_kg": str(line.weight_kg),
                "value": str(line.value),
                "origin": line.origin,
                "currency": line.currency,
                "unit": line.unit,
            }
            for line in shipment.lines
        ],
        "parties": [
            {"role": str(p.role), "name": p.name, "country": p.country, "identifier": p.identifier}
            for p in shipment.parties
        ],
    }


def goods_from_json(shipment_id: str, data: dict[str, Any]) -> Shipment:
    return Shipment(
        id=shipment_id,
        cargo_control_number=data["cargo_control_number"],
        lines=tuple(
            CommodityLine(
                hs_code=line["hs_code"],
                description=line["description"],
                quantity=Decimal(line["quantity"]),
                weight_kg=Decimal(line["weight_kg"]),
                value=Decimal(line["value"]),
                origin=line["origin"],
                currency=line["currency"],
                unit=line["unit"],
            )
            for line in data["lines"]
        ),
        parties=tuple(
            Party(
                role=PartyRole(p["role"]),
                name=p["name"],
                country=p["country"],
                identifier=p["identifier"],
            )
            for p in data["parties"]
        ),
    )


def reasons_to_json(reasons: tuple[Reason, ...]) -> dict[str, Any]:
    return {
        "items": [
            {"kind": str(r.kind), "ref": r.ref, "text": r.text, "score": r.score} for r in reasons
        ]
    }


def reasons_from_json(data: dict[str, Any]) -> tuple[Reason, ...]:
    return tuple(
        Reason(kind=ReasonKind(r["kind"]), ref=r["ref"], text=r["text"], score=r["score"])
        for r in data.get("items", [])
    )
