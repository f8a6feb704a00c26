"""The Information sharing page's report: our figures always, the recent days reconciled
when the partner answers, and why not when it does not."""

from datetime import date

from smartborder.bootstrap import bootstrap_memory
from smartborder.exchange.sharing import link_report
from tests.conftest import make_settings
from tests.unit.exchange.support import wire
from tests.web_console import sharing


def test_the_recent_days_are_reconciled_and_an_unreachable_partner_is_told() -> None:
    ours = bootstrap_memory(make_settings("sqlite://"))
    link = sharing(ours, bootstrap_memory(make_settings("sqlite://")))
    assert ours.exchange is not None
    report = link_report(ours.exchange)
    assert report.status.delivered == 3 and report.days == (date(2026, 7, 3),)
    assert report.reconciliation is not None and report.reconciliation.ok
    link.down = True
    down = link_report(ours.exchange)
    assert down.reconciliation is None and "unreachable" in down.unreachable
    assert down.status.delivered == 3


def test_nothing_shared_yet_asks_the_partner_nothing() -> None:
    ours = bootstrap_memory(make_settings("sqlite://"))
    cbsa, _ = wire(ours, bootstrap_memory(make_settings("sqlite://")))
    cbsa.link.down = True  # it is not asked: nothing fails
    report = link_report(cbsa.services)  # and its services have no way to connect
    assert report.days == () and report.reconciliation is None and not report.unreachable
