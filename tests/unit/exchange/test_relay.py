"""Guaranteed delivery between two in-memory nodes: once each, whatever the link does."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from smartborder.clearance.crossings import record_entries
from smartborder.domain import Agency, AuditAction
from smartborder.domain.exchange import Disclosure
from smartborder.errors import ValidationFailed
from smartborder.exchange.outbox import delivery_status, requeue_failed
from smartborder.exchange.relay import Backoff

from .support import Side, entry


def audit_actions(side: Side, action: AuditAction) -> list[str]:
    with side.container.units() as uow:
        return [e.event.record_id or "" for e in uow.audit.entries() if e.event.action is action]


def test_entries_become_the_partners_exit_records_with_agreed_fields_only(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    ids = cbsa.record(120)
    assert delivery_status(cbsa.container.units()).pending == 120
    assert cbsa.relay.drain() == 120
    exits = cbp.exits()
    assert sorted(e.partner_id or "" for e in exits) == sorted(ids)
    for record in exits:
        assert record.agency is Agency.CBP and record.port_code == "813"
        assert record.lane is None  # recorded at the booth, not agreed
        assert record.document is not None and record.document.expiry_date is None
        assert record.name.original_script is None
        assert record.name.given_names == ("ANNA", "MARIA")
    status = delivery_status(cbsa.container.units())
    assert (status.pending, status.delivered, status.failed) == (0, 120, 0)
    assert sorted(audit_actions(cbsa, AuditAction.DISCLOSE)) == sorted(ids)
    assert len(audit_actions(cbp, AuditAction.RECEIVE)) == 120


def test_both_directions_share_under_the_same_agreement(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    cbsa.record(3)
    cbp.record(4)
    cbsa.relay.drain()
    cbp.relay.drain()
    assert len(cbp.exits()) == 3 and len(cbsa.exits()) == 4
    assert {e.port_code for e in cbsa.exits()} == {"3004"}


def test_an_entry_refused_at_the_booth_is_not_queued(pair: tuple[Side, Side]) -> None:
    cbsa, _ = pair
    good, bad = entry(Agency.CBSA, 1), replace(entry(Agency.CBSA, 2), port_code="3004")
    with pytest.raises(ValidationFailed):
        record_entries(
            cbsa.container.units(), cbsa.officer, [good, bad], outbox=cbsa.container.entry_outbox
        )
    status = delivery_status(cbsa.container.units())
    assert status.pending == 0  # the transaction took the outbox rows with it


def test_while_the_partner_is_down_records_wait_then_all_arrive_once(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    cbsa.link.down = True
    ids = cbsa.record(30)
    for _ in range(3):
        result = cbsa.relay.run_once()
        assert result.error == "partner unreachable"
    status = delivery_status(cbsa.container.units())
    assert status.pending == 30 and status.last_error == "partner unreachable"
    assert status.oldest_pending_at is not None
    cbsa.link.down = False
    ids += cbsa.record(30, start=30)
    assert cbsa.relay.drain() == 60
    assert sorted(e.partner_id or "" for e in cbp.exits()) == sorted(ids)


def test_a_lost_answer_costs_a_duplicate_acknowledgement_not_a_duplicate_record(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    ids = cbsa.record(10)
    cbsa.link.lose_next_reply = True
    lost = cbsa.relay.run_once()
    assert lost.error and len(cbp.exits()) == 10  # the partner has them...
    assert delivery_status(cbsa.container.units()).pending == 10  # ...we do not know it
    again = cbsa.relay.run_once()
    assert (again.delivered, again.duplicates) == (0, 10)
    assert sorted(e.partner_id or "" for e in cbp.exits()) == sorted(ids)
    with cbp.container.units() as uow:
        notes = [
            e.event.detail for e in uow.audit.entries() if e.event.record_type == "exchange-message"
        ]
    assert notes == [{"duplicates": "10", "applied": "0"}]


def test_records_refused_by_the_partner_fail_and_can_be_requeued(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    cbsa.record(3)
    # An outbox row that breaks the agreement, as a bug or a tampered store could leave.
    bad = _rewrite_first(cbsa, lambda fields: fields | {"plate": "ABC123"})
    first = cbsa.relay.run_once()
    assert first.failed == 1 and first.delivered == 0
    cbsa.relay.drain()
    status = delivery_status(cbsa.container.units())
    assert (status.delivered, status.failed) == (2, 1)
    assert len(cbp.exits()) == 2
    assert audit_actions(cbsa, AuditAction.REJECT) == [bad.key]
    assert len(audit_actions(cbp, AuditAction.REJECT)) == 1  # audited on both sides
    _rewrite_first(cbsa, lambda fields: {k: v for k, v in fields.items() if k != "plate"})
    assert requeue_failed(cbsa.container.units()) == 1
    cbsa.relay.drain()
    assert len(cbp.exits()) == 3


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    backoff = Backoff(base=0.2, cap=5.0, rng=random.Random(1))
    waits = [backoff.fail() for _ in range(10)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(5.0, 0.2 * 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert max(waits) <= 5.0 and waits[-1] >= 2.5
    assert len({round(w, 6) for w in waits[5:]}) > 1  # jitter: capped waits still differ
    backoff.succeed()
    assert backoff.fail() <= 0.2


def _rewrite_first(side: Side, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Disclosure:
    state = side.container.units().state  # type: ignore[attr-defined]
    first = min(state.exchange.outbox.values(), key=lambda i: i.id)
    state.exchange.outbox[first.id] = replace(first, fields=change(first.fields))
    return first
