"""In-memory fake of the trusted-traveller applications, keeping the SQL version's promises:
an id or a PASSID already held is refused, a save must follow the stored version, times are
kept in UTC and a naive one is refused, lists are in id order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    EnrolmentCentre,
    Programme,
)
from smartborder.errors import Conflict
from smartborder.store.memory.times import stored_time


def _maybe(moment: datetime | None) -> datetime | None:
    return stored_time(moment) if moment is not None else None


def _in_utc(a: Application) -> Application:
    """The application with each of its times in UTC, as the SQL store's body keeps them."""
    return replace(
        a,
        submitted_at=stored_time(a.submitted_at),
        updated_at=stored_time(a.updated_at),
        vetting=tuple(replace(v, decided_at=_maybe(v.decided_at)) for v in a.vetting),
        notices=tuple(replace(n, issued_at=stored_time(n.issued_at)) for n in a.notices),
        recourses=tuple(
            replace(
                r,
                opened_at=stored_time(r.opened_at),
                decided_at=_maybe(r.decided_at),
            )
            for r in a.recourses
        ),
        history=tuple((stored_time(at), status) for at, status in a.history),
        interview=replace(a.interview, booked_at=stored_time(a.interview.booked_at))
        if a.interview
        else None,
    )


class MemoryApplicationRepository:
    """Applications by id, in the unit's working copy (``applications``): a unit rolled
    back, or left without a commit, leaves the committed ones as they were."""

    def __init__(self, applications: dict[str, Application]) -> None:
        self._held = applications

    def _passid_taken(self, application: Application) -> None:
        if application.passid is None:
            return
        holder = next(
            (
                a.id
                for a in self._held.values()
                if a.passid == application.passid and a.id != application.id
            ),
            None,
        )
        if holder is not None:
            raise Conflict(f"PASSID {application.passid} is already application {holder}'s")

    def add(self, application: Application) -> None:
        if application.id in self._held:
            raise Conflict(f"application {application.id} is already stored")
        self._passid_taken(application)
        self._held[application.id] = _in_utc(application)

    def get(self, application_id: str) -> Application | None:
        return self._held.get(application_id)

    def save(self, application: Application) -> None:
        stored = self._held.get(application.id)
        if stored is None:
            raise Conflict(f"application {application.id} is not stored: add it first")
        if stored.version != application.version - 1:
            raise Conflict(
                f"application {application.id} was changed meanwhile: version "
                f"{stored.version} is stored, and version {application.version} can only "
                f"follow {application.version - 1}"
            )
        self._passid_taken(application)
        self._held[application.id] = _in_utc(application)

    def by_passid(self, passid: str) -> Application | None:
        return next((a for a in self._held.values() if a.passid == passid), None)

    def find(self, surname: str, birth_date: date) -> list[Application]:
        found = (
            a
            for a in self._held.values()
            if a.applicant.surname == surname and a.applicant.birth_date == birth_date
        )
        return sorted(found, key=lambda a: a.id)

    def with_status(
        self,
        statuses: Sequence[ApplicationStatus],
        *,
        after: str = "",
        limit: int = 1000,
        programme: Programme | None = None,
    ) -> list[Application]:
        wanted = set(statuses)
        found = (
            a
            for a in self._held.values()
            if a.status in wanted
            and a.id > after
            and (programme is None or a.programme is programme)
        )
        return sorted(found, key=lambda a: a.id)[: max(limit, 0)]

    def count_by_status(self) -> dict[ApplicationStatus, int]:
        return dict(Counter(a.status for a in self._held.values()))

    def _booked_at(self, centre: str) -> list[Application]:
        return [
            a
            for a in self._held.values()
            if a.interview is not None
            and a.interview.centre == centre
            and a.status is ApplicationStatus.INTERVIEW_BOOKED
        ]

    def booked(self, centre: str, first: date, last: date) -> dict[date, int]:
        days = Counter(
            a.interview.day
            for a in self._booked_at(centre)
            if a.interview is not None and first <= a.interview.day <= last
        )
        return dict(days)

    def waiting_at(self, centre: str) -> int:
        return len(self._booked_at(centre))

    def booked_since(self, centre: str, since: datetime) -> int:
        return sum(
            1
            for a in self._held.values()
            if a.interview is not None
            and a.interview.centre == centre
            and a.interview.booked_at >= since
        )


class MemoryCentreRepository:
    def __init__(self, held: dict[str, EnrolmentCentre]) -> None:
        self._held = held

    def put_many(self, centres: list[EnrolmentCentre]) -> None:
        self._held.update({c.code: c for c in centres})

    def get(self, code: str) -> EnrolmentCentre | None:
        return self._held.get(code)

    def list(self) -> list[EnrolmentCentre]:
        return [self._held[c] for c in sorted(self._held)]


class MemoryRevetMarkRepository:
    def __init__(self, held: dict[str, str]) -> None:
        self._held = held

    def marks(self) -> dict[str, str]:
        return dict(self._held)

    def replace_all(self, marks: dict[str, str]) -> None:
        self._held.clear()
        self._held.update(marks)
