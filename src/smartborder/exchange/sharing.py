"""The link to the partner as the console's Information sharing page shows it: the
delivery of our records, and the recent days reconciled with what the partner holds.

Reconciling asks the partner's node (``reconciliation.reconcile``): on a page that
question waits a few seconds at most, and a partner that does not answer (or answers
something that is not its signed manifests) is said so beside the delivery figures,
which are ours and always shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smartborder.domain.exchange import DeliveryStatus
from smartborder.errors import ConfigurationError, ExternalServiceError
from smartborder.exchange.outbox import delivery_status
from smartborder.exchange.reconciliation import Reconciliation, disclosed_days, reconcile
from smartborder.exchange.services import ExchangeServices

RECENT_DAYS = 7  # the days a page reconciles: the latest on which records were disclosed
PARTNER_SECONDS = 3.0  # the longest a page waits for the partner's manifests


@dataclass(frozen=True, slots=True)
class LinkReport:
    status: DeliveryStatus
    days: tuple[date, ...]  # the recent days reconciled (none: nothing disclosed yet)
    reconciliation: Reconciliation | None  # None when nothing was disclosed or no answer
    unreachable: str = ""  # why the partner's manifests could not be had


def link_report(
    services: ExchangeServices,
    *,
    recent: int = RECENT_DAYS,
    timeout: float = PARTNER_SECONDS,
) -> LinkReport:
    """Our delivery figures, and the last ``recent`` days reconciled with the partner."""
    status = delivery_status(services.units())
    days = tuple(disclosed_days(services.units())[-recent:])
    if not days:
        return LinkReport(status, days, None)
    try:
        link = services.link(timeout=timeout)
        try:
            result = reconcile(services.node, services.units, link, list(days))
        finally:
            link.close()
    except (ExternalServiceError, ConfigurationError) as problem:
        return LinkReport(status, days, None, unreachable=str(problem)[:300])
    return LinkReport(status, days, result)
