"""examinations: the capacity their queue was built under

A port's day of examinations was selected under a capacity that was not kept, so a
queue read again could not say how many of its examinations are past that capacity
(required by a watch-list hit or a biosecurity rule). Each examination now keeps its
queue's capacity; those selected before are left without one (unknown).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("examinations") as batch:
        batch.add_column(sa.Column("capacity", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("examinations") as batch:
        batch.drop_column("capacity")
