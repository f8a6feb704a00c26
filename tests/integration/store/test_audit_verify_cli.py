"""``smartborder audit verify`` on a tampered store: a clear message and exit 1, never an
internal error, whatever was removed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from smartborder.cli.main import main


def _audited_node(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", database_url)
    for name in ("ana", "ben", "cleo"):  # each creation is an audit entry
        args = ["users", "create", "--name", name, "--role", "analyst", "--agency", "CBSA"]
        assert main(args) == 0


def _execute(database_url: str, statement: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_an_intact_chain_exits_0(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _audited_node(database_url, monkeypatch)
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "audit chain intact: 3 entries" in capsys.readouterr().out


def test_the_head_record_deleted_is_named_not_an_internal_error(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _audited_node(database_url, monkeypatch)
    _execute(database_url, "DELETE FROM audit_head")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "audit chain broken at entry 4: the chain's head record is missing: entries 1 to 3 "
        "link up, but nothing tells whether entries after 3 were removed\n"
    )


def test_the_last_entry_deleted_names_the_missing_sequence(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _audited_node(database_url, monkeypatch)
    _execute(database_url, "DELETE FROM audit_log WHERE seq = 3")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("audit chain broken at entry 3: the chain ends at entry 2 but 3")
