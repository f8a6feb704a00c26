"""exchange: outbox, inbox, replay cache and audit anchors of partner sharing

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "exchange_outbox",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("record_type", sa.String(20), nullable=False),
        sa.Column("partner", sa.String(8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("delivered_at", UtcDateTime()),
        sa.Column("last_error", sa.String(500), nullable=False),
        sa.UniqueConstraint("record_type", "key", name="uq_exchange_outbox_type_key"),
    )
    op.create_index("ix_exchange_outbox_due", "exchange_outbox", ["state", "next_attempt_at"])
    op.create_index("ix_exchange_outbox_day", "exchange_outbox", ["record_type", "day", "state"])
    op.create_table(
        "exchange_inbox",
        sa.Column("sender", sa.String(8), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("record_type", sa.String(20), nullable=False),
        sa.Column("local_id", sa.String(36), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_exchange_inbox_received", "exchange_inbox", ["record_type", "received_at"])
    op.create_table(
        "exchange_replay",
        sa.Column("message_id", sa.String(64), primary_key=True),
        sa.Column("sender", sa.String(8), nullable=False),
        sa.Column("seen_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_exchange_replay_expires_at", "exchange_replay", ["expires_at"])
    op.create_table(
        "exchange_anchors",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("seq", BigId, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_exchange_anchors_agency", "exchange_anchors", ["agency", "id"])


def downgrade() -> None:
    op.drop_index("ix_exchange_anchors_agency", table_name="exchange_anchors")
    op.drop_table("exchange_anchors")
    op.drop_index("ix_exchange_replay_expires_at", table_name="exchange_replay")
    op.drop_table("exchange_replay")
    op.drop_index("ix_exchange_inbox_received", table_name="exchange_inbox")
    op.drop_table("exchange_inbox")
    op.drop_index("ix_exchange_outbox_day", table_name="exchange_outbox")
    op.drop_index("ix_exchange_outbox_due", table_name="exchange_outbox")
    op.drop_table("exchange_outbox")
