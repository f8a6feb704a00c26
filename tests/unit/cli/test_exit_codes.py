"""The CLI's exit codes are a contract: 0 success, 2 bad input, 1 internal error."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from smartborder.cli.main import main


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "users" in capsys.readouterr().out


def test_an_unknown_role_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["users", "create", "--name", "x", "--role", "wizard", "--agency", "CBSA"])
    assert code == 2
    assert "wizard" in capsys.readouterr().err


def test_a_bad_demo_size_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--travellers", "0"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "--travellers" in err
    assert "Traceback" not in err


def test_a_duplicate_user_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["users", "create", "--name", "ana", "--role", "analyst", "--agency", "CBP"]
    assert main(args) == 0
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err


def test_bad_settings_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMARTBORDER_ENVIRONMENT", "production")
    assert main(["users", "list"]) == 2
    assert "SMARTBORDER_SECRET_KEY" in capsys.readouterr().err


def test_an_unreachable_database_is_one_line_and_exit_1_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert main(["users", "list"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: the database could not be reached or could not write")
    assert "127.0.0.1" in line and "Traceback" not in line


def test_the_installed_command_sets_the_process_exit_code(tmp_path: Path) -> None:
    cli = Path(sys.executable).with_name("smartborder")
    result = subprocess.run(
        [str(cli), "demo", "--date", "yesterday"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --date 'yesterday' is not a date (YYYY-MM-DD)"


def test_users_create_prints_the_token_alone_on_the_last_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["users", "create", "--name", "o1", "--role", "officer", "--agency", "CBSA"]) == 0
    last = capsys.readouterr().out.rstrip("\n").splitlines()[-1]
    assert last.startswith("sbt_") and " " not in last


def test_users_password_reads_the_first_line_of_stdin_and_refuses_a_weak_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "create", "--name", "ana", "--role", "analyst", "--agency", "CBSA"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long and hard password\nignored\n"))
    assert main(["users", "password", "ana", "--agency", "CBSA"]) == 0
    assert "set the password of ana (CBSA)" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "password", "ana", "--agency", "CBSA"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
