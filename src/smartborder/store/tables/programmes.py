"""Tables of the trusted-traveller programmes: NEXUS and FAST applications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smartborder.store.tables.base import Base


class ApplicationRow(Base):
    """One application, whole, as JSON in ``body`` (``sql.applications_codec``).

    The other columns copy what the store looks applications up by (status, surname and
    birth date, PASSID) and ``version``, which a save checks in its UPDATE so that a stale
    write changes no row (migration 0016)."""

    __tablename__ = "nexus_applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    programme: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(32), index=True)
    home: Mapped[str] = mapped_column(String(8))
    surname: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    passid: Mapped[str | None] = mapped_column(String(9))
    version: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        # The applicant's own status lookup and ``find``: by surname and birth date.
        Index("ix_nexus_applications_applicant", "surname", "birth_date"),
        UniqueConstraint("passid", name="uq_nexus_applications_passid"),
    )


class RevetMarkRow(Base):
    """A list entry as the last re-vetting of the members saw it (migration 0017)."""

    __tablename__ = "revet_marks"

    ref: Mapped[str] = mapped_column(String(300), primary_key=True)  # list_id:source_id
    digest: Mapped[str] = mapped_column(String(64))
