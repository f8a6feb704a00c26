"""The repositories of the flow of goods, as protocols (SQL and in-memory versions follow them)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from smartborder.domain import Agency, TraderKind, TraderProgramme, TrustedTrader
from smartborder.domain.manifests import (
    CargoModelRecord,
    Examination,
    ManifestSubmission,
    PortDayPage,
    ShipmentRecord,
)


class ManifestRepository(Protocol):
    def add(self, submission: ManifestSubmission) -> None: ...
    def get(self, agency: Agency, submission_id: str) -> ManifestSubmission | None: ...

    def latest_accepted(self, agency: Agency, trip_number: str) -> ManifestSubmission | None:
        """The last accepted transmission of a trip (original or amendment)."""
        ...


class ShipmentRepository(Protocol):
    def put_many(self, records: list[ShipmentRecord]) -> None:
        """Insert, or replace by id (an amendment keeps a shipment's id)."""
        ...

    def get(self, agency: Agency, shipment_id: str) -> ShipmentRecord | None: ...
    def by_ccn(self, agency: Agency, cargo_control_number: str) -> ShipmentRecord | None: ...
    def for_trip(self, agency: Agency, trip_number: str) -> list[ShipmentRecord]: ...

    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[ShipmentRecord]:
        """Active shipments arriving at the port on that day (UTC), in id order."""
        ...

    def port_day_page(
        self, agency: Agency, port_code: str, day: date, *, offset: int, limit: int
    ) -> PortDayPage:
        """The day's totals (as ``for_port_day`` counts them) and the shipments of its
        trips ``offset`` to ``offset + limit``, trips ordered by their first estimated
        arrival, then number."""
        ...

    def get_many(self, agency: Agency, shipment_ids: list[str]) -> dict[str, ShipmentRecord]:
        """The agency's active shipments among ``shipment_ids``, by id (others left out)."""
        ...


class TraderRepository(Protocol):
    def put(self, trader: TrustedTrader) -> None:
        """Insert, or replace the member with the same programme, kind and identifier."""
        ...

    def get(
        self, agency: Agency, programme: TraderProgramme, kind: TraderKind, identifier: str
    ) -> TrustedTrader | None: ...

    def by_id(self, agency: Agency, trader_id: str) -> TrustedTrader | None: ...

    def list(
        self,
        agency: Agency,
        *,
        programme: TraderProgramme | None = None,
        kind: TraderKind | None = None,
    ) -> list[TrustedTrader]: ...


class ExaminationRepository(Protocol):
    def add_many(self, exams: list[Examination]) -> None: ...
    def update(self, exam: Examination) -> None: ...
    def by_shipment(self, agency: Agency, shipment_id: str) -> Examination | None: ...
    def for_port_day(self, agency: Agency, port_code: str, day: date) -> list[Examination]: ...

    def recorded(self, agency: Agency) -> list[Examination]:
        """Every examination with an outcome, oldest first: the feedback for retraining."""
        ...


class CargoModelRepository(Protocol):
    def add(self, record: CargoModelRecord) -> None: ...
    def latest(self, agency: Agency) -> CargoModelRecord | None: ...
