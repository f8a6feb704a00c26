"""The demo's information-sharing section reports figures measured on the run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from smartborder.bootstrap import bootstrap
from smartborder.config import load_settings
from smartborder.demo.programmes import CBP_ONLY, DECLARED
from smartborder.demo.run import DemoOptions, run_demo
from tests.conftest import TEST_SECRET


def test_the_demo_day_is_shared_once_and_reconciled(tmp_path: Path) -> None:
    settings = load_settings(
        environment="test", secret_key=TEST_SECRET, database_url=f"sqlite:///{tmp_path / 'd.db'}"
    )
    container = bootstrap(settings, upgrade=True)
    try:
        options = DemoOptions(travellers=400, shipments=30, day=date(2026, 7, 3))
        report = run_demo(container, options, lambda *_: None)
    finally:
        container.close()
    figures = report.figures
    entries = figures["travellers"] + figures["trucks"]
    disclosed = figures["exchange_disclosed"]
    assert sum(disclosed.values()) == entries
    # What one agency disclosed is what the other holds as exit records.
    assert figures["exchange_exit_records"] == {"CBP": disclosed["CBSA"], "CBSA": disclosed["CBP"]}
    assert figures["exchange_delivered"] == entries
    assert figures["exchange_duplicates_acknowledged"] > 0  # the answer lost on purpose
    assert figures["exchange_fields_outside_agreement"] == 0
    assert figures["exchange_manifests_equal"] and figures["exchange_anchors_ok"]
    assert figures["exchange_chains_intact"]
    titles = [s.title for s in report.sections]
    assert "Information sharing (entries become the partner's exit records)" in titles
    # NEXUS through both nodes: the applicants on CBP's own lookouts are denied by CBP
    # wherever they applied, those who declared a conviction by one agency or both; two
    # members CBP names afterwards are suspended at both nodes.
    assert figures["nexus_applications"] >= 50
    assert figures["nexus_approved"] + figures["nexus_denied"] == figures["nexus_applications"]
    assert figures["nexus_denied_by"]["CBP"] >= CBP_ONLY
    assert figures["nexus_grounds"]["list-entry"] == CBP_ONLY
    assert figures["nexus_grounds"]["declaration"] == DECLARED
    assert figures["nexus_suspended_after_list_change"] == 2
    assert figures["nexus_suspended_at_both"]
