"""messages, exchange_inbox, idempotency_keys: idempotent on content, not on a key alone

Carriers re-use interchange and message references, so a reference taken in before with
other content is a new message: ``messages`` keeps one receipt per (reference, content),
the later ones with a ``warning``. The exchange inbox keeps the digest of each record it
applied, so that the same key sent again with other fields is refused, not acknowledged
as a duplicate (receipts kept before this migration have none and are compared as
before: by key only).

``idempotency_keys`` keeps each client's Idempotency-Key (per kind of request) with the
digest of the request made under it and the record it created: a retry gets that
record, the same key with another request is refused.

Downgrading needs one receipt per reference again: it refuses, rather than deleting
receipts, while a reference has more than one.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from smartborder.store.tables.types import UtcDateTime

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
    op.create_table(
        "idempotency_keys",
        sa.Column("actor", sa.String(200), primary_key=True),
        sa.Column("scope", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("agency", sa.String(8), nullable=False),
        sa.Column("request_digest", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )


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
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("exchange_inbox") as batch:
        batch.drop_column("digest")
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint("uq_messages_content", type_="unique")
        batch.create_unique_constraint(
            "uq_messages_reference", ["agency", "kind", "sender", "reference"]
        )
        batch.drop_column("warning")
