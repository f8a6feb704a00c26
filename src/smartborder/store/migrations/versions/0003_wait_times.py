"""operations: waits per port, lane type and hour (observed, simulated, forecast)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "wait_times",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("port_code", sa.String(8), nullable=False),
        sa.Column("lane", sa.String(16), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("hour", UtcDateTime(), nullable=False),
        sa.Column("delay_minutes", sa.Float(), nullable=False),
        sa.Column("lanes_open", sa.Integer()),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint(
            "port_code", "lane", "source", "hour", name="uq_wait_times_port_lane_source_hour"
        ),
    )
    op.create_index("ix_wait_times_port_hour", "wait_times", ["port_code", "hour"])


def downgrade() -> None:
    op.drop_index("ix_wait_times_port_hour", table_name="wait_times")
    op.drop_table("wait_times")
