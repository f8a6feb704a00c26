"""clearance: decisions, hits, dismissals, secondary outcomes, rule sets, messages, NEXUS

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("risk_score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("decided_at", UtcDateTime(), nullable=False),
        sa.Column("travel_date", sa.Date(), nullable=False),
        sa.Column("traveller_name", sa.String(400), nullable=False),
        sa.Column("identity_key", sa.String(64), nullable=False),
        sa.Column("birth_date", sa.Date()),
        sa.Column("nationality", sa.String(3)),
        sa.Column("document_number", sa.String(40)),
        sa.Column("message_id", sa.String(36)),
        sa.Column("flight", sa.String(16)),
        sa.Column("port_code", sa.String(8)),
        sa.Column("lane", sa.String(16)),
        sa.Column("facts", sa.JSON(), nullable=False),
    )
    op.create_index("ix_decisions_agency_travel_date", "decisions", ["agency", "travel_date"])
    op.create_index("ix_decisions_identity", "decisions", ["agency", "identity_key"])
    op.create_index("ix_decisions_message", "decisions", ["message_id"])

    op.create_table(
        "hits",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("decision_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("identity_key", sa.String(64), nullable=False),
        sa.Column("traveller_fingerprint", sa.String(64), nullable=False),
        sa.Column("subject_fingerprint", sa.String(64), nullable=False),
        sa.Column("traveller_name", sa.String(400), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("disposed_by", sa.String(200)),
        sa.Column("disposed_at", UtcDateTime()),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_hits_queue", "hits", ["agency", "status", "created_at"])
    op.create_index("ix_hits_ref", "hits", ["agency", "ref"])
    op.create_index("ix_hits_decision", "hits", ["decision_id"])

    op.create_table(
        "dismissals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("identity_key", sa.String(64), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("traveller_fingerprint", sa.String(64), nullable=False),
        sa.Column("subject_fingerprint", sa.String(64), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_dismissals_pair", "dismissals", ["agency", "identity_key", "ref"])

    op.create_table(
        "secondary_outcomes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("decision_id", sa.String(36), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("decision_id", name="uq_outcome_decision"),
    )

    op.create_table(
        "rule_sets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("rule_count", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("agency", "version", name="uq_rule_sets_agency_version"),
    )

    op.create_table(
        "messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(128), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("travellers", sa.Integer(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("agency", "kind", "sender", "reference", name="uq_messages_reference"),
    )

    op.create_table(
        "nexus_members",
        sa.Column("card_number", sa.String(16), primary_key=True),
        sa.Column("surname", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date()),
        sa.Column("nationality", sa.String(3)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("expiry_date", sa.Date()),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("nexus_members", "messages", "rule_sets", "secondary_outcomes"):
        op.drop_table(table)
    op.drop_index("ix_dismissals_pair", table_name="dismissals")
    op.drop_table("dismissals")
    for index in ("ix_hits_decision", "ix_hits_ref", "ix_hits_queue"):
        op.drop_index(index, table_name="hits")
    op.drop_table("hits")
    for index in (
        "ix_decisions_message",
        "ix_decisions_identity",
        "ix_decisions_agency_travel_date",
    ):
        op.drop_index(index, table_name="decisions")
    op.drop_table("decisions")
