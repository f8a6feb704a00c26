"""The inbox: a message id is taken once until forgotten; a sender's record key is applied
exactly once, with the digest of what it named; the partner's chain heads are kept in order."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.exchange import AuditAnchor
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

NOW = datetime(2026, 7, 3, 12, 0, 0, 250000, tzinfo=UTC)
ENTRY_EXIT = "entry-exit"
CBSA, CBP = Agency.CBSA, Agency.CBP


def remember(store: Container, message_id: str, sender: Agency = CBSA, **times: datetime) -> bool:
    with store.units() as uow:
        fresh = uow.inbox.remember_message(
            message_id,
            sender,
            times.get("seen_at", NOW),
            times.get("expires_at", NOW + timedelta(minutes=10)),
        )
        uow.commit()
    return fresh


def receive(
    store: Container,
    keys: list[str],
    *,
    sender: Agency = CBSA,
    record_type: str = ENTRY_EXIT,
    at: datetime = NOW,
) -> None:
    with store.units() as uow:
        uow.inbox.add_receipts(
            sender, record_type, [(k, f"local-{k}", f"digest-{k}") for k in keys], "msg-1", at
        )
        uow.commit()


def known(store: Container, keys: list[str], sender: Agency = CBSA) -> dict[str, str | None]:
    with store.units() as uow:
        return uow.inbox.known_keys(sender, keys)


def test_a_message_id_is_taken_once(store: Container) -> None:
    assert remember(store, "msg-1") is True
    assert remember(store, "msg-1") is False
    assert remember(store, "msg-1", CBP) is False  # whoever sends it again
    assert remember(store, "msg-2") is True
    with store.units() as uow:
        assert uow.inbox.remember_message("msg-3", CBSA, NOW, NOW) is True
        assert uow.inbox.remember_message("msg-3", CBSA, NOW, NOW) is False


def test_naive_times_are_refused(store: Container) -> None:
    naive = datetime(2026, 7, 3, 12, 0)
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.inbox.remember_message("msg-1", CBSA, NOW, naive)
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.inbox.add_receipts(CBSA, ENTRY_EXIT, [("k1", "l1", "d1")], "msg-1", naive)
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.inbox.add_anchor(AuditAnchor(CBP, 1, "a" * 64, naive))


def test_a_message_id_not_committed_is_not_remembered(store: Container) -> None:
    with store.units() as uow:
        assert uow.inbox.remember_message("msg-1", CBSA, NOW, NOW + timedelta(1)) is True
    assert remember(store, "msg-1") is True


def test_forget_messages_drops_those_expired_before_a_time(store: Container) -> None:
    expiry = datetime(2026, 7, 3, 5, 10, 0, 250000, tzinfo=PACIFIC)  # NOW + 10 minutes
    remember(store, "early", expires_at=expiry - timedelta(microseconds=1))
    remember(store, "on-time", expires_at=expiry)
    remember(store, "late", expires_at=expiry + timedelta(days=1))
    with store.units() as uow:
        assert uow.inbox.forget_messages(NOW + timedelta(minutes=10)) == 1
        uow.commit()
    with store.units() as uow:
        assert uow.inbox.forget_messages(NOW + timedelta(minutes=10)) == 0
    assert remember(store, "early") is True
    assert remember(store, "on-time") is False
    assert remember(store, "late") is False


def test_known_keys_are_the_senders_applied_keys_with_their_digests(store: Container) -> None:
    receive(store, ["k1", "k2"])
    receive(store, ["k3"], sender=CBP)
    assert known(store, ["k1", "k2", "k3", "k9"]) == {"k1": "digest-k1", "k2": "digest-k2"}
    assert known(store, ["k1", "k3"], CBP) == {"k3": "digest-k3"}
    assert known(store, []) == {}


def test_known_keys_answers_for_more_keys_than_one_query_takes(store: Container) -> None:
    keys = [f"k{n:05d}" for n in range(1203)]
    receive(store, keys[::2])
    found = known(store, keys)
    assert found == {k: f"digest-{k}" for k in keys[::2]}


def test_a_senders_key_is_applied_exactly_once(store: Container) -> None:
    receive(store, ["k1"])
    with pytest.raises(Conflict), store.units() as uow:
        uow.inbox.add_receipts(CBSA, ENTRY_EXIT, [("k1", "other", "other-digest")], "msg-2", NOW)
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.inbox.add_receipts(CBSA, ENTRY_EXIT, [("k2", "a", "d"), ("k2", "b", "d")], "m", NOW)
        uow.commit()
    receive(store, ["k1"], sender=CBP)  # the same key from the other sender is another record
    assert known(store, ["k1", "k2"]) == {"k1": "digest-k1"}
    assert known(store, ["k1"], CBP) == {"k1": "digest-k1"}


def test_receipts_not_committed_are_not_known(store: Container) -> None:
    with store.units() as uow:
        uow.inbox.add_receipts(CBSA, ENTRY_EXIT, [("k1", "l1", "d1")], "msg-1", NOW)
        assert uow.inbox.known_keys(CBSA, ["k1"]) == {"k1": "d1"}
    assert known(store, ["k1"]) == {}


def test_purge_receipts_drops_the_types_receipts_from_before_a_time(store: Container) -> None:
    receive(store, ["old"], at=NOW - timedelta(microseconds=1))
    receive(store, ["edge"], at=NOW)
    receive(store, ["old-manifest"], record_type="manifest", at=NOW - timedelta(days=1))
    receive(store, ["old-cbp"], sender=CBP, at=NOW - timedelta(days=1))
    with store.units() as uow:
        assert uow.inbox.purge_receipts(ENTRY_EXIT, NOW) == 2  # of both senders
        uow.commit()
    with store.units() as uow:
        assert uow.inbox.purge_receipts(ENTRY_EXIT, NOW) == 0
    assert known(store, ["old", "edge", "old-manifest"]) == {
        "edge": "digest-edge",
        "old-manifest": "digest-old-manifest",
    }
    assert known(store, ["old-cbp"], CBP) == {}
    receive(store, ["old"])  # a purged key may be applied again
    assert known(store, ["old"]) == {"old": "digest-old"}


def test_latest_anchor_is_the_last_added_for_the_agency(store: Container) -> None:
    first = AuditAnchor(CBP, 10, "a" * 64, datetime(2026, 7, 3, 5, 0, 0, 1, tzinfo=PACIFIC))
    second = AuditAnchor(CBP, 9, "b" * 64, NOW - timedelta(days=1))  # added later, older seq
    theirs = AuditAnchor(CBSA, 99, "c" * 64, NOW)
    with store.units() as uow:
        assert uow.inbox.latest_anchor(CBP) is None
        uow.inbox.add_anchor(first)
        uow.commit()
    with store.units() as uow:
        read = uow.inbox.latest_anchor(CBP)
        uow.inbox.add_anchor(second)
        uow.inbox.add_anchor(theirs)
        uow.commit()
    assert read == first
    assert read is not None and read.received_at == datetime(2026, 7, 3, 12, 0, 0, 1, tzinfo=UTC)
    assert read.received_at.utcoffset() == timedelta(0)
    with store.units() as uow:
        assert uow.inbox.latest_anchor(CBP) == second
        assert uow.inbox.latest_anchor(CBSA) == theirs
