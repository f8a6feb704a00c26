"""Fixtures for the exchange unit tests: two in-memory nodes wired to each other."""

from __future__ import annotations

import pytest

from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings
from tests.conftest import TEST_SECRET

from .support import Side, wire


@pytest.fixture
def pair() -> tuple[Side, Side]:
    cbsa = bootstrap_memory(
        load_settings(environment="test", secret_key=TEST_SECRET, agency="CBSA")
    )
    cbp = bootstrap_memory(load_settings(environment="test", secret_key=TEST_SECRET, agency="CBP"))
    return wire(cbsa, cbp)
