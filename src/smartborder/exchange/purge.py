"""Retention: records past the agreement's retention period are deleted, and the purge audited.

For each record type, the cutoff is ``now - retention_days``. What goes: the exit records
received from the partner before the cutoff, the inbox receipts of that age, and our own
delivered outbox rows of that age (they hold no fields by then, only keys for the
manifests). Each purge writes one audit entry with the cutoff and the counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from smartborder.domain import AuditAction, AuditEvent, utc_now
from smartborder.exchange.entry_exit import ENTRY_EXIT
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.unit import ExchangeUnit

ACTOR = "system/retention"


@dataclass(frozen=True, slots=True)
class Purged:
    record_type: str
    cutoff: datetime
    records: int  # received records deleted
    receipts: int
    disclosures: int  # our delivered outbox rows deleted


def purge(
    node: ExchangeNode, units: Callable[[], ExchangeUnit], *, now: datetime | None = None
) -> list[Purged]:
    """Apply every record type's retention period; one audit entry per record type."""
    now = now or utc_now()
    results = []
    for record_type, terms in sorted(node.agreement.terms.items()):
        cutoff = now - timedelta(days=terms.retention_days)
        with units() as work:
            records = 0
            if record_type == ENTRY_EXIT and terms.direction.carries(node.partner_agency):
                records = work.partner_records.purge_exits(node.agency, cutoff)
            receipts = work.inbox.purge_receipts(record_type, cutoff)
            disclosures = work.outbox.purge_delivered(record_type, cutoff)
            work.audit.append(
                AuditEvent(
                    actor=ACTOR,
                    agency=str(node.agency),
                    action=AuditAction.DELETE,
                    purpose=f"retention under agreement {node.agreement.id}",
                    record_type=record_type,
                    detail={
                        "cutoff": cutoff.isoformat(),
                        "retention_days": str(terms.retention_days),
                        "records": str(records),
                        "receipts": str(receipts),
                        "disclosures": str(disclosures),
                    },
                    at=now,
                )
            )
            work.inbox.forget_messages(now)
            work.commit()
        results.append(Purged(record_type, cutoff, records, receipts, disclosures))
    return results
