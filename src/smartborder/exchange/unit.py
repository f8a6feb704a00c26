"""The units of work of information sharing: the repositories its services use and no
other (mypy holds them to it; the store's ``UnitOfWork`` is one of each)."""

from __future__ import annotations

from typing import Protocol

from smartborder.repositories.exchange import (
    InboxRepository,
    OutboxRepository,
    PartnerRecordRepository,
)
from smartborder.repositories.unit import AuditLog, CrossingRepository, PortRepository, Unit


class ExchangeUnit(Unit, Protocol):
    audit: AuditLog
    crossings: CrossingRepository
    inbox: InboxRepository
    outbox: OutboxRepository
    partner_records: PartnerRecordRepository
    ports: PortRepository  # whose ports records name: the partner's, never ours


class StagingUnit(Unit, Protocol):
    """What staging entries for the partner needs of the unit that records them (the
    clearance service's): only the outbox, written in the same transaction."""

    outbox: OutboxRepository
