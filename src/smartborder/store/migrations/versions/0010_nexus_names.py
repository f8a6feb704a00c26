"""nexus_members: a member's name kept whole

The registry joined given names with spaces and split them again ("MARY ANN" came back
as two names) and dropped the name's original script. ``given_names`` now holds a JSON
list (rows written before hold space-separated text and are read as before), and
``original_script`` is a new column.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nexus_members") as batch:
        batch.add_column(sa.Column("original_script", sa.String(400), nullable=True))
        batch.alter_column("given_names", type_=sa.String(1000), existing_type=sa.String(200))


def downgrade() -> None:
    with op.batch_alter_table("nexus_members") as batch:
        batch.drop_column("original_script")
        batch.alter_column("given_names", type_=sa.String(200), existing_type=sa.String(1000))
