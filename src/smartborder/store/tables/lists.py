"""The tables of watch lists: one row per loaded list, one per lookout of its version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base, BigId


class WatchListRow(Base):
    """The version of each list that screening uses now."""

    __tablename__ = "watch_lists"

    list_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(40))
    checksum: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime]
    entry_count: Mapped[int] = mapped_column(Integer)


class LookoutRow(Base):
    """One lookout of one version of a list; the facts beyond the keys as JSON."""

    __tablename__ = "lookouts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    list_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(80))
    source_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]]

    __table_args__ = (Index("ix_lookouts_list_version", "list_id", "version"),)


__all__ = ["LookoutRow", "WatchListRow"]
