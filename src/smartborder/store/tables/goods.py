"""Tables of the flow of goods: manifests, shipments, trusted traders, examinations, models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base


class ManifestSubmissionRow(Base):
    __tablename__ = "manifest_submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    trip_number: Mapped[str | None] = mapped_column(String(25))
    amendment: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[datetime]
    submitted_by: Mapped[str] = mapped_column(String(200))
    acknowledgement: Mapped[dict[str, Any]]
    document: Mapped[dict[str, Any] | None]

    __table_args__ = (Index("ix_manifest_submissions_trip", "agency", "trip_number"),)


class ShipmentRow(Base):
    __tablename__ = "shipments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    submission_id: Mapped[str] = mapped_column(ForeignKey("manifest_submissions.id"))
    trip_number: Mapped[str] = mapped_column(String(25))
    cargo_control_number: Mapped[str] = mapped_column(String(25))
    port_code: Mapped[str] = mapped_column(String(8))
    arrival_day: Mapped[date] = mapped_column(Date)
    estimated_arrival: Mapped[datetime]
    goods: Mapped[dict[str, Any]]  # lines and parties
    lane: Mapped[str] = mapped_column(String(8))
    reasons: Mapped[dict[str, Any]]
    risk: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        UniqueConstraint("agency", "cargo_control_number", name="uq_shipments_agency_ccn"),
        Index("ix_shipments_port_day", "agency", "port_code", "arrival_day"),
    )


class TrustedTraderRow(Base):
    __tablename__ = "trusted_traders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    programme: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(10))
    identifier: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10))
    changed_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint(
            "agency", "programme", "kind", "identifier", name="uq_trusted_traders_member"
        ),
    )


class ExaminationRow(Base):
    __tablename__ = "examinations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"), unique=True)
    port_code: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date)
    selected_by: Mapped[str] = mapped_column(String(10))
    score: Mapped[float] = mapped_column(Float)
    selected_at: Mapped[datetime]
    capacity: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(10))
    revenue: Mapped[float | None] = mapped_column(Float)
    findings: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None]
    recorded_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_examinations_port_day", "agency", "port_code", "day"),)


class CargoModelRow(Base):
    __tablename__ = "cargo_models"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    trained_on: Mapped[dict[str, Any]]
    document: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_cargo_models_agency_created", "agency", "created_at"),)


__all__ = [
    "CargoModelRow",
    "ExaminationRow",
    "ManifestSubmissionRow",
    "ShipmentRow",
    "TrustedTraderRow",
]
