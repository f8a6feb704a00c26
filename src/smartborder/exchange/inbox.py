"""The inbox: every message from the partner is checked, and each record applied once.

``Inbox.handle`` takes the raw request (path, body bytes, headers) and returns the raw
reply, so the HTTP route and the in-process link share every check. In order:

1. the envelope (size, key id, signature, sender, recipient, time; ``envelope.py``);
   a refusal here is audited and answered unsigned, since the caller is not trusted;
2. the agreement: both nodes must hold the same one (its fingerprint), and every record
   must be of a type the agreement lets the partner send, with no field outside it;
3. the replay cache, in the transaction that applies the message: an id seen before is
   refused (a retry is a new message, so only a replay is);
4. the records, in one transaction: keys already applied with the same record are
   acknowledged as duplicates and not applied again; a key already applied (or sent
   twice in the message) with *other* fields refuses the message, naming the key (the
   IETF Idempotency-Key draft's 422: the same key was used with a different payload);
   the others are applied, in their order, by their record type's receiver
   (``receivers.py``: entries become exit records, an application is vetted...), each
   with its receipt; the partner's audit chain head is kept as an anchor.

Answers to an authenticated partner are signed, so the relay can trust an ack.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any, Generic, TypeVar

from smartborder.domain import AuditAction, AuditEvent, utc_now
from smartborder.domain.clock import calendar_problem
from smartborder.domain.exchange import AuditAnchor, DayManifest
from smartborder.domain.intake import KEY_REUSED, content_digest
from smartborder.errors import FormatError, SmartborderError, ValidationFailed
from smartborder.exchange.entry_exit import ENTRY_EXIT, EntryExitReceiver
from smartborder.exchange.envelope import (
    KEY_ID_HEADER,
    MAX_MESSAGE_BYTES,
    UNVERIFIED_ACTOR,
    WINDOW,
    Envelope,
    Refusal,
    ReplayedMessage,
    header_value,
)
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.receivers import Incoming, Receiver, RecordRefused
from smartborder.exchange.transport import Reply
from smartborder.exchange.unit import ExchangeUnit

log = logging.getLogger(__name__)

MESSAGES_PATH = "/v1/exchange/messages"
MANIFESTS_PATH = "/v1/exchange/manifests"
MAX_RECORDS = 1000
MAX_DAYS = 366
#: The largest audit sequence a partner may name: what a 64-bit integer column holds.
MAX_SEQ = 2**63 - 1

U = TypeVar("U", bound=ExchangeUnit)


def _problem(status: int, title: str, detail: str, **extra: Any) -> Reply:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Reply(status, json.dumps(body).encode(), {"Content-Type": "application/problem+json"})


class Inbox(Generic[U]):
    def __init__(
        self,
        node: ExchangeNode,
        units: Callable[[], U],
        receivers: Mapping[str, Receiver[U]] | None = None,
    ) -> None:
        self._node = node
        self._uow = units
        terms = node.agreement.terms.get(ENTRY_EXIT)
        entry_exit = EntryExitReceiver(
            node.agency, node.partner_actor, terms.purpose if terms else ENTRY_EXIT
        )
        self._receivers: dict[str, Receiver[U]] = {ENTRY_EXIT: entry_exit, **(receivers or {})}

    # -- the entry point ------------------------------------------------------------------
    def handle(self, path: str, body: bytes, headers: dict[str, str], client: str = "") -> Reply:
        """The reply to one request; ``client`` is the caller's address, for the audit."""
        try:
            envelope = self._node.open(body, headers)
        except Refusal as refusal:
            sender = self._sender(refusal.signed, headers, client)
            self._audit_refusal(refusal.reason, str(refusal), None, sender)
            return _problem(refusal.http_status, refusal.title, str(refusal), reason=refusal.reason)
        except FormatError as exc:
            # Malformed JSON is found after the signature held; a body too large is
            # refused before anyone checked who signed it.
            sender = self._sender(len(body) <= MAX_MESSAGE_BYTES, headers, client)
            self._audit_refusal("malformed", str(exc), None, sender)
            return _problem(400, exc.title, str(exc), reason="malformed")
        try:
            if envelope.agreement != self._node.agreement.label:
                raise ValidationFailed(
                    f"the partner works under agreement {envelope.agreement}, this node "
                    f"under {self._node.agreement.label}"
                )
            if path == MESSAGES_PATH and envelope.kind == "records":
                return self._records(envelope)
            if path == MANIFESTS_PATH and envelope.kind == "manifest-request":
                return self._manifests(envelope)
            raise ValidationFailed(f"a {envelope.kind} message cannot be posted to {path}")
        except ReplayedMessage as refusal:
            self._audit_refusal(refusal.reason, str(refusal), envelope.id)
            return _problem(409, refusal.title, str(refusal), reason=refusal.reason)
        except _RecordsRefused as refused:
            self._audit_refusal(refused.reason, refused.summary, envelope.id)
            return self._signed(
                422, envelope, "refusal", {"problem": refused.summary, "records": refused.problems}
            )
        except SmartborderError as exc:
            if exc.http_status >= 500:
                raise
            self._audit_refusal(exc.code, str(exc), envelope.id)
            return self._signed(exc.http_status, envelope, "refusal", {"problem": str(exc)})

    # -- records --------------------------------------------------------------------------
    def _records(self, envelope: Envelope) -> Reply:
        node = self._node
        raw = envelope.body.get("records")
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_RECORDS:
            raise ValidationFailed(f"records must be a list of 1 to {MAX_RECORDS} records")
        now = utc_now()
        records: dict[str, tuple[str, Incoming]] = {}  # each key's type and first record
        digests: dict[str, str] = {}
        problems: list[dict[str, str]] = []
        reused: list[dict[str, str]] = []
        for index, item in enumerate(raw):
            key = item.get("key") if isinstance(item, dict) else None
            try:
                if not isinstance(item, dict) or set(item) != {"key", "type", "fields"}:
                    raise ValidationFailed("a record is {key, type, fields} and nothing else")
                if not isinstance(key, str) or not 1 <= len(key) <= 64:
                    raise ValidationFailed("key must be a string of 1 to 64 characters")
                record_type, fields = item["type"], item["fields"]
                if not isinstance(record_type, str) or not isinstance(fields, dict):
                    raise ValidationFailed("type must be a string and fields an object")
                node.agreement.check_incoming(record_type, envelope.sender, fields)
                receiver = self._receivers.get(record_type)
                if receiver is None:
                    raise ValidationFailed(f"this node does not take {record_type} records yet")
                digest = content_digest({"type": record_type, "fields": fields})
                if digests.setdefault(key, digest) != digest:
                    reused.append({"index": str(index), "key": key, "problem": KEY_REUSED})
                if key not in records:
                    value = receiver.read(key, fields, received_at=now)
                    records[key] = (record_type, Incoming(index, key, value, envelope.id))
            except ValidationFailed as exc:
                problems.append({"index": str(index), "key": str(key or ""), "problem": str(exc)})
        if problems:
            raise _RecordsRefused(problems)
        if reused:
            raise _RecordsRefused(reused, reason="key-reused")
        anchor = _anchor(envelope)
        with self._uow() as uow:
            self._remember(uow, envelope)
            seen = uow.inbox.known_keys(envelope.sender, list(records))
            # A receipt kept before digests were (None) can only be compared by its key.
            reused = [
                {"index": str(records[k][1].index), "key": k, "problem": KEY_REUSED}
                for k, applied in seen.items()
                if applied is not None and applied != digests[k]
            ]
            if reused:
                raise _RecordsRefused(reused, reason="key-reused")
            fresh = [item for k, item in records.items() if k not in seen]
            try:
                for record_type, run in _runs(fresh):
                    local_ids = self._receivers[record_type].apply(uow, envelope.sender, run, now)
                    uow.inbox.add_receipts(
                        envelope.sender,
                        record_type,
                        [
                            (r.key, local, digests[r.key])
                            for r, local in zip(run, local_ids, strict=True)
                        ],
                        envelope.id,
                        now,
                    )
            except RecordRefused as refused:
                raise _RecordsRefused(refused.problems, reason="not-applicable") from None
            if seen:
                # A retry after a lost answer: acknowledged again, applied once.
                first = records[next(iter(seen))][0]
                uow.audit.append(
                    AuditEvent(
                        actor=node.partner_actor,
                        agency=str(node.agency),
                        action=AuditAction.RECEIVE,
                        purpose=node.agreement.terms[first].purpose,
                        record_type="exchange-message",
                        record_id=envelope.id,
                        detail={"duplicates": str(len(seen)), "applied": str(len(fresh))},
                        at=now,
                    )
                )
            if anchor is not None:
                uow.inbox.add_anchor(anchor)
            uow.commit()
        return self._signed(
            200,
            envelope,
            "ack",
            {"applied": [r.key for _, r in fresh], "duplicates": sorted(seen)},
        )

    # -- reconciliation -------------------------------------------------------------------
    def _manifests(self, envelope: Envelope) -> Reply:
        node = self._node
        record_type = envelope.body.get("record_type")
        raw_days = envelope.body.get("days")
        if record_type != ENTRY_EXIT:
            raise ValidationFailed("manifests are kept for entry-exit records only")
        if not isinstance(raw_days, list) or not 1 <= len(raw_days) <= MAX_DAYS:
            raise ValidationFailed(f"days must be a list of 1 to {MAX_DAYS} dates")
        try:
            days = [date.fromisoformat(str(d)) for d in raw_days]
        except ValueError as exc:
            raise ValidationFailed(f"days: {exc}") from None
        for day in days:
            if (problem := calendar_problem(day)) is not None:
                raise ValidationFailed(f"days: {problem}")
        with self._uow() as uow:
            self._remember(uow, envelope)
            manifests = [
                DayManifest.of(ENTRY_EXIT, day, uow.partner_records.exit_ids(node.agency, day))
                for day in days
            ]
            anchor = uow.inbox.latest_anchor(envelope.sender)
            # The request carries the requester's current head: anchored for next time.
            new_anchor = _anchor(envelope)
            if new_anchor is not None:
                uow.inbox.add_anchor(new_anchor)
            uow.commit()
        return self._signed(
            200,
            envelope,
            "manifest",
            {
                "manifests": [
                    {"day": m.day.isoformat(), "count": m.count, "ids_hash": m.ids_hash}
                    for m in manifests
                ],
                "anchor": {"seq": anchor.seq, "hash": anchor.hash} if anchor else None,
            },
        )

    # -- helpers --------------------------------------------------------------------------
    def _remember(self, uow: ExchangeUnit, envelope: Envelope) -> None:
        now = utc_now()
        if not uow.inbox.remember_message(envelope.id, envelope.sender, now, now + 2 * WINDOW):
            raise ReplayedMessage(f"message {envelope.id} was received before")

    def _signed(self, status: int, request: Envelope, kind: str, body: dict[str, Any]) -> Reply:
        reply = self._node.envelope(kind, body, in_reply_to=request.id)  # type: ignore[arg-type]
        sealed = self._node.seal(reply)
        return Reply(status, sealed.body, sealed.headers)

    def _sender(self, signed: bool, headers: dict[str, str], client: str) -> _Sender:
        """Who a refused message is from, as far as it is known.

        Only a message the partner's key signed is the partner node's: an unsigned one may
        come from anyone who can reach this node, so it is logged as ``unverified`` with
        the key id it claims and the address it came from, never in the partner's name.
        """
        claimed = header_value(headers, KEY_ID_HEADER).strip()[:64]
        details = {"client": client[:64] or "unknown"}
        if signed:
            return _Sender(self._node.partner_actor, details)
        return _Sender(UNVERIFIED_ACTOR, {**details, "claimed_key_id": claimed})

    def _audit_refusal(
        self, reason: str, detail: str, message_id: str | None, sender: _Sender | None = None
    ) -> None:
        node = self._node
        sender = sender or _Sender(node.partner_actor, {})
        log.warning("refused a message from %s: %s: %s", sender.actor, reason, detail)
        with self._uow() as uow:
            uow.audit.append(
                AuditEvent(
                    actor=sender.actor,
                    agency=str(node.agency),
                    action=AuditAction.REJECT,
                    purpose="partner message check",
                    record_type="exchange-message",
                    record_id=message_id,
                    detail={"reason": reason, "detail": detail[:300], **sender.details},
                )
            )
            uow.commit()


@dataclass(frozen=True, slots=True)
class _Sender:
    actor: str
    details: dict[str, str]


class _RecordsRefused(ValidationFailed):
    def __init__(self, problems: list[dict[str, str]], reason: str = "outside-agreement") -> None:
        self.reason = reason
        first = problems[0]
        self.summary = (
            f"{len(problems)} record(s) refused; first, record {first['index']} "
            f"({first['key'] or 'no key'}): {first['problem']}"
        )
        super().__init__(self.summary)
        self.problems = problems


def _anchor(envelope: Envelope) -> AuditAnchor | None:
    head = envelope.body.get("audit_head")
    if head is None:
        return None
    seq = head.get("seq") if isinstance(head, dict) else None
    if (
        not isinstance(head, dict)
        or not isinstance(seq, int)
        or isinstance(seq, bool)  # JSON true is not a sequence number
        or not 0 <= seq <= MAX_SEQ
        or not isinstance(head.get("hash"), str)
        or len(head["hash"]) != 64
    ):
        raise ValidationFailed(
            f"audit_head must be {{seq: integer from 0 to {MAX_SEQ}, hash: 64 hex digits}}"
        )
    return AuditAnchor(agency=envelope.sender, seq=head["seq"], hash=head["hash"])


def _runs(items: list[tuple[str, Incoming]]) -> Iterator[tuple[str, list[Incoming]]]:
    """The records in their order, in runs of one type: each run is applied at once, and
    a record applies after every record sent before it (a decision after its application)."""
    for record_type, run in groupby(items, key=lambda item: item[0]):
        yield record_type, [incoming for _, incoming in run]
