"""The tables, as typed SQLAlchemy 2 ORM classes.

Rows are kept apart from the domain dataclasses (which are frozen); repositories map
between the two. Every change here needs an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from smartborder.store.tables.types import UtcDateTime

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL wants BIGINT for a log.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON()}


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    token_expires_at: Mapped[datetime | None]
    password_hash: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("agency", "name", name="uq_users_agency_name"),)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    purpose: Mapped[str | None] = mapped_column(String(200))


class PortRow(Base):
    __tablename__ = "ports"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(8))
    cbp_port_code: Mapped[str | None] = mapped_column(String(8))
    cbsa_office_code: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    lanes: Mapped[str] = mapped_column(String(200))  # comma-separated LaneType values
    partner_port_code: Mapped[str | None] = mapped_column(String(8))
    airport: Mapped[str | None] = mapped_column(String(3))


class CrossingRow(Base):
    __tablename__ = "crossings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    direction: Mapped[str] = mapped_column(String(8))
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    original_script: Mapped[str | None] = mapped_column(String(400))
    birth_date: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    sex: Mapped[str] = mapped_column(String(1))
    document_type: Mapped[str | None] = mapped_column(String(8))
    document_number: Mapped[str | None] = mapped_column(String(40))
    document_issuing: Mapped[str | None] = mapped_column(String(3))
    document_expiry: Mapped[date | None] = mapped_column(Date)
    port_code: Mapped[str] = mapped_column(String(8))
    lane: Mapped[str | None] = mapped_column(String(16))
    crossed_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    partner_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_crossings_agency_direction_crossed", "agency", "direction", "crossed_at"),
        UniqueConstraint("agency", "partner_id", name="uq_crossings_agency_partner_id"),
    )


class AuditHeadRow(Base):
    """One row holding the chain's last sequence number and hash.

    Appenders lock this row (SELECT ... FOR UPDATE) so that two transactions can never
    both extend the chain from the same entry.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigId)
    hash: Mapped[str] = mapped_column(String(64))


class AuditRow(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(200))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_record", "record_type", "record_id"),)


__all__ = ["Base", "AuditHeadRow", "AuditRow", "CrossingRow", "PortRow", "UserRow"]
