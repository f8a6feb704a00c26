"""Daily manifests, and the audit anchor that exposes a rewritten chain."""

from __future__ import annotations

from datetime import date

from smartborder.audit import trail
from smartborder.domain.audit import GENESIS_HASH, AuditEvent, chain
from smartborder.exchange.reconciliation import disclosed_days, reconcile

from .support import Side

DAY1, DAY2 = date(2026, 7, 3), date(2026, 7, 4)


def test_manifests_are_equal_once_everything_is_delivered(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    cbsa.record(7, day=DAY1)
    cbsa.record(5, day=DAY2, start=7)
    cbsa.relay.drain()
    assert disclosed_days(cbsa.container.units()) == [DAY1, DAY2]
    result = reconcile(cbsa.node, cbsa.container.units, cbsa.link, [DAY1, DAY2])
    assert [c.ours.count for c in result.days] == [7, 5]
    assert result.equal and result.ok
    assert result.anchor is not None and result.anchor.ok


def test_a_record_missing_at_the_partner_shows_in_the_manifest(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    cbsa.record(4, day=DAY1)
    cbsa.relay.drain()
    state = cbp.container.units().state  # type: ignore[attr-defined]
    lost = next(iter(r for r in state.crossings.values() if r.partner_id))
    del state.crossings[lost.id]
    result = reconcile(cbsa.node, cbsa.container.units, cbsa.link, [DAY1])
    (day,) = result.days
    assert (day.ours.count, day.theirs.count) == (4, 3) and not day.equal
    assert not result.ok


def test_a_rewritten_chain_passes_verify_but_not_the_partners_anchor(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    cbsa.record(3)
    cbsa.relay.drain()
    state = cbsa.container.units().state  # type: ignore[attr-defined]
    # Rewrite the whole chain, hiding the user created at the start, and recompute
    # every hash so that the chain is internally consistent again.
    rewritten, prev = [], GENESIS_HASH
    for entry in state.audit:
        event = entry.event
        if event.record_type == "user":
            event = AuditEvent(**{**{f: getattr(event, f) for f in event.__slots__}, "detail": {}})
        new = chain(entry.seq, event, prev)
        rewritten.append(new)
        prev = new.hash
    state.audit = rewritten
    assert trail.verify(cbsa.container.units()).ok
    result = reconcile(cbsa.node, cbsa.container.units, cbsa.link, [date(2026, 7, 3)])
    assert result.equal
    assert result.anchor is not None and not result.anchor.ok
    assert not result.ok
