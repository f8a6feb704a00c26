"""Trusted-traveller applications: each kept whole as JSON, with the columns it is found by.

A save is checked in SQL: its UPDATE names the version it read (one less than the one it
writes), so a change committed meanwhile makes it change no row and the save is refused
with a Conflict, on SQLite and PostgreSQL alike, without a lock held between read and write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    EnrolmentCentre,
    Programme,
)
from smartborder.errors import Conflict
from smartborder.store.sql.applications_codec import from_json, to_json
from smartborder.store.tables.programmes import ApplicationRow, CentreRow, RevetMarkRow


def _columns(application: Application) -> dict[str, Any]:
    """The row's values: the lookup columns copied from the application, and its body."""
    interview = application.interview
    return {
        "programme": str(application.programme),
        "status": str(application.status),
        "home": str(application.home),
        "surname": application.applicant.surname,
        "birth_date": application.applicant.birth_date,
        "passid": application.passid,
        "version": application.version,
        "submitted_at": application.submitted_at,
        "updated_at": application.updated_at,
        "body": to_json(application),
        "interview_centre": interview.centre if interview else None,
        "interview_day": interview.day if interview else None,
        "interview_booked_at": interview.booked_at if interview else None,
    }


class SqlApplicationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # Every statement is a plain INSERT, UPDATE or SELECT of columns: no row object is held
    # by the session, to be read back stale after ``save``'s UPDATE.
    def _read(self, query: Select[str, str]) -> list[Application]:
        return [from_json(body, expected_id=i) for i, body in self._session.execute(query)]

    def _bodies(self) -> Select[str, str]:
        return select(ApplicationRow.id, ApplicationRow.body)

    def _passid_taken(self, application: Application) -> None:
        if application.passid is None:
            return
        holder = self._session.scalar(
            select(ApplicationRow.id).where(
                ApplicationRow.passid == application.passid, ApplicationRow.id != application.id
            )
        )
        if holder is not None:
            raise Conflict(f"PASSID {application.passid} is already application {holder}'s")

    def add(self, application: Application) -> None:
        known = select(ApplicationRow.id).where(ApplicationRow.id == application.id)
        if self._session.scalar(known) is not None:
            raise Conflict(f"application {application.id} is already stored")
        self._passid_taken(application)
        values = _columns(application)
        try:
            self._session.execute(insert(ApplicationRow).values(id=application.id, **values))
        except IntegrityError as exc:
            # Another transaction stored the id or the PASSID first (PostgreSQL makes this
            # one wait for it to commit): the same error as the in-memory store's.
            raise Conflict(f"application {application.id} or its PASSID is already stored") from exc

    def get(self, application_id: str) -> Application | None:
        found = self._read(self._bodies().where(ApplicationRow.id == application_id))
        return found[0] if found else None

    def save(self, application: Application) -> None:
        self._passid_taken(application)
        try:
            result = self._session.execute(
                update(ApplicationRow)
                .where(
                    ApplicationRow.id == application.id,
                    ApplicationRow.version == application.version - 1,
                )
                .values(**_columns(application))
                .execution_options(synchronize_session=False)
            )
        except IntegrityError as exc:
            raise Conflict(f"the PASSID of application {application.id} is already taken") from exc
        if int(result.rowcount) == 1:  # type: ignore[attr-defined]
            return
        stored = self._session.scalar(
            select(ApplicationRow.version).where(ApplicationRow.id == application.id)
        )
        if stored is None:
            raise Conflict(f"application {application.id} is not stored: add it first")
        raise Conflict(
            f"application {application.id} was changed meanwhile: version {stored} is stored, "
            f"and version {application.version} can only follow {application.version - 1}"
        )

    def by_passid(self, passid: str) -> Application | None:
        found = self._read(self._bodies().where(ApplicationRow.passid == passid))
        return found[0] if found else None

    def find(self, surname: str, birth_date: date) -> list[Application]:
        return self._read(
            self._bodies()
            .where(ApplicationRow.surname == surname, ApplicationRow.birth_date == birth_date)
            .order_by(ApplicationRow.id)
        )

    def with_status(
        self,
        statuses: Sequence[ApplicationStatus],
        *,
        after: str = "",
        limit: int = 1000,
        programme: Programme | None = None,
    ) -> list[Application]:
        if not statuses or limit <= 0:
            return []
        query = self._bodies().where(
            ApplicationRow.status.in_([str(s) for s in statuses]), ApplicationRow.id > after
        )
        if programme is not None:
            query = query.where(ApplicationRow.programme == str(programme))
        return self._read(query.order_by(ApplicationRow.id).limit(limit))

    def count_by_status(self) -> dict[ApplicationStatus, int]:
        rows = self._session.execute(
            select(ApplicationRow.status, func.count()).group_by(ApplicationRow.status)
        )
        return {ApplicationStatus(status): int(n) for status, n in rows}

    def booked(self, centre: str, first: date, last: date) -> dict[date, int]:
        t = ApplicationRow
        rows = self._session.execute(
            select(t.interview_day, func.count())
            .where(
                t.interview_centre == centre,
                t.interview_day >= first,
                t.interview_day <= last,
                t.status == str(ApplicationStatus.INTERVIEW_BOOKED),
            )
            .group_by(t.interview_day)
        )
        return {day: int(n) for day, n in rows if day is not None}

    def waiting_at(self, centre: str) -> int:
        t = ApplicationRow
        count = self._session.scalar(
            select(func.count()).where(
                t.interview_centre == centre, t.status == str(ApplicationStatus.INTERVIEW_BOOKED)
            )
        )
        return int(count or 0)

    def booked_since(self, centre: str, since: datetime) -> int:
        t = ApplicationRow
        count = self._session.scalar(
            select(func.count()).where(t.interview_centre == centre, t.interview_booked_at >= since)
        )
        return int(count or 0)


class SqlCentreRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put_many(self, centres: list[EnrolmentCentre]) -> None:
        for centre in centres:
            self._session.merge(
                CentreRow(
                    code=centre.code,
                    name=centre.name,
                    interviews_per_day=centre.interviews_per_day,
                    open_weekdays="".join(str(d) for d in sorted(centre.open_weekdays)),
                    no_show_rate=centre.no_show_rate,
                )
            )
        self._session.flush()

    def get(self, code: str) -> EnrolmentCentre | None:
        row = self._session.get(CentreRow, code)
        return _centre(row) if row is not None else None

    def list(self) -> list[EnrolmentCentre]:
        return [
            _centre(r) for r in self._session.scalars(select(CentreRow).order_by(CentreRow.code))
        ]


def _centre(row: CentreRow) -> EnrolmentCentre:
    return EnrolmentCentre(
        code=row.code,
        name=row.name,
        interviews_per_day=row.interviews_per_day,
        open_weekdays=frozenset(int(d) for d in row.open_weekdays),
        no_show_rate=row.no_show_rate,
    )


class SqlRevetMarkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def marks(self) -> dict[str, str]:
        rows = self._session.execute(select(RevetMarkRow.ref, RevetMarkRow.digest))
        return {row.ref: row.digest for row in rows}

    def replace_all(self, marks: dict[str, str]) -> None:
        self._session.execute(delete(RevetMarkRow))
        items = [{"ref": ref, "digest": digest} for ref, digest in marks.items()]
        for start in range(0, len(items), 5000):
            self._session.execute(insert(RevetMarkRow), items[start : start + 5000])
