"""Clients' idempotency keys: taken once per (actor, scope, key), forgotten when old."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.intake import IdempotencyRecord
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)


def _record(
    key: str = "k-1",
    *,
    actor: str = "CBSA/booth-3",
    scope: str = "crossing",
    created_at: datetime = T0,
    record_id: str = "c-1",
) -> IdempotencyRecord:
    return IdempotencyRecord(
        agency=Agency.CBSA,
        actor=actor,
        scope=scope,
        key=key,
        request_digest="d" * 64,
        record_id=record_id,
        created_at=created_at,
    )


def _add(store: Container, records: list[IdempotencyRecord]) -> None:
    with store.units() as uow:
        for record in records:
            uow.idempotency.add(record)
        uow.commit()


def test_a_key_round_trips_exactly_under_its_actor_and_scope(store: Container) -> None:
    record = _record(created_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC))
    _add(store, [record])
    with store.units() as uow:
        found = uow.idempotency.get("CBSA/booth-3", "crossing", "k-1")
        assert found == record
        assert found is not None
        assert found.created_at == T0 and found.created_at.utcoffset() == timedelta(0)
        assert uow.idempotency.get("CBSA/booth-4", "crossing", "k-1") is None
        assert uow.idempotency.get("CBSA/booth-3", "shipment", "k-1") is None
        assert uow.idempotency.get("CBSA/booth-3", "crossing", "k-2") is None


def test_a_key_is_taken_once_and_the_first_request_is_kept(store: Container) -> None:
    _add(store, [_record(record_id="c-1")])
    with (
        store.units() as uow,
        pytest.raises(Conflict, match="idempotency key 'k-1' of CBSA/booth-3 already used"),
    ):
        uow.idempotency.add(_record(record_id="c-2"))
    _add(store, [_record(actor="CBSA/booth-4"), _record(scope="shipment")])
    with store.units() as uow:
        kept = uow.idempotency.get("CBSA/booth-3", "crossing", "k-1")
        assert kept is not None and kept.record_id == "c-1"
        assert uow.idempotency.get("CBSA/booth-4", "crossing", "k-1") is not None
        assert uow.idempotency.get("CBSA/booth-3", "shipment", "k-1") is not None


def test_expire_forgets_the_actors_keys_made_strictly_before(store: Container) -> None:
    _add(
        store,
        [
            _record("old-1", created_at=T0 - timedelta(hours=25)),
            _record("old-2", created_at=T0 - timedelta(microseconds=1), scope="shipment"),
            _record("edge", created_at=T0),  # at ``before``: kept
            _record("new", created_at=T0 + timedelta(hours=1)),
            _record("other", actor="CBSA/booth-4", created_at=T0 - timedelta(days=3)),
        ],
    )
    with store.units() as uow:
        assert uow.idempotency.expire("CBSA/booth-3", T0) == 2
        uow.commit()
    with store.units() as uow:
        assert uow.idempotency.expire("CBSA/booth-3", T0) == 0
        assert uow.idempotency.get("CBSA/booth-3", "crossing", "old-1") is None
        assert uow.idempotency.get("CBSA/booth-3", "shipment", "old-2") is None
        assert uow.idempotency.get("CBSA/booth-3", "crossing", "edge") is not None
        assert uow.idempotency.get("CBSA/booth-3", "crossing", "new") is not None
        assert uow.idempotency.get("CBSA/booth-4", "crossing", "other") is not None
        uow.idempotency.add(_record("old-1", record_id="c-9"))  # a forgotten key is free
        uow.commit()
    with store.units() as uow:
        again = uow.idempotency.get("CBSA/booth-3", "crossing", "old-1")
    assert again is not None and again.record_id == "c-9"


def test_a_key_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.idempotency.add(_record(created_at=datetime(2026, 7, 3, 17, 5)))
