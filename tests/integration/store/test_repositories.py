"""Each repository round-trips the domain objects exactly, on SQLite and PostgreSQL."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from smartborder.audit import trail
from smartborder.bootstrap import Container
from smartborder.domain import Agency, AuditAction, AuditEvent, Direction, Role, User
from smartborder.store.sql import SqlUnitOfWork
from tests.factories import BLAINE, DOUGLAS, entry


def test_ports_round_trip(container: Container) -> None:
    with container.uow() as uow:
        uow.ports.put(DOUGLAS)
        uow.ports.put(BLAINE)
        uow.commit()
    with container.uow() as uow:
        assert uow.ports.get("813") == DOUGLAS
        assert uow.ports.list(Agency.CBP) == [BLAINE]


def test_users_round_trip_and_revoke(container: Container) -> None:
    user = User(name="officer-7", role=Role.OFFICER, agency=Agency.CBSA)
    with container.uow() as uow:
        uow.users.add(user, "f" * 64)
        uow.commit()
    with container.uow() as uow:
        assert uow.users.by_token_hash("f" * 64) == user
        assert uow.users.by_name(Agency.CBP, "officer-7") is None
        uow.users.revoke(user.id, datetime(2026, 7, 4, tzinfo=UTC))
        uow.commit()
    with container.uow() as uow:
        revoked = uow.users.by_name(Agency.CBSA, "officer-7")
        assert revoked is not None and not revoked.active


def test_crossings_round_trip_with_microseconds_and_agency_scope(container: Container) -> None:
    record = entry()
    with container.uow() as uow:
        uow.ports.put(DOUGLAS)
        uow.crossings.add(record)
        uow.commit()
    with container.uow() as uow:
        assert uow.crossings.get(Agency.CBSA, record.id) == record
        assert uow.crossings.get(Agency.CBP, record.id) is None
        assert uow.crossings.count(Agency.CBSA, Direction.ENTRY) == 1


def test_crossings_list_oldest_first_from_a_time(container: Container) -> None:
    start = datetime(2026, 7, 3, 8, tzinfo=UTC)
    records = [entry(crossed_at=start + timedelta(minutes=m)) for m in (30, 10, 20)]
    with container.uow() as uow:
        uow.crossings.add_many(records)
        uow.commit()
    with container.uow() as uow:
        listed = uow.crossings.list(Agency.CBSA, since=start + timedelta(minutes=15))
    assert [r.crossed_at.minute for r in listed] == [20, 30]


def test_uncommitted_work_is_rolled_back(container: Container) -> None:
    with container.uow() as uow:
        uow.crossings.add(entry())
    with container.uow() as uow:
        assert uow.crossings.count(Agency.CBSA) == 0


def _event(n: int) -> AuditEvent:
    return AuditEvent(
        actor="CBSA/analyst",
        agency="CBSA",
        action=AuditAction.READ,
        purpose="hit review",
        record_type="crossing",
        record_id=str(n),
        detail={"n": str(n), "note": "é ü 中"},
    )


def test_the_audit_chain_survives_concurrent_writers(container: Container) -> None:
    def writer(offset: int) -> None:
        for n in range(25):
            with container.uow() as uow:
                uow.audit.append(_event(offset + n))
                uow.commit()

    threads = [threading.Thread(target=writer, args=(i * 100,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = trail.verify(container.uow())
    assert result.ok and result.entries == 100 and result.head_seq == 100


@pytest.mark.parametrize(
    ("tamper", "seq", "words"),
    [
        ("UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 3", 3, "changed"),
        ("DELETE FROM audit_log WHERE seq = 2", 2, "missing"),
        ("DELETE FROM audit_log WHERE seq = 5", 5, "removed from its end"),
        (
            "UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 1002 WHEN 3 THEN 2 END "
            "WHERE seq IN (2, 3); UPDATE audit_log SET seq = 3 WHERE seq = 1002",
            2,
            "",
        ),
    ],
    ids=["edit", "delete", "truncate", "reorder"],
)
def test_audit_verify_names_the_first_tampered_entry(
    container: Container, tamper: str, seq: int, words: str
) -> None:
    with container.uow() as uow:
        uow.audit.append_many([_event(n) for n in range(1, 6)])
        uow.commit()
    assert trail.verify(container.uow()).ok
    with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        for statement in tamper.split("; "):
            uow.session.execute(text(statement))
        uow.commit()
    result = trail.verify(container.uow())
    assert result.broken is not None and result.broken.seq == seq
    assert words in result.broken.problem
