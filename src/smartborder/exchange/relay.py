"""The relay: takes records from the outbox to the partner until each one is acknowledged.

One round claims a batch of due records, sends them as one signed message, and reads
the signed answer:

- acknowledged (applied now or held already): delivered, and a disclosure entry in the
  audit log for each record, in the transaction that marks them delivered;
- refused as outside the agreement: those records fail for good (``exchange status``
  shows them; ``exchange requeue`` retries them once the agreement is fixed); the rest
  of the batch goes out again at once;
- anything else (partner down, connection cut, answer lost or not signed by the
  partner): the batch stays pending. The same records go again in a new message, and
  the partner's inbox applies each key once, so a lost answer costs a duplicate
  acknowledgement, never a duplicate record.

While the partner fails, the relay waits longer after each failure (exponential
back-off, with jitter so that a partner coming back is not hit by every retry at once).
The back-off belongs to the link, not to each record: the first success resets it and
the backlog drains at full speed instead of record by record on scattered timers.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from smartborder.domain import AuditAction, AuditEvent, utc_now
from smartborder.domain.exchange import Disclosure
from smartborder.errors import SmartborderError
from smartborder.exchange.entry_exit import ENTRY_EXIT
from smartborder.exchange.envelope import Envelope
from smartborder.exchange.inbox import MESSAGES_PATH
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.transport import LinkDown, PartnerLink, Reply
from smartborder.exchange.unit import ExchangeUnit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelayPolicy:
    batch: int = 500
    poll_seconds: float = 0.1
    base_backoff_seconds: float = 0.2
    max_backoff_seconds: float = 5.0
    #: A claimed batch is invisible to other relays this long; it must outlast a request.
    lease_seconds: float = 30.0
    #: How often the relay forgets message ids older than the replay window.
    housekeeping_seconds: float = 60.0


@dataclass
class Backoff:
    """Exponential back-off with jitter: the n-th wait is between half and all of
    ``base * 2**(n-1)``, capped; "equal jitter", which never waits near zero."""

    base: float
    cap: float
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def fail(self) -> float:
        self.failures += 1
        ceiling: float = min(self.cap, self.base * 2.0 ** min(self.failures - 1, 30))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def succeed(self) -> None:
        self.failures = 0


@dataclass(frozen=True)
class Round:
    """What one round did."""

    sent: int = 0
    delivered: int = 0
    duplicates: int = 0
    failed: int = 0
    error: str = ""


class Relay:
    def __init__(
        self,
        node: ExchangeNode,
        units: Callable[[], ExchangeUnit],
        link: PartnerLink,
        policy: RelayPolicy | None = None,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self._node = node
        self._uow = units
        self._link = link
        self.policy = policy or RelayPolicy()
        self.backoff = Backoff(
            self.policy.base_backoff_seconds,
            self.policy.max_backoff_seconds,
            rng=rng or random.Random(),
        )

    def run_once(self) -> Round:
        """Send one batch, if any is due, and settle it from the partner's answer."""
        now = utc_now()
        with self._uow() as uow:
            items = uow.outbox.claim_due(
                now, self.policy.batch, now + timedelta(seconds=self.policy.lease_seconds)
            )
            head_seq, head_hash = uow.audit.head()
            uow.commit()
        if not items:
            return Round()
        envelope = self._node.envelope(
            "records",
            {
                "records": [
                    {"key": i.key, "type": i.record_type, "fields": i.fields} for i in items
                ],
                "audit_head": {"seq": head_seq, "hash": head_hash},
            },
        )
        try:
            reply = self._link.post(MESSAGES_PATH, self._node.seal(envelope))
            answer = self._read(reply, envelope)
        except (LinkDown, _Unanswered) as exc:
            return self._retry_later(items, str(exc))
        if answer.kind == "ack":
            return self._settle_ack(items, envelope, answer.body)
        return self._settle_refusal(items, envelope, answer.body)

    def run(self, stop: threading.Event) -> None:
        """Rounds until ``stop`` is set: at once while there is a backlog, else every poll."""
        last_housekeeping = utc_now()
        while not stop.is_set():
            try:
                result = self.run_once()
            except Exception:  # noqa: BLE001 - a relay that dies silently loses nothing but stalls
                log.exception("relay round failed; backing off")
                stop.wait(self.backoff.fail())
                continue
            if result.error:
                wait = self.backoff.fail()
                log.warning("partner unreachable (%s); next attempt in %.1f s", result.error, wait)
                stop.wait(wait)
                continue
            self.backoff.succeed()
            if utc_now() - last_housekeeping > timedelta(seconds=self.policy.housekeeping_seconds):
                last_housekeeping = utc_now()
                self._forget_old_message_ids()
            if result.sent < self.policy.batch:
                stop.wait(self.policy.poll_seconds)

    def close(self) -> None:
        """Close the link to the partner."""
        self._link.close()

    def drain(self, *, max_rounds: int = 1_000_000) -> int:
        """Rounds until nothing is due or a round fails; how many records were delivered."""
        delivered = 0
        for _ in range(max_rounds):
            result = self.run_once()
            delivered += result.delivered + result.duplicates
            if result.sent == 0 or result.error:
                break
        return delivered

    # -- answers --------------------------------------------------------------------------
    def _read(self, reply: Reply, request: Envelope) -> Envelope:
        try:
            answer = self._node.open(reply.body, reply.headers)
        except SmartborderError as exc:
            detail = reply.body[:300].decode("utf-8", "replace")
            raise _Unanswered(f"HTTP {reply.status} not signed by the partner: {detail}") from exc
        if answer.in_reply_to != request.id:
            raise _Unanswered(f"the answer is to message {answer.in_reply_to}, not {request.id}")
        if (answer.kind, reply.status) not in (("ack", 200), ("refusal", 422)):
            problem = str(answer.body.get("problem", ""))[:300]
            raise _Unanswered(f"HTTP {reply.status} {answer.kind}: {problem}")
        return answer

    def _settle_ack(
        self, items: list[Disclosure], request: Envelope, body: dict[str, Any]
    ) -> Round:
        applied = _keys(body.get("applied"))
        duplicates = _keys(body.get("duplicates"))
        done = [i for i in items if i.key in applied or i.key in duplicates]
        missing = [i for i in items if i.key not in applied and i.key not in duplicates]
        now = utc_now()
        with self._uow() as uow:
            uow.outbox.mark_delivered([i.id for i in done], now)
            uow.audit.append_many([self._disclosure(i, request, now) for i in done])
            if missing:
                uow.outbox.defer([i.id for i in missing], now, "not acknowledged by the partner")
            uow.commit()
        return Round(
            sent=len(items),
            delivered=sum(1 for i in done if i.key in applied),
            duplicates=sum(1 for i in done if i.key in duplicates),
        )

    def _settle_refusal(
        self, items: list[Disclosure], request: Envelope, body: dict[str, Any]
    ) -> Round:
        problem = str(body.get("problem", "refused"))[:500]
        records = body.get("records")
        if isinstance(records, list) and records:
            by_key = {
                str(r.get("key")): str(r.get("problem")) for r in records if isinstance(r, dict)
            }
            refused = [i for i in items if i.key in by_key]
        else:  # the whole message was refused (e.g. the nodes hold different agreements)
            by_key, refused = {}, list(items)
        others = [i for i in items if i not in refused]
        now = utc_now()
        with self._uow() as uow:
            for item in refused:
                uow.outbox.mark_failed([item.id], by_key.get(item.key, problem))
            uow.outbox.defer([i.id for i in others], now, "")
            uow.audit.append_many(
                [
                    AuditEvent(
                        actor=self._node.relay_actor,
                        agency=str(self._node.agency),
                        action=AuditAction.REJECT,
                        purpose="refused by the partner",
                        record_type=_AUDITED_AS.get(i.record_type, i.record_type),
                        record_id=i.key,
                        detail={"message": request.id, "problem": by_key.get(i.key, problem)[:300]},
                        at=now,
                    )
                    for i in refused
                ]
            )
            uow.commit()
        log.error("the partner refused %d record(s): %s", len(refused), problem)
        return Round(sent=len(items), failed=len(refused))

    def _retry_later(self, items: list[Disclosure], error: str) -> Round:
        # Due again at once: the wait is the link's back-off, taken by ``run``.
        with self._uow() as uow:
            uow.outbox.defer([i.id for i in items], utc_now(), error)
            uow.commit()
        return Round(sent=len(items), error=error)

    def _disclosure(self, item: Disclosure, request: Envelope, at: datetime) -> AuditEvent:
        terms = self._node.agreement.terms.get(item.record_type)
        return AuditEvent(
            actor=self._node.relay_actor,
            agency=str(self._node.agency),
            action=AuditAction.DISCLOSE,
            purpose=terms.purpose if terms else item.record_type,
            record_type=_AUDITED_AS.get(item.record_type, item.record_type),
            record_id=item.key,
            detail={
                "to": str(self._node.partner_agency),
                "type": item.record_type,
                "message": request.id,
                "agreement": self._node.agreement.label,
                "fields": ",".join(sorted(item.fields)),
            },
            at=at,
        )

    def _forget_old_message_ids(self) -> None:
        with self._uow() as uow:
            uow.inbox.forget_messages(utc_now())
            uow.commit()


#: How the audit log names what a record of each type discloses (a record's own type
#: otherwise: a key of an application's record begins with the application's id).
_AUDITED_AS = {ENTRY_EXIT: "crossing"}


class _Unanswered(Exception):
    """An answer the relay cannot trust or use: the batch is retried."""


def _keys(value: object) -> set[str]:
    return {str(k) for k in value} if isinstance(value, list) else set()
