"""goods: manifest submissions, shipments, trusted traders, examinations, cargo models

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "manifest_submissions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("trip_number", sa.String(25)),
        sa.Column("amendment", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("submitted_by", sa.String(200), nullable=False),
        sa.Column("acknowledgement", sa.JSON(), nullable=False),
        sa.Column("document", sa.JSON()),
    )
    op.create_index(
        "ix_manifest_submissions_trip", "manifest_submissions", ["agency", "trip_number"]
    )
    op.create_table(
        "shipments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column(
            "submission_id",
            sa.String(36),
            sa.ForeignKey("manifest_submissions.id"),
            nullable=False,
        ),
        sa.Column("trip_number", sa.String(25), nullable=False),
        sa.Column("cargo_control_number", sa.String(25), nullable=False),
        sa.Column("port_code", sa.String(8), nullable=False),
        sa.Column("arrival_day", sa.Date(), nullable=False),
        sa.Column("estimated_arrival", UtcDateTime(), nullable=False),
        sa.Column("goods", sa.JSON(), nullable=False),
        sa.Column("lane", sa.String(8), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("risk", sa.Float()),
        sa.Column("score", sa.Float()),
        sa.Column("model_version", sa.String(64)),
        sa.Column("decided_at", UtcDateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("agency", "cargo_control_number", name="uq_shipments_agency_ccn"),
    )
    op.create_index("ix_shipments_port_day", "shipments", ["agency", "port_code", "arrival_day"])
    op.create_table(
        "trusted_traders",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("programme", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("identifier", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint(
            "agency", "programme", "kind", "identifier", name="uq_trusted_traders_member"
        ),
    )
    op.create_table(
        "examinations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column(
            "shipment_id", sa.String(36), sa.ForeignKey("shipments.id"), nullable=False, unique=True
        ),
        sa.Column("port_code", sa.String(8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("selected_by", sa.String(10), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("selected_at", UtcDateTime(), nullable=False),
        sa.Column("outcome", sa.String(10)),
        sa.Column("revenue", sa.Float()),
        sa.Column("findings", sa.Text()),
        sa.Column("recorded_at", UtcDateTime()),
        sa.Column("recorded_by", sa.String(200)),
    )
    op.create_index("ix_examinations_port_day", "examinations", ["agency", "port_code", "day"])
    op.create_table(
        "cargo_models",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("trained_on", sa.JSON(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
    )
    op.create_index("ix_cargo_models_agency_created", "cargo_models", ["agency", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_cargo_models_agency_created", table_name="cargo_models")
    op.drop_table("cargo_models")
    op.drop_index("ix_examinations_port_day", table_name="examinations")
    op.drop_table("examinations")
    op.drop_table("trusted_traders")
    op.drop_index("ix_shipments_port_day", table_name="shipments")
    op.drop_table("shipments")
    op.drop_index("ix_manifest_submissions_trip", table_name="manifest_submissions")
    op.drop_table("manifest_submissions")
