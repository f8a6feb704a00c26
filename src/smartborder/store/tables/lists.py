"""The tables of watch lists: one row per loaded list, one per lookout of its version, one
per fetch of a list from its source."""

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


class ListFetchRow(Base):
    """One fetch of a list from its source: running until it is finished with an outcome."""

    __tablename__ = "list_fetches"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(40))
    list_id: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(16))
    version: Mapped[str] = mapped_column(String(80))
    entries: Mapped[int | None] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
    problem: Mapped[str] = mapped_column(String(500))

    __table_args__ = (Index("ix_list_fetches_started", "started_at"),)


__all__ = ["ListFetchRow", "LookoutRow", "WatchListRow"]
