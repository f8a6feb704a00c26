"""The audit chain catches an edited, removed or reordered entry, and names it."""

from dataclasses import replace

from smartborder.domain import AuditAction, AuditEvent
from smartborder.domain.audit import GENESIS_HASH, AuditEntry, chain, verify_chain


def _log(n: int) -> list[AuditEntry]:
    entries = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        event = AuditEvent(
            actor="CBSA/officer-1",
            agency="CBSA",
            action=AuditAction.READ,
            purpose="primary inspection",
            record_type="crossing",
            record_id=f"record-{seq}",
        )
        entry = chain(seq, event, prev)
        prev = entry.hash
        entries.append(entry)
    return entries


def test_an_untouched_chain_verifies() -> None:
    assert verify_chain(_log(5)) is None
    assert verify_chain([]) is None


def test_an_edited_entry_is_named() -> None:
    log = _log(5)
    log[2] = replace(log[2], event=replace(log[2].event, purpose="curiosity"))
    broken = verify_chain(log)
    assert broken is not None and broken.seq == 3
    assert "changed" in broken.problem


def test_a_removed_entry_is_named() -> None:
    log = _log(5)
    del log[1]
    broken = verify_chain(log)
    assert broken is not None and broken.seq == 2


def test_reordered_entries_are_caught() -> None:
    log = _log(5)
    log[1], log[2] = log[2], log[1]
    broken = verify_chain(log)
    assert broken is not None and broken.seq == 2


def test_renumbering_after_a_removal_is_still_caught() -> None:
    log = _log(5)
    del log[1]
    log = [replace(e, seq=i) for i, e in enumerate(log, start=1)]
    broken = verify_chain(log)
    assert broken is not None and broken.seq == 2
