"""messages, exchange_inbox: idempotent on content, not on a reference or key alone

Carriers re-use interchange and message references, so a reference taken in before with
other content is a new message: ``messages`` keeps one receipt per (reference, content),
the later ones with a ``warning``. The exchange inbox keeps the digest of each record it
applied, so that the same key sent again with other fields is refused, not acknowledged
as a duplicate (receipts kept before this migration have none and are compared as
before: by key only).

Downgrading needs one receipt per reference again: it refuses, rather than deleting
receipts, while a reference has more than one.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("warning", sa.String(300), nullable=True))
        batch.drop_constraint("uq_messages_reference", type_="unique")
        batch.create_unique_constraint(
            "uq_messages_content", ["agency", "kind", "sender", "reference", "content_hash"]
        )
    with op.batch_alter_table("exchange_inbox") as batch:
        batch.add_column(sa.Column("digest", sa.String(64), nullable=True))


def downgrade() -> None:
    reused = op.get_bind().scalar(
        sa.text(
            "SELECT count(*) FROM (SELECT 1 FROM messages GROUP BY agency, kind, sender, "
            "reference HAVING count(*) > 1) AS reused"
        )
    )
    if reused:
        raise RuntimeError(
            f"{reused} message reference(s) have more than one receipt; revision 0008 "
            "keeps one per reference, so downgrading would have to delete receipts"
        )
    with op.batch_alter_table("exchange_inbox") as batch:
        batch.drop_column("digest")
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint("uq_messages_content", type_="unique")
        batch.create_unique_constraint(
            "uq_messages_reference", ["agency", "kind", "sender", "reference"]
        )
        batch.drop_column("warning")
