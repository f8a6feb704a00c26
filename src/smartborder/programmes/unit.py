"""The unit of work of the trusted-traveller and trader programmes: the repositories
their services use and no other (mypy holds them to it; the store's ``UnitOfWork`` is
one)."""

from __future__ import annotations

from typing import Protocol

from smartborder.repositories.applications import (
    ApplicationRepository,
    CentreRepository,
    RevetMarkRepository,
)
from smartborder.repositories.exchange import OutboxRepository
from smartborder.repositories.goods import TraderRepository
from smartborder.repositories.unit import AuditLog, DecisionRepository, NexusRepository, Unit


class ProgrammesUnit(Unit, Protocol):
    audit: AuditLog
    nexus: NexusRepository
    applications: ApplicationRepository
    revet_marks: RevetMarkRepository
    centres: CentreRepository
    traders: TraderRepository
    decisions: DecisionRepository  # the secondary outcomes of an applicant's crossings
    outbox: OutboxRepository  # what is shared with the partner's node, in the same transaction
