"""In-memory fakes of the exchange repositories, with the promises of the SQL versions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from smartborder.domain import Agency, CrossingRecord, Direction
from smartborder.domain.exchange import AuditAnchor, DeliveryState, DeliveryStatus, Disclosure
from smartborder.errors import Conflict
from smartborder.store.memory.times import stored_time

#: The length of ``last_error`` the outbox table keeps.
_ERROR_CHARS = 500


@dataclass
class ExchangeMemoryState:
    outbox: dict[str, Disclosure] = field(default_factory=dict)
    # (sender, key) -> (record type, local id, received at, digest of the record)
    inbox: dict[tuple[str, str], tuple[str, str, datetime, str | None]] = field(
        default_factory=dict
    )
    replay: dict[str, datetime] = field(default_factory=dict)  # message id -> expires at
    anchors: list[AuditAnchor] = field(default_factory=list)

    def copy(self) -> ExchangeMemoryState:
        return ExchangeMemoryState(
            outbox=dict(self.outbox),
            inbox=dict(self.inbox),
            replay=dict(self.replay),
            anchors=list(self.anchors),
        )


class MemoryOutbox:
    def __init__(self, state: ExchangeMemoryState) -> None:
        self._state = state

    def _held(self, ids: list[str]) -> list[str]:
        # Unknown ids are passed over, as an UPDATE ... WHERE id IN (...) passes them over.
        return [id_ for id_ in ids if id_ in self._state.outbox]

    def _update(self, ids: list[str], **changes: object) -> None:
        for id_ in self._held(ids):
            item = self._state.outbox[id_]
            self._state.outbox[id_] = replace(item, **changes)  # type: ignore[arg-type]

    def add_many(self, items: list[Disclosure]) -> None:
        taken = {(i.record_type, i.key) for i in self._state.outbox.values()}
        for item in items:
            if (item.record_type, item.key) in taken:
                raise Conflict(f"{item.record_type} {item.key} is already in the outbox")
            # A type and key repeated in the batch, or an id already held, is refused (the
            # unique and primary keys); times are kept in UTC, as the SQL store does.
            if item.id in self._state.outbox:
                raise Conflict(f"outbox record {item.id} is already stored")
            taken.add((item.record_type, item.key))
            self._state.outbox[item.id] = replace(
                item,
                next_attempt_at=stored_time(item.next_attempt_at),
                created_at=stored_time(item.created_at),
                delivered_at=stored_time(item.delivered_at)
                if item.delivered_at is not None
                else None,
            )

    def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[Disclosure]:
        due = sorted(
            (
                i
                for i in self._state.outbox.values()
                if i.state is DeliveryState.PENDING and i.next_attempt_at <= now
            ),
            key=lambda i: i.id,
        )[:limit]
        if due:
            self._update([i.id for i in due], next_attempt_at=stored_time(lease_until))
        return due

    def mark_delivered(self, ids: list[str], at: datetime) -> None:
        for id_ in self._held(ids):
            item = self._state.outbox[id_]
            self._state.outbox[id_] = replace(
                item,
                state=DeliveryState.DELIVERED,
                delivered_at=stored_time(at),
                fields={},
                attempts=item.attempts + 1,
                last_error="",
            )

    def mark_failed(self, ids: list[str], error: str) -> None:
        for id_ in self._held(ids):
            item = self._state.outbox[id_]
            self._state.outbox[id_] = replace(
                item,
                state=DeliveryState.FAILED,
                attempts=item.attempts + 1,
                last_error=error[:_ERROR_CHARS],  # cut to the column's length, as SQL cuts it
            )

    def defer(self, ids: list[str], until: datetime, error: str) -> None:
        for id_ in self._held(ids):
            item = self._state.outbox[id_]
            self._state.outbox[id_] = replace(
                item,
                next_attempt_at=stored_time(until),
                attempts=item.attempts + 1,
                last_error=error[:_ERROR_CHARS],  # cut to the column's length, as SQL cuts it
            )

    def status(self) -> DeliveryStatus:
        items = list(self._state.outbox.values())
        pending = sorted((i for i in items if i.state is DeliveryState.PENDING), key=lambda i: i.id)
        return DeliveryStatus(
            pending=len(pending),
            delivered=sum(1 for i in items if i.state is DeliveryState.DELIVERED),
            failed=sum(1 for i in items if i.state is DeliveryState.FAILED),
            oldest_pending_at=pending[0].created_at if pending else None,
            last_error=pending[0].last_error if pending else "",
        )

    def delivered_keys(self, record_type: str, day: date) -> list[str]:
        return [
            i.key
            for i in self._state.outbox.values()
            if i.record_type == record_type and i.day == day and i.state is DeliveryState.DELIVERED
        ]

    def days(self, record_type: str) -> list[date]:
        return sorted({i.day for i in self._state.outbox.values() if i.record_type == record_type})

    def purge_delivered(self, record_type: str, before: datetime) -> int:
        gone = [
            i.id
            for i in self._state.outbox.values()
            if i.record_type == record_type
            and i.state is DeliveryState.DELIVERED
            and i.delivered_at is not None
            and i.delivered_at < before
        ]
        for id_ in gone:
            del self._state.outbox[id_]
        return len(gone)

    def requeue_failed(self, now: datetime) -> int:
        failed = [i.id for i in self._state.outbox.values() if i.state is DeliveryState.FAILED]
        self._update(failed, state=DeliveryState.PENDING, next_attempt_at=stored_time(now))
        return len(failed)


class MemoryInbox:
    def __init__(self, state: ExchangeMemoryState) -> None:
        self._state = state

    def remember_message(
        self, message_id: str, sender: Agency, seen_at: datetime, expires_at: datetime
    ) -> bool:
        stored_time(seen_at)  # a naive time is refused, as SQL refuses it
        if message_id in self._state.replay:
            return False
        self._state.replay[message_id] = stored_time(expires_at)
        return True

    def forget_messages(self, before: datetime) -> int:
        gone = [m for m, expires in self._state.replay.items() if expires < before]
        for message_id in gone:
            del self._state.replay[message_id]
        return len(gone)

    def known_keys(self, sender: Agency, keys: list[str]) -> dict[str, str | None]:
        inbox = self._state.inbox
        return {k: inbox[(str(sender), k)][3] for k in keys if (str(sender), k) in inbox}

    def add_receipts(
        self,
        sender: Agency,
        record_type: str,
        receipts: list[tuple[str, str, str]],
        message_id: str,
        at: datetime,
    ) -> None:
        if receipts:
            at = stored_time(at)  # in UTC, and a naive time refused, as SQL does
        for key, local_id, digest in receipts:
            if (str(sender), key) in self._state.inbox:
                raise Conflict(f"{sender} record {key} was already applied")
            self._state.inbox[(str(sender), key)] = (record_type, local_id, at, digest)

    def purge_receipts(self, record_type: str, before: datetime) -> int:
        gone = [
            k for k, (t, _, at, _) in self._state.inbox.items() if t == record_type and at < before
        ]
        for key in gone:
            del self._state.inbox[key]
        return len(gone)

    def add_anchor(self, anchor: AuditAnchor) -> None:
        self._state.anchors.append(
            replace(anchor, received_at=stored_time(anchor.received_at))
        )  # UTC

    def latest_anchor(self, agency: Agency) -> AuditAnchor | None:
        return next((a for a in reversed(self._state.anchors) if a.agency is agency), None)


class MemoryPartnerRecords:
    def __init__(self, crossings: dict[str, CrossingRecord]) -> None:
        self._crossings = crossings

    def _exits(self, agency: Agency) -> list[CrossingRecord]:
        return [
            r
            for r in self._crossings.values()
            if r.agency is agency and r.direction is Direction.EXIT
        ]

    def exit_ids(self, agency: Agency, day: date) -> list[str]:
        return [r.partner_id or "" for r in self._exits(agency) if r.crossed_at.date() == day]

    def exit_days(self, agency: Agency) -> list[date]:
        # Every day from the first exit's to the last's, days without exits too, as SQL.
        days = [r.crossed_at.date() for r in self._exits(agency)]
        if not days:
            return []
        first, last = min(days), max(days)
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def purge_exits(self, agency: Agency, recorded_before: datetime) -> int:
        gone = [r.id for r in self._exits(agency) if r.recorded_at < recorded_before]
        for id_ in gone:
            del self._crossings[id_]
        return len(gone)
