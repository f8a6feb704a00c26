"""``smartborder exchange``: exit codes and messages of the commands that need no server."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from smartborder.cli.main import main

EXAMPLE = Path(__file__).parents[3] / "examples" / "agreements" / "entry-exit.yaml"


def configure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert main(["exchange", "keygen", "--out", str(tmp_path / "me")]) == 0
    assert main(["exchange", "keygen", "--out", str(tmp_path / "partner")]) == 0
    for name, value in {
        "SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}",
        "SMARTBORDER_NODE_KEY": str(tmp_path / "me" / "node.key"),
        "SMARTBORDER_PARTNER_URL": "http://127.0.0.1:9",
        "SMARTBORDER_PARTNER_KEY": str(tmp_path / "partner" / "node.pub"),
        "SMARTBORDER_AGREEMENT": str(EXAMPLE),
    }.items():
        monkeypatch.setenv(name, value)


def test_keygen_writes_the_pair_and_refuses_to_overwrite_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exchange", "keygen", "--out", str(tmp_path)]) == 0
    assert stat.S_IMODE((tmp_path / "node.key").stat().st_mode) == 0o600
    assert "key id" in capsys.readouterr().out
    assert main(["exchange", "keygen", "--out", str(tmp_path)]) == 2
    assert "already holds a node key" in capsys.readouterr().err
    assert main(["exchange", "keygen", "--out", str(tmp_path), "--force"]) == 0


def test_commands_on_a_node_that_shares_nothing_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", f"sqlite:///{tmp_path / 'n.db'}")
    assert main(["exchange", "status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: this node shares nothing") and err.count("\n") == 1


def test_status_of_a_fresh_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(monkeypatch, tmp_path)
    capsys.readouterr()
    assert main(["exchange", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status == {
        "pending": 0,
        "delivered": 0,
        "failed": 0,
        "oldest_pending_age_seconds": None,
        "last_error": "",
    }


def test_purge_needs_a_zoned_time_and_is_audited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(monkeypatch, tmp_path)
    assert main(["exchange", "purge", "--now", "2026-07-03T00:00:00"]) == 2
    assert "timezone" in capsys.readouterr().err
    assert main(["exchange", "purge", "--now", "2026-07-03T00:00:00+00:00"]) == 0
    assert "entry-exit: before 2011-" in capsys.readouterr().out
    assert main(["audit", "export"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["action"] == "delete"


def test_reconcile_with_nothing_disclosed_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(monkeypatch, tmp_path)
    assert main(["exchange", "reconcile"]) == 0
    assert "nothing disclosed yet" in capsys.readouterr().out
    assert main(["exchange", "reconcile", "--day", "3 July"]) == 2


def test_a_half_configured_node_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMARTBORDER_AGREEMENT", str(EXAMPLE))
    assert main(["exchange", "status"]) == 2
    assert "half configured" in capsys.readouterr().err
