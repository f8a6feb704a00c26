"""Fixtures for the exchange unit tests: two in-memory nodes wired to each other."""

from __future__ import annotations

import pytest

from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings

from .support import Side, wire

SECRET = "unit-test-secret-that-is-long-enough-0123456789"


@pytest.fixture
def pair() -> tuple[Side, Side]:
    cbsa = bootstrap_memory(load_settings(environment="test", secret_key=SECRET, agency="CBSA"))
    cbp = bootstrap_memory(load_settings(environment="test", secret_key=SECRET, agency="CBP"))
    return wire(cbsa, cbp)
