"""The port of trusted-traveller applications (NEXUS, FAST): the programmes context's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    EnrolmentCentre,
    Programme,
)


class ApplicationRepository(Protocol):
    def add(self, application: Application) -> None:
        """Store a new application (its id is new: a Conflict if it is not)."""
        ...

    def get(self, application_id: str) -> Application | None: ...

    def save(self, application: Application) -> None:
        """Store a changed application whose ``version`` is one more than the stored one's;
        a Conflict if it is not (someone changed it meanwhile) or if it is not stored."""
        ...

    def by_passid(self, passid: str) -> Application | None: ...

    def find(self, surname: str, birth_date: date) -> list[Application]:
        """The applications of this surname (as stored, upper case) and birth date."""
        ...

    def with_status(
        self,
        statuses: Sequence[ApplicationStatus],
        *,
        after: str = "",
        limit: int = 1000,
        programme: Programme | None = None,
    ) -> list[Application]:
        """Applications in one of ``statuses`` (of ``programme`` alone, when given), in id
        order, those with an id after ``after`` (for paging through them all)."""
        ...

    def count_by_status(self) -> dict[ApplicationStatus, int]: ...

    def booked(self, centre: str, first: date, last: date) -> dict[date, int]:
        """The interviews booked (and not yet held) at ``centre``, per day from ``first``
        to ``last``; days with none are left out."""
        ...

    def waiting_at(self, centre: str) -> int:
        """The applicants booked at ``centre`` and not yet interviewed."""
        ...

    def booked_since(self, centre: str, since: datetime) -> int:
        """The interviews booked at ``centre`` since ``since``, held or not."""
        ...


class CentreRepository(Protocol):
    """The joint enrolment centres."""

    def put_many(self, centres: list[EnrolmentCentre]) -> None:
        """Store centres, replacing any of the same code."""
        ...

    def get(self, code: str) -> EnrolmentCentre | None: ...

    def list(self) -> list[EnrolmentCentre]:
        """Every centre, by code."""
        ...


class RevetMarkRepository(Protocol):
    """What the last re-vetting screened the members against: each list entry's ref and
    the digest of its content, so that the next one screens against what changed."""

    def marks(self) -> dict[str, str]: ...

    def replace_all(self, marks: dict[str, str]) -> None: ...
