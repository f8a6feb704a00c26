"""Tables of traveller clearance: decisions, hits, dismissals, outcomes, rule sets, messages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(8))
    role: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    risk_score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    versions: Mapped[dict[str, Any]]
    inputs_hash: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[datetime]
    travel_date: Mapped[date] = mapped_column(Date)
    traveller_name: Mapped[str] = mapped_column(String(400))
    identity_key: Mapped[str] = mapped_column(String(64))
    birth_date: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    document_number: Mapped[str | None] = mapped_column(String(40))
    message_id: Mapped[str | None] = mapped_column(String(36))
    flight: Mapped[str | None] = mapped_column(String(16))
    port_code: Mapped[str | None] = mapped_column(String(8))
    lane: Mapped[str | None] = mapped_column(String(16))
    facts: Mapped[dict[str, Any]]

    __table_args__ = (
        Index("ix_decisions_agency_travel_date", "agency", "travel_date"),
        # Covers the history lookup a booth makes for every traveller (migration 0008).
        Index("ix_decisions_identity", "agency", "identity_key", "travel_date", "kind"),
        Index("ix_decisions_message", "message_id"),
        # Covers the day's flights in figures and a flight's travellers (migration 0013).
        Index("ix_decisions_flight", "agency", "travel_date", "flight", "kind", "id"),
    )


class HitRow(Base):
    __tablename__ = "hits"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    decision_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    identity_key: Mapped[str] = mapped_column(String(64))
    traveller_fingerprint: Mapped[str] = mapped_column(String(64))
    subject_fingerprint: Mapped[str] = mapped_column(String(64))
    traveller_name: Mapped[str] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    disposed_by: Mapped[str | None] = mapped_column(String(200))
    disposed_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_hits_queue", "agency", "status", "created_at"),
        Index("ix_hits_ref", "agency", "ref"),
        Index("ix_hits_decision", "decision_id"),
        Index("ix_hits_identity", "agency", "identity_key", "status", "ref"),
    )


class DismissalRow(Base):
    __tablename__ = "dismissals"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(8))
    identity_key: Mapped[str] = mapped_column(String(64))
    ref: Mapped[str] = mapped_column(String(200))
    traveller_fingerprint: Mapped[str] = mapped_column(String(64))
    subject_fingerprint: Mapped[str] = mapped_column(String(64))
    by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]

    __table_args__ = (Index("ix_dismissals_pair", "agency", "identity_key", "ref"),)


class OutcomeRow(Base):
    """What secondary inspection found for a decision."""

    __tablename__ = "secondary_outcomes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    decision_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("decision_id", name="uq_outcome_decision"),)


class RuleSetRow(Base):
    """A rule set as authored (YAML), one row per version; one active per agency."""

    __tablename__ = "rule_sets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    rule_count: Mapped[int]
    active: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("agency", "version", name="uq_rule_sets_agency_version"),)


class MessageRow(Base):
    """An ingested API/PNR message: its reference *and content* make ingest idempotent.

    A reference may be taken in more than once with different content (carriers re-use
    them): each content gets its own receipt, the later ones with a ``warning``."""

    __tablename__ = "messages"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))  # paxlst, pnrgov
    sender: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str] = mapped_column(String(128))
    content_hash: Mapped[str] = mapped_column(String(64))
    travellers: Mapped[int]
    received_at: Mapped[datetime]
    warning: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        UniqueConstraint(
            "agency", "kind", "sender", "reference", "content_hash", name="uq_messages_content"
        ),
    )


class IdempotencyKeyRow(Base):
    """A client's idempotency key, the digest of the request made with it, and its result."""

    __tablename__ = "idempotency_keys"

    actor: Mapped[str] = mapped_column(String(200), primary_key=True)
    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    agency: Mapped[str] = mapped_column(String(8))
    request_digest: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]


class NexusMemberRow(Base):
    """The trusted-traveller registry: NEXUS members by card (PASSID) number."""

    __tablename__ = "nexus_members"

    card_number: Mapped[str] = mapped_column(String(16), primary_key=True)
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(1000))  # a JSON list (see 0010)
    original_script: Mapped[str | None] = mapped_column(String(400))
    birth_date: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime]
