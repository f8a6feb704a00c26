"""list fetches: each fetch of a list from its source and what came of it

The console's Lists page says when each source was last fetched and with what result,
and an administrator can fetch one from there: the fetch is recorded as it begins
(running) and finished with its outcome, so a page, or another process, sees it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "list_fetches",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("list_id", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("version", sa.String(80), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=True),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("problem", sa.String(500), nullable=False),
    )
    op.create_index("ix_list_fetches_started", "list_fetches", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_list_fetches_started", table_name="list_fetches")
    op.drop_table("list_fetches")
