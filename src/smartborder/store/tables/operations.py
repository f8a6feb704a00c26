"""Tables of port operations: the waits per port, lane type and hour behind the public feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base, BigId


class WaitTimeRow(Base):
    """One hour's wait in one lane type of one port, observed, simulated or forecast.

    One row per (port, lane, source, hour): writing the same hour again replaces it, so
    a command that is re-run or a forecast that is refreshed never duplicates an hour.
    """

    __tablename__ = "wait_times"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    port_code: Mapped[str] = mapped_column(String(8))
    lane: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    hour: Mapped[datetime]
    delay_minutes: Mapped[float] = mapped_column(Float)
    lanes_open: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint(
            "port_code", "lane", "source", "hour", name="uq_wait_times_port_lane_source_hour"
        ),
        Index("ix_wait_times_port_hour", "port_code", "hour"),
    )


__all__ = ["WaitTimeRow"]
