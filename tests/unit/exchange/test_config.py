from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings
from smartborder.errors import ConfigurationError
from smartborder.exchange.keys import write_key_pair
from tests.conftest import TEST_SECRET

EXAMPLE = Path(__file__).parents[3] / "examples" / "agreements" / "entry-exit.yaml"


def test_sharing_is_configured_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTBORDER_PARTNER_URL", "http://127.0.0.1:8001")
    with pytest.raises(ConfigurationError, match="half configured: also set SMARTBORDER_NODE_KEY"):
        load_settings(environment="test", secret_key=TEST_SECRET)


def test_plain_http_is_accepted_on_loopback_only(tmp_path: Path) -> None:
    files = {"node_key": tmp_path / "k", "partner_key": tmp_path / "p", "agreement": EXAMPLE}
    with pytest.raises(ConfigurationError, match="must be https://"):
        load_settings(partner_url="http://cbp.example.gov", **files)
    load_settings(partner_url="https://cbp.example.gov", **files)
    load_settings(partner_url="http://127.0.0.1:9000", **files)


def test_a_configured_node_wires_its_exchange_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_key_pair(tmp_path / "cbsa")
    write_key_pair(tmp_path / "cbp")
    for name, value in {
        "SMARTBORDER_AGENCY": "CBSA",
        "SMARTBORDER_NODE_KEY": str(tmp_path / "cbsa" / "node.key"),
        "SMARTBORDER_PARTNER_URL": "http://127.0.0.1:9000/",
        "SMARTBORDER_PARTNER_KEY": str(tmp_path / "cbp" / "node.pub"),
        "SMARTBORDER_AGREEMENT": str(EXAMPLE),
    }.items():
        monkeypatch.setenv(name, value)
    container = bootstrap_memory(load_settings(environment="test", secret_key=TEST_SECRET))
    assert container.exchange is not None and container.entry_outbox is not None
    node = container.exchange.node
    assert node.partner_agency.value == "CBP"
    assert node.partner_url == "http://127.0.0.1:9000"
    assert node.agreement.id == "btb-entry-exit-phase-iii"


def test_an_unreadable_agreement_stops_the_node(tmp_path: Path) -> None:
    write_key_pair(tmp_path)
    settings = load_settings(
        environment="test",
        secret_key=TEST_SECRET,
        node_key=tmp_path / "node.key",
        partner_key=tmp_path / "node.pub",
        partner_url="http://127.0.0.1:1",
        agreement=tmp_path / "missing.yaml",
    )
    with pytest.raises(ConfigurationError, match="cannot read agreement"):
        bootstrap_memory(settings)
