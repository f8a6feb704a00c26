"""users: tokens expire

Tokens were accepted until revoked. ``token_expires_at`` holds when the user's current
token stops being accepted; tokens issued before this migration expire 90 days after it
(the default of ``SMARTBORDER_TOKEN_LIFETIME_DAYS``), so that none is cut off at once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

EXISTING_TOKENS_LIFETIME = timedelta(days=90)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("token_expires_at", UtcDateTime(), nullable=True))
    users = sa.table("users", sa.column("token_expires_at", UtcDateTime()))
    expires = datetime.now(UTC) + EXISTING_TOKENS_LIFETIME
    op.execute(
        users.update()
        .where(users.c.token_expires_at.is_(None))
        .values(token_expires_at=sa.literal(expires, UtcDateTime()))
    )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_expires_at")
