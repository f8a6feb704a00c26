"""`smartborder nexus apply / show --json / interview / revet`: the programmes' contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartborder.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "nexus-application.json"
LOOKOUTS = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-1,"TREMBLAY, Marie Claire",person,,1984-03-09,CAN,F,,test,Fictional.
"""
OTHER = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-2,"OKAFOR, Ada",person,,1975-11-11,NGA,F,,test,Fictional.
"""


@pytest.fixture
def node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", f"sqlite:///{tmp_path / 'node.db'}")
    (tmp_path / "lookouts.csv").write_text(OTHER, encoding="utf-8")
    load = ["lists", "load", str(tmp_path / "lookouts.csv"), "--format", "csv"]
    assert main([*load, "--list-id", "cbsa-lookouts"]) == 0
    return tmp_path


def _apply(capsys: pytest.CaptureFixture[str], path: Path = EXAMPLE) -> str:
    capsys.readouterr()
    assert main(["nexus", "apply", str(path)]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]  # the id alone, last


def _show(capsys: pytest.CaptureFixture[str], application_id: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["nexus", "show", application_id, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert isinstance(view, dict)
    return view


def test_apply_prints_the_id_and_show_gives_both_agencies_vetting(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    application_id = _apply(capsys)
    view = _show(capsys, application_id)
    assert view["status"] == "vetting"
    assert view["vetting"] == {
        "CBP": {"decision": "pending", "reasons": []},
        "CBSA": {"decision": "approve", "reasons": []},
    }
    assert view["passid"] is None and view["notices"] == []
    # Not yet approved by CBP: no interview.
    assert main(["nexus", "interview", application_id, "--outcome", "pass"]) == 2


def test_a_listed_applicant_is_denied_with_the_entry(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (node / "lookouts.csv").write_text(LOOKOUTS, encoding="utf-8")
    load = ["lists", "load", str(node / "lookouts.csv"), "--format", "csv"]
    assert main([*load, "--list-id", "cbsa-lookouts"]) == 0
    view = _show(capsys, _apply(capsys))
    assert view["status"] == "denied"
    reasons = view["vetting"]["CBSA"]["reasons"]  # type: ignore[index]
    assert reasons[0]["kind"] == "list-entry" and reasons[0]["ref"] == "cbsa-lookouts:T-1"
    (notice,) = view["notices"]  # type: ignore[misc]
    assert notice["language"] == "fr" and notice["recourse_deadline"]


def test_a_bad_application_exits_2_naming_each_problem(
    node: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["documents"][0]["expiry_date"] = "2001-01-01"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["nexus", "apply", str(bad)]) == 2
    assert "documents[0].expiry_date: the document expired on 2001-01-01" in capsys.readouterr().err


def test_revet_screens_the_members_against_what_changed(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["nexus", "revet"]) == 0
    out = capsys.readouterr().out
    assert "re-vetted 0 members against 1 list entries new or changed" in out
    assert main(["nexus", "revet"]) == 0
    assert "against 0 list entries" in capsys.readouterr().out
    assert main(["nexus", "revet", "--full"]) == 0
    assert "against 1 list entries (all)" in capsys.readouterr().out
    assert main(["nexus", "show", "no-such-id", "--json"]) == 2


def test_centres_load_and_show_their_wait_and_a_booking_waits_for_both_approvals(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centres = EXAMPLE.with_name("centres.csv")
    capsys.readouterr()
    assert main(["nexus", "centres", "--load", str(centres), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [c["code"] for c in shown] == ["BLA", "CHA", "LAN", "VAN", "YVR"]
    assert all(c["waiting"] == 0 and c["first_free_day"] for c in shown)
    application_id = _apply(capsys)
    capsys.readouterr()
    assert main(["nexus", "book", application_id, "--centre", "BLA"]) == 2
    assert "only a conditionally approved applicant" in capsys.readouterr().err
    assert main(["nexus", "book", application_id, "--centre", "BLA", "--day", "soon"]) == 2
