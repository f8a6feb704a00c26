"""decisions, hits: indexes that answer "this traveller's history" without scanning the day

A booth asks, for every traveller, how often this identity crossed and was referred
since a date, and which of its hits an analyst confirmed. With only (agency,
identity_key) indexed, SQLite chose the (agency, travel_date) index instead and read
every decision since that date for each lookup: a cost that grew with the store. The
new indexes carry every column the two lookups read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_decisions_identity", table_name="decisions")
    op.create_index(
        "ix_decisions_identity", "decisions", ["agency", "identity_key", "travel_date", "kind"]
    )
    op.create_index("ix_hits_identity", "hits", ["agency", "identity_key", "status", "ref"])


def downgrade() -> None:
    op.drop_index("ix_hits_identity", table_name="hits")
    op.drop_index("ix_decisions_identity", table_name="decisions")
    op.create_index("ix_decisions_identity", "decisions", ["agency", "identity_key"])
