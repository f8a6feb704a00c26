"""The repositories of information sharing, as the unit of work offers them to services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from smartborder.domain import Agency
from smartborder.domain.exchange import AuditAnchor, DeliveryStatus, Disclosure


class OutboxRepository(Protocol):
    def add_many(self, items: list[Disclosure]) -> None: ...

    def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[Disclosure]:
        """Up to ``limit`` pending records due by ``now``, oldest first, leased until
        ``lease_until`` so that a second relay does not send them at the same time."""
        ...

    def mark_delivered(self, ids: list[str], at: datetime) -> None:
        """Delivered, and the fields dropped: the partner holds them now, we need not."""
        ...

    def mark_failed(self, ids: list[str], error: str) -> None: ...
    def defer(self, ids: list[str], until: datetime, error: str) -> None: ...
    def status(self) -> DeliveryStatus: ...
    def delivered_keys(self, record_type: str, day: date) -> list[str]: ...
    def days(self, record_type: str) -> list[date]: ...
    def purge_delivered(self, record_type: str, before: datetime) -> int: ...
    def requeue_failed(self, now: datetime) -> int: ...


class InboxRepository(Protocol):
    def remember_message(
        self, message_id: str, sender: Agency, seen_at: datetime, expires_at: datetime
    ) -> bool:
        """Record a message id; False when it was already there (a replay)."""
        ...

    def forget_messages(self, before: datetime) -> int: ...
    def known_keys(self, sender: Agency, keys: list[str]) -> dict[str, str | None]:
        """Of ``keys``, those applied before, each with the digest of the record it named
        (None for a receipt kept before digests were)."""
        ...

    def add_receipts(
        self,
        sender: Agency,
        record_type: str,
        receipts: list[tuple[str, str, str]],
        message_id: str,
        at: datetime,
    ) -> None:
        """Remember ``(key, local id, digest of the record)`` triples as applied."""
        ...

    def purge_receipts(self, record_type: str, before: datetime) -> int: ...
    def add_anchor(self, anchor: AuditAnchor) -> None: ...
    def latest_anchor(self, agency: Agency) -> AuditAnchor | None: ...


class PartnerRecordRepository(Protocol):
    def exit_ids(self, agency: Agency, day: date) -> list[str]:
        """The partner's ids of the exit records ``agency`` holds for crossings on ``day``."""
        ...

    def exit_days(self, agency: Agency) -> list[date]: ...

    def purge_exits(self, agency: Agency, recorded_before: datetime) -> int:
        """Delete exit records received before ``recorded_before``; how many went."""
        ...
