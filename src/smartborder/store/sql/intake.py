"""Received messages, idempotency keys, saved rule sets and the NEXUS registry."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from smartborder.domain import Agency, PersonName
from smartborder.domain.clock import utc_now
from smartborder.domain.intake import IdempotencyRecord, MessageReceipt, RuleSetRecord
from smartborder.domain.nexus import MembershipStatus, NexusMember, RegistryRow
from smartborder.errors import Conflict
from smartborder.store.tables.clearance import (
    IdempotencyKeyRow,
    MessageRow,
    NexusMemberRow,
    RuleSetRow,
)


def _receipt(row: MessageRow) -> MessageReceipt:
    return MessageReceipt(
        id=row.id,
        agency=Agency(row.agency),
        kind=row.kind,
        sender=row.sender,
        reference=row.reference,
        content_hash=row.content_hash,
        travellers=row.travellers,
        received_at=row.received_at,
        warning=row.warning,
    )


class SqlMessageRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _of_reference(self, agency: Agency, kind: str, sender: str, reference: str) -> Select[Any]:
        return select(MessageRow).where(
            MessageRow.agency == str(agency),
            MessageRow.kind == kind,
            MessageRow.sender == sender,
            MessageRow.reference == reference,
        )

    def find(
        self, agency: Agency, kind: str, sender: str, reference: str, content_hash: str
    ) -> MessageReceipt | None:
        query = self._of_reference(agency, kind, sender, reference)
        row = self._session.scalars(query.where(MessageRow.content_hash == content_hash)).first()
        return _receipt(row) if row is not None else None

    def with_reference(
        self, agency: Agency, kind: str, sender: str, reference: str
    ) -> list[MessageReceipt]:
        query = self._of_reference(agency, kind, sender, reference)
        rows = self._session.scalars(query.order_by(MessageRow.received_at, MessageRow.id))
        return [_receipt(r) for r in rows]

    def add(self, receipt: MessageReceipt) -> None:
        self._session.add(
            MessageRow(
                id=receipt.id,
                agency=str(receipt.agency),
                kind=receipt.kind,
                sender=receipt.sender,
                reference=receipt.reference,
                content_hash=receipt.content_hash,
                travellers=receipt.travellers,
                received_at=receipt.received_at,
                warning=receipt.warning,
            )
        )
        self._session.flush()


class SqlIdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, actor: str, scope: str, key: str) -> IdempotencyRecord | None:
        row = self._session.get(IdempotencyKeyRow, (actor, scope, key))
        if row is None:
            return None
        return IdempotencyRecord(
            agency=Agency(row.agency),
            actor=row.actor,
            scope=row.scope,
            key=row.key,
            request_digest=row.request_digest,
            record_id=row.record_id,
            created_at=row.created_at,
        )

    def add(self, record: IdempotencyRecord) -> None:
        self._session.add(
            IdempotencyKeyRow(
                actor=record.actor,
                scope=record.scope,
                key=record.key,
                agency=str(record.agency),
                request_digest=record.request_digest,
                record_id=record.record_id,
                created_at=record.created_at,
            )
        )
        try:
            self._session.flush()
        except IntegrityError as exc:
            # Another request took the key first (PostgreSQL makes this one wait for it to
            # commit): the same error as the in-memory store's, not a server error.
            raise Conflict(
                f"idempotency key {record.key!r} of {record.actor} already used"
            ) from exc

    def expire(self, actor: str, before: datetime) -> int:
        done = self._session.execute(
            delete(IdempotencyKeyRow).where(
                IdempotencyKeyRow.actor == actor, IdempotencyKeyRow.created_at < before
            )
        )
        return int(getattr(done, "rowcount", 0) or 0)


def _rule_set(row: RuleSetRow) -> RuleSetRecord:
    return RuleSetRecord(
        id=row.id,
        agency=Agency(row.agency),
        name=row.name,
        version=row.version,
        source=row.source,
        rule_count=row.rule_count,
        created_by=row.created_by,
        active=row.active,
        created_at=row.created_at,
    )


class SqlRuleSetRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: RuleSetRecord) -> None:
        self._session.add(
            RuleSetRow(
                id=record.id,
                agency=str(record.agency),
                name=record.name,
                version=record.version,
                source=record.source,
                rule_count=record.rule_count,
                active=record.active,
                created_by=record.created_by,
                created_at=record.created_at,
            )
        )
        self._session.flush()

    def by_version(self, agency: Agency, version: str) -> RuleSetRecord | None:
        row = self._session.scalars(
            select(RuleSetRow).where(
                RuleSetRow.agency == str(agency), RuleSetRow.version == version
            )
        ).first()
        return _rule_set(row) if row else None

    def active(self, agency: Agency) -> RuleSetRecord | None:
        row = self._session.scalars(
            select(RuleSetRow).where(RuleSetRow.agency == str(agency), RuleSetRow.active)
        ).first()
        return _rule_set(row) if row else None

    def activate(self, agency: Agency, version: str) -> None:
        """Make ``version`` the one live rule set of the agency."""
        self._session.execute(
            update(RuleSetRow).where(RuleSetRow.agency == str(agency)).values(active=False)
        )
        self._session.execute(
            update(RuleSetRow)
            .where(RuleSetRow.agency == str(agency), RuleSetRow.version == version)
            .values(active=True)
        )

    def list(self, agency: Agency) -> list[RuleSetRecord]:
        rows = self._session.scalars(
            select(RuleSetRow).where(RuleSetRow.agency == str(agency)).order_by(RuleSetRow.id)
        )
        return [_rule_set(r) for r in rows]


def _given_names(stored: str) -> tuple[str, ...]:
    """A JSON list; rows written before migration 0010 hold space-separated text."""
    if stored.startswith("["):
        return tuple(json.loads(stored))
    return tuple(stored.split())


def _member(row: NexusMemberRow) -> NexusMember:
    return NexusMember(
        card_number=row.card_number,
        name=PersonName(row.surname, _given_names(row.given_names), row.original_script),
        birth_date=row.birth_date,
        nationality=row.nationality,
        status=MembershipStatus(row.status),
        expiry_date=row.expiry_date,
    )


class SqlNexusRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put_many(self, members: list[NexusMember]) -> None:
        now = utc_now()
        for member in members:
            self._session.merge(
                NexusMemberRow(
                    card_number=member.card_number,
                    surname=member.name.surname,
                    given_names=json.dumps(list(member.name.given_names), ensure_ascii=False),
                    original_script=member.name.original_script,
                    birth_date=member.birth_date,
                    nationality=member.nationality,
                    status=str(member.status),
                    expiry_date=member.expiry_date,
                    updated_at=now,
                )
            )

    def get(self, card_number: str) -> NexusMember | None:
        row = self._session.get(NexusMemberRow, card_number)
        if row is None:
            return None
        return _member(row)

    def get_many(self, card_numbers: list[str]) -> dict[str, NexusMember]:
        found: dict[str, NexusMember] = {}
        for start in range(0, len(card_numbers), 500):
            chunk = card_numbers[start : start + 500]
            for row in self._session.scalars(
                select(NexusMemberRow).where(NexusMemberRow.card_number.in_(chunk))
            ):
                found[row.card_number] = _member(row)
        return found

    def active_count(self) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(NexusMemberRow)
                .where(NexusMemberRow.status == str(MembershipStatus.ACTIVE))
            )
            or 0
        )

    def active_page(self, *, after: str = "", limit: int = 10_000) -> list[RegistryRow]:
        # Columns, not row objects: re-vetting pages through millions, and the ORM's
        # identity map would hold every row read.
        t = NexusMemberRow
        rows = self._session.execute(
            select(t.card_number, t.surname, t.given_names, t.birth_date, t.nationality)
            .where(t.status == str(MembershipStatus.ACTIVE), t.card_number > after)
            .order_by(t.card_number)
            .limit(limit)
        )
        return [
            RegistryRow(card, surname, _given_names(given), born, nationality)
            for card, surname, given, born, nationality in rows
        ]
