"""Fixtures of the screening integration tests: list files and a CLI on a real database."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "unit" / "formats" / "lists" / "fixtures"


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Ran]:
    """Run ``smartborder ARGS`` in this process against the test's database."""
    from smartborder.cli.main import main

    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", database_url)

    def run(*args: str) -> Ran:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
        return Ran(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def cli_process(database_url: str) -> Callable[..., Ran]:
    """Run ``smartborder ARGS`` as its own process against the test's database."""

    def run(*args: str) -> Ran:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTBORDER_")}
        env["SMARTBORDER_DATABASE_URL"] = database_url
        done = subprocess.run(
            [sys.executable, "-m", "smartborder.cli.main", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Ran(done.returncode, done.stdout, done.stderr)

    return run
