"""Fixtures of the formats tests: the message files we wrote from the specifications."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"


@pytest.fixture
def fixture_text() -> Callable[[str], str]:
    """Read one of tests/fixtures/formats by name."""

    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read
