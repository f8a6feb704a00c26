"""The transactional outbox: entries queued for the partner in the transaction that records them.

Writing the outbox row in the crossing's own transaction is what makes delivery
guaranteed: a crash can lose neither an entry nor its disclosure, and cannot leave one
without the other. The relay then reads the outbox; it never reads crossings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from smartborder.domain import CrossingRecord, Direction, utc_now
from smartborder.domain.exchange import DeliveryStatus, Disclosure
from smartborder.exchange.entry_exit import ENTRY_EXIT, entry_fields
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.unit import ExchangeUnit, StagingUnit


class PartnerShare:
    """Queues any record the agreement shares, reduced to its agreed fields, in the
    caller's transaction (entries, the programmes' applications and decisions)."""

    def __init__(self, node: ExchangeNode) -> None:
        self._node = node

    def stage_many(
        self, uow: StagingUnit, record_type: str, items: Iterable[tuple[str, dict[str, Any], date]]
    ) -> int:
        """Queue each (key, fields, day) of ``record_type``; how many (none when the
        agreement does not let this agency share that type)."""
        node = self._node
        terms = node.agreement.outgoing(record_type, node.agency)
        if terms is None:
            return 0
        disclosures = [
            Disclosure(
                key=key,
                record_type=record_type,
                partner=node.partner_agency,
                day=day,
                fields=node.agreement.reduce(terms, fields),
            )
            for key, fields, day in items
        ]
        uow.outbox.add_many(disclosures)
        return len(disclosures)

    def stage(
        self, uow: StagingUnit, record_type: str, key: str, fields: dict[str, Any], day: date
    ) -> bool:
        return self.stage_many(uow, record_type, [(key, fields, day)]) == 1


class EntryDisclosure:
    """Queues this agency's entries as the partner's exit records, reduced to the agreement."""

    def __init__(self, node: ExchangeNode) -> None:
        self._node = node
        self._share = PartnerShare(node)

    def stage_entries(self, uow: StagingUnit, records: Sequence[CrossingRecord]) -> int:
        agency = self._node.agency
        entries = (
            (record.id, entry_fields(record), record.crossed_at.date())
            for record in records
            if record.direction is Direction.ENTRY and record.agency is agency
        )
        return self._share.stage_many(uow, ENTRY_EXIT, entries)


def delivery_status(uow: ExchangeUnit) -> DeliveryStatus:
    """Pending, delivered and failed counts, and the oldest record still waiting."""
    with uow:
        return uow.outbox.status()


def requeue_failed(uow: ExchangeUnit) -> int:
    """Put records the partner refused back in the queue (after the agreement is fixed)."""
    with uow:
        count = uow.outbox.requeue_failed(utc_now())
        uow.commit()
    return count
