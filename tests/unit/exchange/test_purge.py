from __future__ import annotations

from datetime import timedelta

from smartborder.domain import AuditAction, utc_now
from smartborder.exchange.outbox import delivery_status
from smartborder.exchange.purge import purge

from .support import Side


def test_records_past_retention_are_purged_and_the_purge_audited(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    cbsa.record(6)
    cbsa.relay.drain()
    retention = cbp.node.agreement.terms["entry-exit"].retention_days
    # The day before they fall due nothing goes; the day after, all of them do.
    early = purge(cbp.node, cbp.container.units, now=utc_now() + timedelta(days=retention - 1))
    assert early[0].records == 0 and len(cbp.exits()) == 6
    late = purge(cbp.node, cbp.container.units, now=utc_now() + timedelta(days=retention + 1))
    assert (late[0].records, late[0].receipts) == (6, 6)
    assert cbp.exits() == []
    with cbp.container.units() as uow:
        deletions = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.DELETE]
    assert [d.detail["records"] for d in deletions] == ["0", "6"]
    assert deletions[-1].purpose == "retention under agreement btb-entry-exit-phase-iii"
    # The sender drops its delivered bookkeeping on the same schedule.
    purge(cbsa.node, cbsa.container.units, now=utc_now() + timedelta(days=retention + 1))
    assert delivery_status(cbsa.container.units()).delivered == 0


def test_exit_records_received_recently_are_kept(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    cbsa.record(2)
    cbsa.relay.drain()
    purge(cbp.node, cbp.container.units)
    assert len(cbp.exits()) == 2
