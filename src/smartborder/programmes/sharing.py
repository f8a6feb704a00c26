"""What a trusted-traveller node shares with its partner's: the application, to vet, and
each decision its own agency makes (``partner`` applies them on the other side)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from smartborder.domain import Agency
from smartborder.domain.applications import Application, Notice
from smartborder.formats.programme_records import (
    NEXUS_APPLICATION,
    NEXUS_DECISION,
    Change,
    application_fields,
    decision_fields,
)
from smartborder.programmes.unit import ProgrammesUnit


class Sharing(Protocol):
    """Queues a record for the partner in the caller's transaction (``exchange.outbox``);
    False when the agreement does not share that record type."""

    def stage(
        self, uow: ProgrammesUnit, record_type: str, key: str, fields: dict[str, Any], day: date
    ) -> bool: ...


def share_application(share: Sharing | None, uow: ProgrammesUnit, application: Application) -> None:
    """The application, to the partner agency to vet, and the home agency's vetting."""
    if share is None:
        return
    share.stage(
        uow,
        NEXUS_APPLICATION,
        application.id,
        application_fields(application),
        application.submitted_at.date(),
    )
    share_decision(
        share, uow, application, application.home, Change.VETTING, application.updated_at
    )


def share_decision(
    share: Sharing | None,
    uow: ProgrammesUnit,
    application: Application,
    agency: Agency,
    change: Change,
    at: datetime,
    *,
    notice: Notice | None = None,
) -> None:
    """``agency``'s ``change`` to ``application`` (as saved), to the partner."""
    if share is None:
        return
    share.stage(
        uow,
        NEXUS_DECISION,
        f"{application.id}/{change}/{application.version}",
        decision_fields(application, agency, change, at, notice=notice),
        at.date(),
    )
