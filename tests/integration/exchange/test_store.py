"""The exchange on real databases (SQLite, then PostgreSQL): delivery, retention, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from smartborder.audit import trail
from smartborder.clearance.crossings import record_entries
from smartborder.cli.main import main
from smartborder.domain import Agency, AuditAction, utc_now
from smartborder.domain.audit import GENESIS_HASH, AuditEvent, chain
from smartborder.domain.intake import KEY_REUSED
from smartborder.errors import ValidationFailed
from smartborder.exchange.entry_exit import ENTRY_EXIT, entry_fields
from smartborder.exchange.inbox import MESSAGES_PATH
from smartborder.exchange.outbox import delivery_status
from smartborder.exchange.purge import purge
from smartborder.exchange.reconciliation import reconcile
from smartborder.store.sql.audit import _to_domain
from smartborder.store.tables.base import AuditRow
from tests.unit.exchange.support import Side, entry


def engine_of(side: Side) -> Engine:
    assert side.container.engine is not None
    return side.container.engine


def test_every_entry_arrives_once_with_agreed_fields_despite_a_lost_answer(
    sql_pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = sql_pair
    ids = cbsa.record(240)
    cbsa.link.lose_next_reply = True
    assert cbsa.relay.run_once().error
    cbsa.link.down = True
    assert cbsa.relay.run_once().error
    cbsa.link.down = False
    assert cbsa.relay.drain() == 240
    exits = cbp.exits()
    assert sorted(e.partner_id or "" for e in exits) == sorted(ids)
    with engine_of(cbp).connect() as connection:
        row = connection.execute(
            text(
                "SELECT lane, document_expiry, original_script FROM crossings"
                " WHERE direction = 'exit'"
            )
        ).first()
    assert tuple(row or ()) == (None, None, None)
    status = delivery_status(cbsa.container.units())
    assert (status.pending, status.delivered, status.failed) == (0, 240, 0)
    result = reconcile(cbsa.node, cbsa.container.units, cbsa.link, [date(2026, 7, 3)])
    assert result.ok and result.days[0].theirs.count == 240
    assert trail.verify(cbsa.container.units()).ok and trail.verify(cbp.container.units()).ok


def test_the_outbox_row_lives_and_dies_with_the_entry(sql_pair: tuple[Side, Side]) -> None:
    cbsa, _ = sql_pair
    good, bad = entry(Agency.CBSA, 1), replace(entry(Agency.CBSA, 2), port_code="3004")
    with pytest.raises(ValidationFailed):
        record_entries(
            cbsa.container.units(), cbsa.officer, [good, bad], outbox=cbsa.container.entry_outbox
        )
    assert delivery_status(cbsa.container.units()).pending == 0
    record_entries(cbsa.container.units(), cbsa.officer, [good], outbox=cbsa.container.entry_outbox)
    with engine_of(cbsa).connect() as connection:
        fields = connection.execute(text("SELECT fields FROM exchange_outbox")).scalar_one()
    assert isinstance(fields, (dict, str))
    assert "lane" not in str(fields) and "TRAVELLER1" in str(fields)


def test_retention_purge_on_a_real_database(sql_pair: tuple[Side, Side]) -> None:
    cbsa, cbp = sql_pair
    cbsa.record(5)
    cbsa.relay.drain()
    days = cbp.node.agreement.terms["entry-exit"].retention_days
    (result,) = purge(cbp.node, cbp.container.units, now=utc_now() + timedelta(days=days + 1))
    assert (result.records, result.receipts) == (5, 5)
    assert cbp.exits() == []
    with cbp.container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert last.action is AuditAction.DELETE and last.detail["records"] == "5"
    assert trail.verify(cbp.container.units()).ok


def _chain_with_traffic(side_pair: tuple[Side, Side]) -> Side:
    cbsa, _ = side_pair
    cbsa.record(4)
    cbsa.relay.drain()
    verification = trail.verify(cbsa.container.units())
    assert verification.ok and verification.entries >= 9
    return cbsa


def test_audit_verify_names_an_edited_entry(
    sql_pair: tuple[Side, Side],
    node_urls: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    side = _chain_with_traffic(sql_pair)
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", node_urls[0])
    assert main(["audit", "verify"]) == 0
    with engine_of(side).begin() as connection:
        connection.execute(text("UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 5"))
    broken = trail.verify(side.container.units()).broken
    assert broken is not None and broken.seq == 5 and "changed" in broken.problem
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    assert "audit chain broken at entry 5" in capsys.readouterr().err


def test_audit_verify_names_a_deleted_entry(sql_pair: tuple[Side, Side]) -> None:
    side = _chain_with_traffic(sql_pair)
    with engine_of(side).begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq = 4"))
    broken = trail.verify(side.container.units()).broken
    assert broken is not None and broken.seq == 4 and "missing" in broken.problem


def test_audit_verify_notices_entries_cut_off_the_end(sql_pair: tuple[Side, Side]) -> None:
    side = _chain_with_traffic(sql_pair)
    with engine_of(side).begin() as connection:
        last = connection.execute(text("SELECT max(seq) FROM audit_log")).scalar_one()
        connection.execute(text(f"DELETE FROM audit_log WHERE seq = {int(last)}"))
    broken = trail.verify(side.container.units()).broken
    assert broken is not None and broken.seq == int(last) and "removed" in broken.problem


def test_audit_verify_names_reordered_entries(sql_pair: tuple[Side, Side]) -> None:
    side = _chain_with_traffic(sql_pair)
    with engine_of(side).begin() as connection:
        connection.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = 6"))
        connection.execute(text("UPDATE audit_log SET seq = 6 WHERE seq = 7"))
        connection.execute(text("UPDATE audit_log SET seq = 7 WHERE seq = -1"))
    broken = trail.verify(side.container.units()).broken
    assert broken is not None and broken.seq == 6 and "does not follow" in broken.problem


def test_a_full_rewrite_passes_verify_but_not_the_partners_anchor(
    sql_pair: tuple[Side, Side],
) -> None:
    side = _chain_with_traffic(sql_pair)
    with engine_of(side).begin() as connection:
        session = Session(bind=connection)
        rows = session.scalars(select(AuditRow).order_by(AuditRow.seq)).all()
        prev = GENESIS_HASH
        for row in rows:
            event = _to_domain(row).event
            # Hide that the entries were ever recorded (they precede the anchor).
            if event.action is AuditAction.CREATE and event.record_type == "crossing":
                event = AuditEvent(
                    **{
                        **{f: getattr(event, f) for f in event.__slots__},
                        "action": AuditAction.READ,
                    }
                )
            new = chain(row.seq, event, prev)
            row.action, row.prev_hash, row.hash = str(event.action), new.prev_hash, new.hash
            prev = new.hash
        session.flush()
        connection.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    assert trail.verify(side.container.units()).ok
    result = reconcile(side.node, side.container.units, side.link, [date(2026, 7, 3)])
    assert result.equal and result.anchor is not None and not result.anchor.ok


def test_a_key_applied_before_is_refused_with_another_record(
    sql_pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = sql_pair
    terms = cbsa.node.agreement.terms[ENTRY_EXIT]

    def record(key: str, n: int) -> dict[str, object]:
        fields = cbsa.node.agreement.reduce(terms, entry_fields(entry(Agency.CBSA, n)))
        return {"key": key, "type": ENTRY_EXIT, "fields": fields}

    def send(*records: dict[str, object]) -> tuple[int, dict[str, object]]:
        sealed = cbsa.node.seal(cbsa.node.envelope("records", {"records": list(records)}))
        reply = cbp.services.inbox.handle(MESSAGES_PATH, sealed.body, sealed.headers)
        return reply.status, cbsa.node.open(reply.body, reply.headers).body

    assert send(record("key-1", 1))[0] == 200
    assert send(record("key-1", 1)) == (200, {"applied": [], "duplicates": ["key-1"]})
    status, body = send(record("key-1", 2))
    assert status == 422
    assert body["records"] == [{"index": "0", "key": "key-1", "problem": KEY_REUSED}]
    assert [e.name.surname for e in cbp.exits()] == [entry(Agency.CBSA, 1).name.surname]
