"""enrolment centres and interview bookings: where and when applicants are interviewed

A conditionally approved NEXUS or FAST applicant books an interview at a joint enrolment
centre, which interviews so many applicants an open day. The centres are kept in a table
of their own; each application's booking is kept in its body and copied into three
columns (centre, day, when it was booked), indexed, so that a day's bookings at a centre
are counted without reading the applications.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enrolment_centres",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("interviews_per_day", sa.Integer(), nullable=False),
        sa.Column("open_weekdays", sa.String(7), nullable=False),
        sa.Column("no_show_rate", sa.Float(), nullable=False),
    )
    with op.batch_alter_table("nexus_applications") as table:
        table.add_column(sa.Column("interview_centre", sa.String(8), nullable=True))
        table.add_column(sa.Column("interview_day", sa.Date(), nullable=True))
        table.add_column(sa.Column("interview_booked_at", UtcDateTime(), nullable=True))
    op.create_index(
        "ix_nexus_applications_interview",
        "nexus_applications",
        ["interview_centre", "interview_day"],
    )


def downgrade() -> None:
    op.drop_index("ix_nexus_applications_interview", table_name="nexus_applications")
    with op.batch_alter_table("nexus_applications") as table:
        table.drop_column("interview_booked_at")
        table.drop_column("interview_day")
        table.drop_column("interview_centre")
    op.drop_table("enrolment_centres")
