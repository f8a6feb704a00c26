"""`smartborder clear`: the public JSON-lines contract the benchmarks and carriers read."""

import json
from datetime import date
from pathlib import Path

import pytest

from smartborder.cli.main import main
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from tests.factories import passenger, paxlst

PORTS = """ports:
  - {code: "813", name: Pacific Highway, agency: CBSA, cbsa_office_code: "813",
     timezone: America/Vancouver, lanes: [general, nexus]}
  - {code: YVR, name: Vancouver International, agency: CBSA, timezone: America/Vancouver}
"""
LOOKOUTS = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-1,"HADDAD, Samir",person,,1979-03-14,LBN,M,LB998877,test,Fictional.
"""
HADDAD = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877")
TREMBLAY = passenger("TREMBLAY", "JULIE", date(1984, 2, 29))
CONTRACT = {
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "document_number",
    "role",
    "decision",
    "risk_score",
    "reasons",
}


@pytest.fixture
def node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", f"sqlite:///{tmp_path / 'node.db'}")
    (tmp_path / "ports.yaml").write_text(PORTS, encoding="utf-8")
    (tmp_path / "lookouts.csv").write_text(LOOKOUTS, encoding="utf-8")
    assert main(["ports", "load", str(tmp_path / "ports.yaml")]) == 0
    load = ["lists", "load", str(tmp_path / "lookouts.csv"), "--format", "csv"]
    assert main([*load, "--list-id", "cbsa-lookouts"]) == 0
    return tmp_path


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_one_line_per_traveller_and_no_board_only_for_the_listed_person(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = node / "AC855.edi"
    message.write_text(paxlst([HADDAD, TREMBLAY]), encoding="utf-8")
    capsys.readouterr()

    assert main(["clear", "paxlst", str(message)]) == 0
    haddad, tremblay = _lines(capsys)

    assert set(haddad) == set(tremblay) == CONTRACT
    assert (haddad["decision"], tremblay["decision"]) == ("no_board", "board")
    (reason,) = haddad["reasons"]  # type: ignore[misc]
    assert reason["kind"] == "watchlist" and reason["ref"] == "cbsa-lookouts:T-1"
    assert tremblay["reasons"] == [] and tremblay["birth_date"] == "1984-02-29"


def test_the_same_message_twice_gives_the_stored_answers(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = node / "AC855.edi"
    message.write_text(paxlst([HADDAD, TREMBLAY]), encoding="utf-8")
    assert main(["clear", "paxlst", str(message)]) == 0
    first = _lines(capsys)

    assert main(["clear", "paxlst", str(message)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line) for line in captured.out.splitlines()] == first
    assert "already received" in captured.err


def test_a_reused_reference_is_cleared_and_the_warning_is_on_stderr(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = node / "AC855.edi"
    message.write_text(paxlst([TREMBLAY]), encoding="utf-8")
    assert main(["clear", "paxlst", str(message)]) == 0
    capsys.readouterr()
    # Next day, the carrier's references have rolled over to the same numbers.
    message.write_text(paxlst([HADDAD], day=date(2026, 7, 4)), encoding="utf-8")
    assert main(["clear", "paxlst", str(message)]) == 0
    captured = capsys.readouterr()
    (haddad,) = [json.loads(line) for line in captured.out.splitlines()]
    assert set(haddad) == CONTRACT and haddad["decision"] == "no_board"
    assert "1001/PAX1: warning: reference re-used with different content" in captured.err


def test_the_booth_refers_a_listed_person_with_the_list_entry(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    lines = generate_mrz(mrz_data_of(HADDAD))

    assert main(["clear", "primary", *lines, "--port", "813"]) == 0
    (answer,) = _lines(capsys)

    assert answer["decision"] == "refer"
    assert "cbsa-lookouts:T-1" in [r["ref"] for r in answer["reasons"]]  # type: ignore[attr-defined]


def test_an_unreadable_zone_is_bad_input(node: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clear", "primary", "P<CAN", "--port", "813"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_text_after_the_trailer_is_cleared_with_a_warning_on_stderr(
    node: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = paxlst([HADDAD, TREMBLAY]).rstrip("\n")
    message = node / "AC855.edi"
    message.write_text(text + "\n[relayed by gateway 7]\n", encoding="utf-8")
    capsys.readouterr()

    assert main(["clear", "paxlst", str(message)]) == 0
    captured = capsys.readouterr()
    haddad, _ = (json.loads(line) for line in captured.out.splitlines())
    assert haddad["decision"] == "no_board"
    line = text.count("\n") + 2
    assert f"warning: line {line}, column 1: " in captured.err
    assert "'[relayed by gateway 7]'" in captured.err
