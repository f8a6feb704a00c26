"""nexus applications: trusted-traveller applications, from the form to the card

NEXUS and FAST applications were not kept: an application is vetted by both agencies,
may be denied, suspended or revoked with a notice and a recourse, and is changed by
officers of both nodes and by the applicant, so it needs a home of its own. Each one is
kept whole as JSON, with the columns it is looked up by (status, surname and birth date
for the applicant's own lookup, its PASSID, unique once issued) and a version that each
save checks, so that a change made meanwhile is never overwritten.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nexus_applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("programme", sa.String(8), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("home", sa.String(8), nullable=False),
        sa.Column("surname", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("passid", sa.String(9), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.UniqueConstraint("passid", name="uq_nexus_applications_passid"),
    )
    op.create_index("ix_nexus_applications_status", "nexus_applications", ["status"])
    op.create_index(
        "ix_nexus_applications_applicant", "nexus_applications", ["surname", "birth_date"]
    )


def downgrade() -> None:
    op.drop_index("ix_nexus_applications_applicant", table_name="nexus_applications")
    op.drop_index("ix_nexus_applications_status", table_name="nexus_applications")
    op.drop_table("nexus_applications")
