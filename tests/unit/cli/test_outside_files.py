"""Every command that reads or writes a file: a folder, a special file or a file too large
is bad input (exit 2, one line on stderr), never an internal error or a hang."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from smartborder.cli.main import main

# Each command with the file argument replaced by FILE (and any output beside it).
READERS = [
    ["lists", "load", "FILE", "--format", "un-xml", "--list-id", "un"],
    ["lists", "load", "FILE", "--format", "csv", "--list-id", "mine"],
    ["screen", "FILE", "--out", "OUT", "--purpose", "test"],
    ["parse", "paxlst", "FILE"],
    ["parse", "pnrgov", "FILE"],
    ["clear", "paxlst", "FILE"],
    ["rules", "load", "FILE"],
    ["rules", "backtest", "FILE", "--since", "2026-01-01"],
    ["nexus", "load", "FILE"],
    ["ports", "load", "FILE"],
    ["ops", "simulate", "FILE", "--out", "OUT"],
    ["ops", "staff", "FILE", "--target-minutes", "10", "--out", "OUT"],
    ["ops", "forecast", "FILE", "--start", "2026-01-01 00:00", "--horizon", "24", "--out", "OUT"],
    ["ops", "backtest", "FILE", "--from", "2026-01-01", "--to", "2026-02-01", "--horizon", "24"],
    ["ops", "observe", "FILE", "--port", "0427"],
    ["manifest", "submit", "FILE"],
    ["manifest", "submit", "FILE.csv"],
    ["cargo", "train", "FILE", "--model", "OUT"],
]


def _args(template: list[str], file: str, out: str) -> list[str]:
    return [
        file + ".csv" if a == "FILE.csv" else file if a == "FILE" else out if a == "OUT" else a
        for a in template
    ]


@pytest.mark.parametrize("template", READERS, ids=lambda t: " ".join(t[:2]))
def test_a_folder_where_a_file_is_expected_is_bad_input(
    template: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "input"
    (folder / "input.csv").mkdir(parents=True)
    args = _args(template, str(folder), str(tmp_path / "out"))
    if "FILE.csv" in template:
        args = _args(template, str(folder / "input"), str(tmp_path / "out"))
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "QUERIES", "--out", "FOLDER", "--purpose", "test"],
        ["audit", "export", "--out", "FOLDER"],
        ["ops", "simulate", "QUERIES", "--out", "FOLDER"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_folder_where_an_output_file_is_expected_is_a_usage_error(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "queries.csv"
    queries.write_text("id,name\n1,Ann Smith\n", encoding="utf-8")
    argv = [str(queries) if a == "QUERIES" else str(tmp_path) if a == "FOLDER" else a for a in args]
    assert main(argv) == 2
    assert "is a directory" in capsys.readouterr().err


def _limited(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI with at most 1 GiB of address space: reading /dev/zero
    without a bound would die of MemoryError (exit 1) instead of hanging the test."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTBORDER_")}
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "smartborder.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=cap,  # noqa: PLW1509 - only sets a limit, before exec
        timeout=300,
        check=False,
    )


def test_lists_load_of_dev_zero_stops_at_the_limit(tmp_path: Path) -> None:
    ran = _limited("lists", "load", "/dev/zero", "--format", "csv", "--list-id", "zero")
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.startswith("error: /dev/zero: more than 536,870,912 bytes")


def test_screen_of_dev_zero_stops_at_the_limit(tmp_path: Path) -> None:
    ran = _limited(
        "screen", "/dev/zero", "--purpose", "test", "--out", str(tmp_path / "results.csv")
    )
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.startswith("error: /dev/zero: more than 268,435,456 bytes")
    assert not (tmp_path / "results.csv").exists()
