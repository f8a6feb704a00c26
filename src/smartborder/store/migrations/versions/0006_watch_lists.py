"""watch lists: the loaded version of each list and its lookouts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "watch_lists",
        sa.Column("list_id", sa.String(40), primary_key=True),
        sa.Column("version", sa.String(80), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("loaded_at", UtcDateTime(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
    )
    op.create_table(
        "lookouts",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("list_id", sa.String(40), nullable=False),
        sa.Column("version", sa.String(80), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_lookouts_list_version", "lookouts", ["list_id", "version"])


def downgrade() -> None:
    op.drop_index("ix_lookouts_list_version", table_name="lookouts")
    op.drop_table("lookouts")
    op.drop_table("watch_lists")
