"""Goods: shipments, their commodity lines and the parties behind them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.ids import new_id
from smartborder.errors import ValidationFailed

_HS_CODE = re.compile(r"^\d{6}(\d{2}){0,2}$")


class PartyRole(AnyCaseStrEnum):
    IMPORTER = "importer"
    EXPORTER = "exporter"
    SHIPPER = "shipper"
    CONSIGNEE = "consignee"
    CARRIER = "carrier"
    DRIVER = "driver"
    BROKER = "broker"


@dataclass(frozen=True, slots=True)
class Party:
    role: PartyRole
    name: str
    country: str | None = None  # alpha-3
    identifier: str | None = None  # business number, carrier code, FAST card...

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationFailed(f"the {self.role} needs a name")


def normalise_hs_code(code: str) -> str:
    """An HS code as 6, 8 or 10 digits, without the dots that people write in it."""
    digits = code.replace(".", "").replace(" ", "")
    if not _HS_CODE.match(digits):
        raise ValidationFailed(f"HS code {code!r} must have 6, 8 or 10 digits")
    return digits


@dataclass(frozen=True, slots=True)
class CommodityLine:
    hs_code: str
    description: str
    quantity: Decimal
    weight_kg: Decimal
    value: Decimal
    origin: str  # alpha-3 country of origin
    currency: str = "USD"
    unit: str = "PCE"

    def __post_init__(self) -> None:
        object.__setattr__(self, "hs_code", normalise_hs_code(self.hs_code))
        for name in ("quantity", "weight_kg", "value"):
            if getattr(self, name) < 0:
                raise ValidationFailed(f"{name} cannot be negative")

    @property
    def hs6(self) -> str:
        return self.hs_code[:6]

    @property
    def hs_chapter(self) -> str:
        return self.hs_code[:2]


@dataclass(frozen=True, slots=True)
class Shipment:
    cargo_control_number: str
    lines: tuple[CommodityLine, ...]
    parties: tuple[Party, ...] = ()
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not self.lines:
            raise ValidationFailed(f"shipment {self.cargo_control_number} has no commodity lines")

    def party(self, role: PartyRole) -> Party | None:
        return next((p for p in self.parties if p.role is role), None)

    @property
    def value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))

    @property
    def weight_kg(self) -> Decimal:
        return sum((line.weight_kg for line in self.lines), Decimal(0))
