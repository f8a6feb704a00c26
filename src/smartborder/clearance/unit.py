"""The unit of work of travellers' clearance: the repositories its services use and no
other (mypy holds them to it; the store's ``UnitOfWork`` is one). Clearance screens
against the node's lists and rules, so its unit is also a ``ListsUnit``."""

from __future__ import annotations

from typing import Protocol

from smartborder.lists.unit import ListsUnit
from smartborder.repositories.exchange import OutboxRepository
from smartborder.repositories.unit import (
    CrossingRepository,
    IdempotencyRepository,
    MessageRepository,
    NexusRepository,
    PortRepository,
)


class ClearanceUnit(ListsUnit, Protocol):
    crossings: CrossingRepository
    idempotency: IdempotencyRepository
    messages: MessageRepository
    ports: PortRepository
    nexus: NexusRepository  # a NEXUS card read at the booth
    outbox: OutboxRepository  # entries staged for the partner with their records
