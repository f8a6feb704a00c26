"""Record entries at our ports and read crossing records, with the audit that both require."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import (
    Arrival,
    AuditAction,
    AuditEvent,
    CrossingRecord,
    Direction,
    PortOfEntry,
    User,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.clock import utc_now
from smartborder.domain.intake import KEY_LIFETIME, KEY_REUSED, IdempotencyRecord, content_digest
from smartborder.errors import Conflict, IdempotencyKeyReused, NotFound, ValidationFailed


class EntryOutbox(Protocol):
    """Queues entries for the partner agency inside the transaction that records them.

    The exchange service implements it when a sharing agreement is configured; clearance
    only calls it, so that an entry is stored and queued together, or neither.
    """

    def stage_entries(self, uow: ClearanceUnit, records: Sequence[CrossingRecord]) -> int: ...


def _event(
    user: User,
    action: AuditAction,
    purpose: str,
    record_id: str | None,
    **detail: str | list[str],
) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose=purpose,
        record_type="crossing",
        record_id=record_id,
        detail=detail,
    )


def entry_of(arrival: Arrival) -> CrossingRecord:
    """The crossing record an arrival leaves once it is admitted."""
    traveller = arrival.traveller
    return CrossingRecord(
        agency=arrival.agency,
        direction=Direction.ENTRY,
        name=traveller.name,
        birth_date=traveller.birth_date,
        nationality=traveller.nationality,
        sex=traveller.sex,
        document=traveller.primary_document,
        port_code=arrival.port_code,
        lane=arrival.lane,
        crossed_at=arrival.arrived_at,
    )


def _check(user: User, record: CrossingRecord, ports: Mapping[str, PortOfEntry | None]) -> None:
    if record.direction is not Direction.ENTRY or record.agency is not user.agency:
        raise ValidationFailed("an officer records entries for their own agency only")
    port = ports.get(record.port_code)
    if port is None or port.agency is not user.agency:
        raise ValidationFailed(
            f"port {record.port_code!r} is not one of {user.agency}'s ports of entry"
        )
    if record.lane is not None and record.lane not in port.lanes:
        raise ValidationFailed(f"port {port.code} has no {record.lane} lane")


#: Stands for the id and time of recording, which the node gives and a retry does not
#: repeat, when a request is digested.
_UNSET = datetime(1970, 1, 1, tzinfo=UTC)


def record_entry(
    uow: ClearanceUnit,
    user: User,
    record: CrossingRecord,
    *,
    outbox: EntryOutbox | None = None,
    idempotency_key: str | None = None,
) -> CrossingRecord:
    """Store an entry at one of the user's own agency's ports.

    Under an ``idempotency_key`` (the client's), a retry of the same request gets the
    entry the first one recorded (the read audited) and records nothing; the same key
    with another request is refused (``IdempotencyKeyReused``), as the IETF draft says.
    """
    if idempotency_key is None:
        record_entries(uow, user, [record], outbox=outbox)
        return record
    asked = content_digest(replace(record, id="", recorded_at=_UNSET))
    claim = IdempotencyRecord(
        agency=user.agency,
        actor=user.actor,
        scope="crossing",
        key=idempotency_key,
        request_digest=asked,
        record_id=record.id,
    )
    with uow:
        uow.idempotency.expire(user.actor, utc_now() - KEY_LIFETIME)
        used = uow.idempotency.get(user.actor, "crossing", idempotency_key)
        if used is None:
            try:
                # The key is claimed before the entry is written: of two requests sent at
                # once with one key, the second waits here for the first (PostgreSQL) and
                # is then refused, and so replays what the first recorded.
                uow.idempotency.add(claim)
            except Conflict:
                uow.rollback()
                used = uow.idempotency.get(user.actor, "crossing", idempotency_key)
                if used is None:  # the first has not committed: the client may retry
                    raise Conflict(
                        f"a request with Idempotency-Key {idempotency_key!r} is in progress"
                    ) from None
            else:
                add_entries(uow, user, [record], outbox=outbox)
                uow.commit()
                return record
        return _replayed(uow, user, used, asked)


def _replayed(
    uow: ClearanceUnit, user: User, used: IdempotencyRecord, asked: str
) -> CrossingRecord:
    if used.request_digest != asked:
        raise IdempotencyKeyReused(f"Idempotency-Key {used.key!r}: {KEY_REUSED}")
    recorded = uow.crossings.get(user.agency, used.record_id)
    if recorded is None:  # purged since: say so rather than record the entry again
        raise Conflict(f"the entry recorded under Idempotency-Key {used.key!r} is no longer held")
    uow.audit.append(
        _event(user, AuditAction.READ, "request retried", recorded.id, key=used.key[:64])
    )
    uow.commit()
    return recorded


def record_entries(
    uow: ClearanceUnit,
    user: User,
    records: Sequence[CrossingRecord],
    *,
    outbox: EntryOutbox | None = None,
) -> None:
    """Store many entries in one transaction, each with its audit entry; all or none.

    With an ``outbox``, the entries the agreement shares are queued for the partner in
    the same transaction.
    """
    with uow:
        add_entries(uow, user, records, outbox=outbox)
        uow.commit()


def add_entries(
    uow: ClearanceUnit,
    user: User,
    records: Sequence[CrossingRecord],
    *,
    outbox: EntryOutbox | None = None,
    audit: bool = True,
    ports: Mapping[str, PortOfEntry | None] | None = None,
) -> None:
    """Check and add entries, their audit and their outbox rows, inside an open unit of work.

    For use cases that record entries with other things (decisions, hits) in one
    transaction; the caller commits. ``ports``: the records' ports, if the caller read
    them already.
    """
    if ports is None:
        ports = {code: uow.ports.get(code) for code in {r.port_code for r in records}}
    for record in records:
        _check(user, record, ports)
    uow.crossings.add_many(list(records))
    if audit:  # off when the caller's own audit entry names the records
        uow.audit.append_many(
            [
                _event(user, AuditAction.CREATE, "primary inspection", r.id, port=r.port_code)
                for r in records
            ]
        )
    if outbox is not None:
        outbox.stage_entries(uow, records)


def read_crossing(
    uow: ClearanceUnit, user: User, record_id: str, *, purpose: str
) -> CrossingRecord:
    """One record of the user's agency; the read is audited."""
    purpose = stated_purpose(purpose)
    with uow:
        record = uow.crossings.get(user.agency, record_id)
        if record is None:
            raise NotFound(f"no crossing record {record_id}")
        uow.audit.append(_event(user, AuditAction.READ, purpose, record_id))
        uow.commit()
    return record


def list_crossings(
    uow: ClearanceUnit,
    user: User,
    *,
    direction: Direction | None,
    since: datetime | None,
    limit: int,
    purpose: str,
) -> list[CrossingRecord]:
    """A page of the user's agency's records, oldest first; the read is audited, naming
    every record it returned."""
    purpose = stated_purpose(purpose)
    if not 1 <= limit <= 1000:
        raise ValidationFailed("limit must be between 1 and 1000")
    with uow:
        records = uow.crossings.list(user.agency, direction=direction, since=since, limit=limit)
        uow.audit.append(
            _event(
                user,
                AuditAction.READ,
                purpose,
                None,
                count=str(len(records)),
                direction=str(direction) if direction else "any",
                ids=[r.id for r in records],
            )
        )
        uow.commit()
    return records
