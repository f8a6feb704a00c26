"""The unit of work of goods: the repositories its services use and no other (mypy holds
them to it; the store's ``UnitOfWork`` is one). A trip's FAST driver and trusted
importer are the programmes' registries, so its unit is also a ``ProgrammesUnit``."""

from __future__ import annotations

from typing import Protocol

from smartborder.programmes.unit import ProgrammesUnit
from smartborder.repositories.goods import (
    CargoModelRepository,
    ExaminationRepository,
    ManifestRepository,
    ShipmentRepository,
)
from smartborder.repositories.unit import AuditLog, PortRepository


class GoodsUnit(ProgrammesUnit, Protocol):
    audit: AuditLog
    cargo_models: CargoModelRepository
    examinations: ExaminationRepository
    manifests: ManifestRepository
    ports: PortRepository
    shipments: ShipmentRepository
