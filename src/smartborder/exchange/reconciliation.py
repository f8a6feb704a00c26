"""Reconciliation: both nodes prove they hold the same records, day by day, without sending them.

For each day, the sender's manifest lists the records its partner acknowledged (the
delivered outbox keys of entries that crossed that day) and the receiver's lists the
exit records it holds for that day (their partner ids). Equal counts and equal hashes
of the sorted ids mean the same records on both sides.

The answer also carries the last audit chain head the partner received from us (the
anchor: every message of records and every manifest request carries our head). Our
entry at that sequence number must still have that hash: a chain rewritten from the
start passes ``audit verify`` but not this check. Entries written after the last anchor
are covered from the next message on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from smartborder.domain.exchange import DayManifest
from smartborder.errors import ExternalServiceError, SmartborderError, ValidationFailed
from smartborder.exchange.entry_exit import ENTRY_EXIT
from smartborder.exchange.inbox import MANIFESTS_PATH, MAX_DAYS
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.transport import PartnerLink
from smartborder.exchange.unit import ExchangeUnit


@dataclass(frozen=True, slots=True)
class DayComparison:
    ours: DayManifest
    theirs: DayManifest
    pending: int = 0  # queued for that day but not yet acknowledged

    @property
    def equal(self) -> bool:
        return self.ours.count == self.theirs.count and self.ours.ids_hash == self.theirs.ids_hash


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    seq: int
    partner_hash: str
    our_hash: str | None  # None when our chain no longer has that entry

    @property
    def ok(self) -> bool:
        return self.our_hash == self.partner_hash


@dataclass(frozen=True, slots=True)
class Reconciliation:
    days: tuple[DayComparison, ...]
    anchor: AnchorCheck | None

    @property
    def equal(self) -> bool:
        return all(d.equal for d in self.days)

    @property
    def ok(self) -> bool:
        return self.equal and (self.anchor is None or self.anchor.ok)


def disclosed_manifest(uow: ExchangeUnit, day: date) -> DayManifest:
    """What we sent and the partner acknowledged for ``day``."""
    with uow:
        return DayManifest.of(ENTRY_EXIT, day, uow.outbox.delivered_keys(ENTRY_EXIT, day))


def received_manifest(uow: ExchangeUnit, node: ExchangeNode, day: date) -> DayManifest:
    """What we hold of the partner's records for ``day``."""
    with uow:
        return DayManifest.of(ENTRY_EXIT, day, uow.partner_records.exit_ids(node.agency, day))


def disclosed_days(uow: ExchangeUnit) -> list[date]:
    with uow:
        return uow.outbox.days(ENTRY_EXIT)


def check_anchor(uow: ExchangeUnit, seq: int, partner_hash: str) -> AnchorCheck:
    """Whether our audit entry ``seq`` still has the hash the partner was told."""
    with uow:
        entry = next(uow.audit.entries(from_seq=seq), None) if seq > 0 else None
    our_hash = entry.hash if entry is not None and entry.seq == seq else None
    if seq == 0:
        our_hash = partner_hash  # the genesis: nothing was anchored yet
    return AnchorCheck(seq=seq, partner_hash=partner_hash, our_hash=our_hash)


def reconcile(
    node: ExchangeNode, units: Callable[[], ExchangeUnit], link: PartnerLink, days: list[date]
) -> Reconciliation:
    """Compare our disclosures of ``days`` with what the partner holds, and our anchor."""
    if not 1 <= len(days) <= MAX_DAYS:
        raise ValidationFailed(f"reconcile 1 to {MAX_DAYS} days at a time")
    with units() as work:
        head_seq, head_hash = work.audit.head()
    request = node.envelope(
        "manifest-request",
        {
            "record_type": ENTRY_EXIT,
            "days": [d.isoformat() for d in sorted(set(days))],
            "audit_head": {"seq": head_seq, "hash": head_hash},
        },
    )
    reply = link.post(MANIFESTS_PATH, node.seal(request))
    try:
        answer = node.open(reply.body, reply.headers)
    except SmartborderError as exc:
        raise ExternalServiceError(
            f"the partner's answer (HTTP {reply.status}) is not signed by it: "
            + reply.body[:200].decode("utf-8", "replace")
        ) from exc
    if answer.in_reply_to != request.id or answer.kind != "manifest":
        problem = str(answer.body.get("problem", ""))
        raise ExternalServiceError(f"the partner did not send manifests: {problem}")
    try:
        theirs = {
            date.fromisoformat(m["day"]): DayManifest(
                ENTRY_EXIT, date.fromisoformat(m["day"]), int(m["count"]), str(m["ids_hash"])
            )
            for m in answer.body["manifests"]
        }
        raw_anchor = answer.body.get("anchor")
        anchor = (
            check_anchor(units(), int(raw_anchor["seq"]), str(raw_anchor["hash"]))
            if raw_anchor
            else None
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ExternalServiceError(f"the partner's manifests are malformed: {exc}") from exc
    comparisons = []
    for day in sorted(set(days)):
        ours = disclosed_manifest(units(), day)
        other = theirs.get(day) or DayManifest.of(ENTRY_EXIT, day, [])
        comparisons.append(DayComparison(ours=ours, theirs=other))
    return Reconciliation(days=tuple(comparisons), anchor=anchor)
