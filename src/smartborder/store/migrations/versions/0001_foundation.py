"""foundation: users, ports, crossings and the audit chain

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.UniqueConstraint("agency", "name", name="uq_users_agency_name"),
    )
    op.create_table(
        "ports",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("cbp_port_code", sa.String(8)),
        sa.Column("cbsa_office_code", sa.String(8)),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("lanes", sa.String(200), nullable=False),
        sa.Column("partner_port_code", sa.String(8)),
    )
    op.create_table(
        "crossings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("surname", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("original_script", sa.String(400)),
        sa.Column("birth_date", sa.Date()),
        sa.Column("nationality", sa.String(3)),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("document_type", sa.String(8)),
        sa.Column("document_number", sa.String(40)),
        sa.Column("document_issuing", sa.String(3)),
        sa.Column("document_expiry", sa.Date()),
        sa.Column("port_code", sa.String(8), nullable=False),
        sa.Column("lane", sa.String(16)),
        sa.Column("crossed_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("partner_id", sa.String(64)),
        sa.UniqueConstraint("agency", "partner_id", name="uq_crossings_agency_partner_id"),
    )
    op.create_index(
        "ix_crossings_agency_direction_crossed",
        "crossings",
        ["agency", "direction", "crossed_at"],
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", BigId, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", BigId, primary_key=True, autoincrement=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("purpose", sa.String(200), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(100)),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_record", "audit_log", ["record_type", "record_id"])
    # The chain starts from a genesis hash of zeros, at sequence 0.
    op.bulk_insert(
        sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash")),
        [{"id": 1, "seq": 0, "hash": "0" * 64}],
    )


def downgrade() -> None:
    op.drop_index("ix_audit_record", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("audit_head")
    op.drop_index("ix_crossings_agency_direction_crossed", table_name="crossings")
    op.drop_table("crossings")
    op.drop_table("ports")
    op.drop_table("users")
