"""ports: the IATA code of an airport port, which API data names instead of the port code

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ports") as batch:
        batch.add_column(sa.Column("airport", sa.String(3), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ports") as batch:
        batch.drop_column("airport")
