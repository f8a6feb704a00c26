"""The outbox: one record per type and key; a relay claims due pending records oldest
first under a lease; delivery, deferral and failure are acknowledged by id; delivered
records are purged by type and time."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.exchange import DeliveryState, DeliveryStatus, Disclosure
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

NOW = datetime(2026, 7, 3, 12, 0, 0, 500000, tzinfo=UTC)
LEASE = NOW + timedelta(seconds=30)
DAY = date(2026, 7, 3)
ENTRY_EXIT = "entry-exit"


def ident(n: int) -> str:
    """Ids that sort in ``n`` order (the outbox's oldest-first is its id order)."""
    return f"0190a000-0000-7000-8000-{n:012d}"


def item(
    n: int,
    *,
    record_type: str = ENTRY_EXIT,
    day: date = DAY,
    due: datetime = NOW,
    created_at: datetime | None = None,
) -> Disclosure:
    return Disclosure(
        key=f"key-{n}",
        record_type=record_type,
        partner=Agency.CBP,
        day=day,
        fields={"surname": "TREMBLAY", "given": ["JULIE", "ANNE"], "n": n, "note": "é 中"},
        next_attempt_at=due,
        created_at=created_at or NOW - timedelta(hours=1, microseconds=n),
        id=ident(n),
    )


def add(store: Container, *items: Disclosure) -> None:
    with store.units() as uow:
        uow.outbox.add_many(list(items))
        uow.commit()


def claim(store: Container, now: datetime = NOW, limit: int = 100) -> list[Disclosure]:
    with store.units() as uow:
        claimed = uow.outbox.claim_due(now, limit, now + timedelta(seconds=30))
        uow.commit()
    return claimed


def status(store: Container) -> DeliveryStatus:
    with store.units() as uow:
        return uow.outbox.status()


def test_a_record_round_trips_exactly_through_a_claim(store: Container) -> None:
    written = item(1, due=datetime(2026, 7, 3, 5, 0, 0, 500000, tzinfo=PACIFIC))
    add(store, written)
    (claimed,) = claim(store)
    assert claimed == written
    assert claimed.next_attempt_at == NOW and claimed.next_attempt_at.utcoffset() == timedelta(0)
    assert claimed.created_at == NOW - timedelta(hours=1, microseconds=1)
    assert (claimed.state, claimed.attempts, claimed.delivered_at, claimed.last_error) == (
        DeliveryState.PENDING,
        0,
        None,
        "",
    )


def test_a_record_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.outbox.add_many([item(1, due=datetime(2026, 7, 3, 12, 0))])


def test_a_type_and_key_is_queued_once(store: Container) -> None:
    first = item(1)
    add(store, first)
    again = Disclosure(
        key="key-1", record_type=ENTRY_EXIT, partner=Agency.CBP, day=DAY, fields={}, id=ident(7)
    )
    with pytest.raises(Conflict), store.units() as uow:
        uow.outbox.add_many([again])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.outbox.add_many([item(2), item(2)])
        uow.commit()
    other_type = Disclosure(
        key="key-1", record_type="manifest", partner=Agency.CBP, day=DAY, fields={}, id=ident(8)
    )
    add(store, other_type)
    assert [(i.record_type, i.key) for i in claim(store, now=NOW + timedelta(days=365))] == [
        (ENTRY_EXIT, "key-1"),
        ("manifest", "key-1"),
    ]


def test_an_outbox_id_is_used_once(store: Container) -> None:
    first = item(1)
    add(store, first)
    with pytest.raises(Conflict), store.units() as uow:
        uow.outbox.add_many([Disclosure("key-2", ENTRY_EXIT, Agency.CBP, DAY, {}, id=ident(1))])
        uow.commit()
    assert claim(store) == [first]


def test_claim_due_takes_pending_records_due_by_now_oldest_first_up_to_the_limit(
    store: Container,
) -> None:
    add(
        store,
        item(3),
        item(1, due=NOW - timedelta(days=1)),
        item(2, due=NOW - timedelta(microseconds=1)),
        item(4, due=NOW + timedelta(microseconds=1)),  # not due yet
    )
    assert [i.key for i in claim(store, limit=2)] == ["key-1", "key-2"]
    assert [i.key for i in claim(store)] == ["key-3"]
    assert claim(store) == []
    assert [i.key for i in claim(store, now=NOW + timedelta(microseconds=1))] == ["key-4"]


def test_a_claimed_record_is_leased_until_the_lease_ends(store: Container) -> None:
    add(store, item(1))
    with store.units() as uow:
        assert [i.key for i in uow.outbox.claim_due(NOW, 10, LEASE)] == ["key-1"]
        uow.commit()
    assert claim(store, now=LEASE - timedelta(microseconds=1)) == []
    (again,) = claim(store, now=LEASE)
    assert again.next_attempt_at == LEASE and again.attempts == 0


def test_a_claim_not_committed_leases_nothing(store: Container) -> None:
    add(store, item(1))
    with store.units() as uow:
        assert len(uow.outbox.claim_due(NOW, 10, LEASE)) == 1
    assert [i.key for i in claim(store)] == ["key-1"]


def test_mark_delivered_takes_the_record_out_of_the_queue(store: Container) -> None:
    add(store, item(1), item(2))
    with store.units() as uow:
        uow.outbox.mark_delivered([ident(1)], NOW)
        uow.commit()
    assert status(store) == DeliveryStatus(
        pending=1,
        delivered=1,
        failed=0,
        oldest_pending_at=NOW - timedelta(hours=1, microseconds=2),
        last_error="",
    )
    assert [i.key for i in claim(store, now=NOW + timedelta(days=1))] == ["key-2"]
    with store.units() as uow:
        assert uow.outbox.delivered_keys(ENTRY_EXIT, DAY) == ["key-1"]


def test_defer_counts_the_attempt_keeps_the_error_and_sets_the_next_time(
    store: Container,
) -> None:
    add(store, item(1))
    later = NOW + timedelta(minutes=5, microseconds=3)
    with store.units() as uow:
        uow.outbox.defer([ident(1)], later, "partner unreachable")
        uow.commit()
    assert claim(store, now=later - timedelta(microseconds=1)) == []
    assert status(store).last_error == "partner unreachable"
    (deferred,) = claim(store, now=later)
    assert (deferred.next_attempt_at, deferred.attempts, deferred.last_error) == (
        later,
        1,
        "partner unreachable",
    )


def test_mark_failed_stops_delivery_until_requeued(store: Container) -> None:
    add(store, item(1), item(2))
    with store.units() as uow:
        uow.outbox.mark_failed([ident(1)], "outside the agreement")
        uow.commit()
    assert [i.key for i in claim(store)] == ["key-2"]
    assert (status(store).failed, status(store).pending) == (1, 1)
    requeue_at = NOW + timedelta(hours=1, microseconds=9)
    with store.units() as uow:
        assert uow.outbox.requeue_failed(requeue_at) == 1
        uow.commit()
    with store.units() as uow:
        assert uow.outbox.requeue_failed(requeue_at) == 0
    (requeued,) = [i for i in claim(store, now=requeue_at) if i.key == "key-1"]
    assert (requeued.state, requeued.next_attempt_at, requeued.attempts) == (
        DeliveryState.PENDING,
        requeue_at,
        1,
    )
    assert requeued.last_error == "outside the agreement"


def test_an_error_is_kept_to_its_first_500_characters(store: Container) -> None:
    add(store, item(1), item(2))
    long_error = "e" * 499 + "é" + "x" * 100
    with store.units() as uow:
        uow.outbox.defer([ident(1)], NOW, long_error)
        uow.outbox.mark_failed([ident(2)], long_error)
        uow.commit()
    assert status(store).last_error == long_error[:500]
    with store.units() as uow:
        uow.outbox.requeue_failed(NOW)
        uow.commit()
    assert [i.last_error for i in claim(store)] == [long_error[:500]] * 2


def test_acknowledging_an_unknown_id_changes_nothing(store: Container) -> None:
    add(store, item(1))
    with store.units() as uow:
        uow.outbox.mark_delivered([ident(9)], NOW)
        uow.outbox.mark_failed([ident(9)], "x")
        uow.outbox.defer([ident(9)], NOW, "x")
        uow.outbox.mark_delivered([], NOW)
        uow.commit()
    assert (status(store).pending, status(store).delivered, status(store).failed) == (1, 0, 0)
    assert claim(store) == [item(1)]


def test_status_counts_each_state_and_shows_the_oldest_pending(store: Container) -> None:
    assert status(store) == DeliveryStatus(0, 0, 0, None, "")
    add(store, *(item(n) for n in range(1, 6)))
    with store.units() as uow:
        uow.outbox.mark_delivered([ident(1)], NOW)
        uow.outbox.mark_failed([ident(2)], "refused")
        uow.outbox.defer([ident(3)], NOW + timedelta(1), "timed out")
        uow.commit()
    assert status(store) == DeliveryStatus(
        pending=3,
        delivered=1,
        failed=1,
        oldest_pending_at=NOW - timedelta(hours=1, microseconds=3),
        last_error="timed out",
    )


def test_delivered_keys_and_days_are_by_record_type(store: Container) -> None:
    other_day = DAY + timedelta(days=2)
    add(
        store,
        item(1),
        item(2),
        item(3, day=other_day),
        item(4),  # still pending
        item(5, record_type="manifest"),
        item(6, day=DAY - timedelta(days=1)),
    )
    with store.units() as uow:
        uow.outbox.mark_delivered([ident(n) for n in (1, 2, 3, 5)], NOW)
        uow.commit()
    with store.units() as uow:
        assert sorted(uow.outbox.delivered_keys(ENTRY_EXIT, DAY)) == ["key-1", "key-2"]
        assert uow.outbox.delivered_keys(ENTRY_EXIT, other_day) == ["key-3"]
        assert uow.outbox.delivered_keys("manifest", DAY) == ["key-5"]
        assert uow.outbox.delivered_keys(ENTRY_EXIT, DAY + timedelta(1)) == []
        assert uow.outbox.days(ENTRY_EXIT) == [DAY - timedelta(days=1), DAY, other_day]
        assert uow.outbox.days("manifest") == [DAY]
        assert uow.outbox.days("unknown") == []


def test_purge_delivered_deletes_the_types_records_delivered_before_a_time(
    store: Container,
) -> None:
    add(store, item(1), item(2), item(3), item(4, record_type="manifest"))
    with store.units() as uow:
        uow.outbox.mark_delivered([ident(1), ident(4)], NOW)
        uow.outbox.mark_delivered([ident(2)], NOW + timedelta(microseconds=1))
        uow.commit()
    with store.units() as uow:
        assert uow.outbox.purge_delivered(ENTRY_EXIT, NOW + timedelta(microseconds=1)) == 1
        uow.commit()
    with store.units() as uow:
        assert uow.outbox.purge_delivered(ENTRY_EXIT, NOW + timedelta(microseconds=1)) == 0
        assert uow.outbox.delivered_keys(ENTRY_EXIT, DAY) == ["key-2"]
        assert uow.outbox.delivered_keys("manifest", DAY) == ["key-4"]
    assert status(store) == DeliveryStatus(
        pending=1,
        delivered=2,
        failed=0,
        oldest_pending_at=NOW - timedelta(hours=1, microseconds=3),
    )
