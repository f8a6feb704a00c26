"""Tables of the trusted-traveller programmes: NEXUS and FAST applications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, Integer, String, Text, UniqueConstraint
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
    # The booked interview, copied from the body: a centre's day is counted by these
    # (migration 0018).
    interview_centre: Mapped[str | None] = mapped_column(String(8))
    interview_day: Mapped[date | None] = mapped_column(Date)
    interview_booked_at: Mapped[datetime | None]

    __table_args__ = (
        # The applicant's own status lookup and ``find``: by surname and birth date.
        Index("ix_nexus_applications_applicant", "surname", "birth_date"),
        Index("ix_nexus_applications_interview", "interview_centre", "interview_day"),
        UniqueConstraint("passid", name="uq_nexus_applications_passid"),
    )


class CentreRow(Base):
    """A joint enrolment centre and its interviews an open day (migration 0018)."""

    __tablename__ = "enrolment_centres"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    interviews_per_day: Mapped[int] = mapped_column(Integer)
    open_weekdays: Mapped[str] = mapped_column(String(7))  # "01234": Monday to Friday
    no_show_rate: Mapped[float] = mapped_column(Float)


class RevetMarkRow(Base):
    """A list entry as the last re-vetting of the members saw it (migration 0017)."""

    __tablename__ = "revet_marks"

    ref: Mapped[str] = mapped_column(String(300), primary_key=True)  # list_id:source_id
    digest: Mapped[str] = mapped_column(String(64))
