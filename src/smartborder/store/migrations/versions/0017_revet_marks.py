"""revet_marks: what the last re-vetting of the NEXUS members screened against

Re-vetting two million members against every list entry takes most of an hour; against
what changed since the last re-vetting, minutes. Each entry the last run saw is kept with
the digest of its content, so that the next run screens against the entries that are
new or changed (`smartborder nexus revet`).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revet_marks",
        sa.Column("ref", sa.String(300), primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("revet_marks")
