"""``smartborder parse``: the JSON fields and exit codes are a public contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartborder.cli.main import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object, str]:
    code = main(["parse", *argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out else None, captured.err


def test_parse_mrz_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "mrz", *TD3, "--on", "2010-01-01")
    assert code == 0 and err == ""
    assert out == {
        "document_type": "P",
        "format": "TD3",
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": "1974-08-12",
        "sex": "F",
        "expiry_date": "2012-04-15",
        "optional_data": "ZE184226B",
        "optional_data_2": "",
        "valid": True,
        "checks": [
            {"name": "document_number", "passed": True},
            {"name": "birth_date", "passed": True},
            {"name": "expiry_date", "passed": True},
            {"name": "optional_data", "passed": True},
            {"name": "composite", "passed": True},
        ],
        "findings": [],
    }


def test_a_failed_check_digit_is_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "mrz", TD3[0], TD3[1][:-1] + "9")
    assert code == 0
    assert isinstance(out, dict) and out["valid"] is False
    assert out["checks"][-1] == {"name": "composite", "passed": False}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["mrz", TD3[0], TD3[1][:-1]], "line 2, column 44"),
        (["mrz", TD3[0], TD3[1], "--on", "yesterday"], "--on"),
        (["paxlst", "no-such-file.edi"], "no-such-file.edi"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out is None
    assert err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_parse_paxlst_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paxlst", str(FIXTURES / "paxlst_d05b_passengers.edi"))
    assert code == 0 and isinstance(out, dict)
    (message,) = out["messages"]
    for key in ("version", "sender", "receiver", "message_type", "flights", "travellers",
                "declared_count", "warnings"):  # fmt: skip
        assert key in message
    assert (message["version"], message["message_type"]) == ("D:05B", "passenger")
    leg = message["flights"][0]["legs"][0]
    assert leg == {
        "departure_airport": "LHR",
        "departure_time": "2026-07-03T10:15:00",
        "arrival_airport": "YVR",
        "arrival_time": "2026-07-03T12:10:00",
    }
    first = message["travellers"][0]
    assert {
        k: first[k]
        for k in (
            "role",
            "surname",
            "given_names",
            "sex",
            "birth_date",
            "nationality",
            "embarkation",
            "debarkation",
            "booking_reference",
            "seat",
        )
    } == {  # fmt: skip
        "role": "passenger",
        "surname": "O'BRIEN",
        "given_names": "SEAN PATRICK",
        "sex": "M",
        "birth_date": "1985-02-14",
        "nationality": "IRL",
        "embarkation": "LHR",
        "debarkation": "YVR",
        "booking_reference": "QX7P2L",
        "seat": "14C",
    }
    assert first["documents"] == [
        {"type": "P", "number": "PX4471902", "issuing_country": "IRL", "expiry_date": "2031-06-30"}
    ]
    assert message["declared_count"] == 3


def test_parse_paxlst_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paxlst", str(FIXTURES / "paxlst_multileg_quirks.edi"))
    assert code == 0 and isinstance(out, dict)
    warning = out["messages"][0]["warnings"][0]
    assert warning["code"] == "count"
    assert warning["where"].startswith("segment 32 (CNT)")


def test_parse_pnrgov(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pnrgov", str(FIXTURES / "pnrgov_two_pnrs.edi"))
    assert code == 0 and isinstance(out, dict)
    pnrs = out["messages"][0]["pnrs"]
    assert [p["record_locator"] for p in pnrs] == ["QX7P2L", "ZZ9KLM"]
    assert pnrs[0]["payments"][0]["card_number"] == "XXXXXXXXXXXX1111"
    assert "4111111111111111" not in json.dumps(out)


def test_parse_paxlst_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = (FIXTURES / "paxlst_d02b_crew.edi").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "paxlst", "-")
    assert code == 0 and isinstance(out, dict)
    assert out["messages"][0]["message_type"] == "crew"


def test_malformed_edifact_exits_2_naming_the_segment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.edi"
    bad.write_text("UNH+1+PAXLST:D:05B:UN:IATA'\nBGM+745'\nNAD+FL+++:'\nUNT+4+1'\n")
    code, out, err = run(capsys, "paxlst", str(bad))
    assert code == 2 and out is None
    assert err == "error: segment 3 (NAD) at line 3, column 1: the traveller has no name\n"


def test_every_parse_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("mrz", "paxlst", "pnrgov"):
        assert main(["parse", command, "--help"]) == 0
        assert len(capsys.readouterr().out) > 100


def test_parse_paxlst_text_after_the_trailer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "paxlst_d05b_passengers.edi").read_text(encoding="utf-8")
    path = tmp_path / "gateway.edi"
    path.write_text(text + "Delivered by gateway\n", encoding="utf-8")
    code, out, err = run(capsys, "paxlst", str(path))
    assert code == 0 and isinstance(out, dict)
    (warning,) = out["warnings"]
    assert warning["code"] == "after-unz"
    assert err.startswith(f"warning: {warning['where']}: ")
