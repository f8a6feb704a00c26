"""Tables of information sharing: the outbox, the inbox, the replay cache, audit anchors.

Exit records received from the partner live in ``crossings`` (direction ``exit``, with
the partner's id); these tables hold only the bookkeeping of the channel.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base, BigId


class OutboxRow(Base):
    """A record waiting for (or done with) delivery to the partner.

    Written in the same transaction as the record it discloses, so that a record is
    either stored and queued, or neither.
    """

    __tablename__ = "exchange_outbox"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    record_type: Mapped[str] = mapped_column(String(20))
    partner: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date)
    fields: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime]
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(500))

    __table_args__ = (
        UniqueConstraint("record_type", "key", name="uq_exchange_outbox_type_key"),
        Index("ix_exchange_outbox_due", "state", "next_attempt_at"),
        Index("ix_exchange_outbox_day", "record_type", "day", "state"),
    )


class InboxRow(Base):
    """One record key the partner sent and this node applied: the guard against twice."""

    __tablename__ = "exchange_inbox"

    sender: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    local_id: Mapped[str] = mapped_column(String(36))
    message_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]
    # The digest of the record's type and fields: the same key with other fields is refused.
    digest: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_exchange_inbox_received", "record_type", "received_at"),)


class ReplayRow(Base):
    """A message id seen recently; a second message with it is a replay."""

    __tablename__ = "exchange_replay"

    message_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sender: Mapped[str] = mapped_column(String(8))
    seen_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class AnchorRow(Base):
    """The partner's audit chain head, as a message from it carried it."""

    __tablename__ = "exchange_anchors"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(BigId)
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]

    __table_args__ = (Index("ix_exchange_anchors_agency", "agency", "id"),)


__all__ = ["AnchorRow", "InboxRow", "OutboxRow", "ReplayRow"]
