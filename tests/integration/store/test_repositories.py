"""What only a real database can show: the audit chain under concurrent writers, and
tampering done in SQL behind the node's back. What every backend must do, the fake
included, is in tests/contracts."""

import threading

import pytest
from sqlalchemy import text

from smartborder.audit import trail
from smartborder.bootstrap import Container
from smartborder.domain import AuditAction, AuditEvent
from smartborder.store.sql.unit import SqlUnitOfWork


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
            with container.units() as uow:
                uow.audit.append(_event(offset + n))
                uow.commit()

    threads = [threading.Thread(target=writer, args=(i * 100,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = trail.verify(container.units())
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
    with container.units() as uow:
        uow.audit.append_many([_event(n) for n in range(1, 6)])
        uow.commit()
    assert trail.verify(container.units()).ok
    with container.units() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        for statement in tamper.split("; "):
            uow.session.execute(text(statement))
        uow.commit()
    result = trail.verify(container.units())
    assert result.broken is not None and result.broken.seq == seq
    assert words in result.broken.problem
