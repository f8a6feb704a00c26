"""The demo's information sharing: the day's entries become exit records at the partner.

Both agencies' nodes run here, each on its own SQLite store in a temporary directory,
with its own Ed25519 identity and the shipped phase III agreement. Every entry is
recorded with its outbox row in one transaction; each relay sends signed batches to the
other node's inbox through an in-process link (the same bytes and checks as over HTTP).
One answer is lost on purpose to show that a retry is acknowledged, not applied twice.
Then both nodes reconcile their daily manifests and verify their audit chains, and
NEXUS applicants are enrolled through both (``programmes.py``).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from smartborder.accounts.service import ensure_user
from smartborder.audit import trail
from smartborder.bootstrap import Container, bootstrap, programme_receivers
from smartborder.clearance.crossings import entry_of, record_entries
from smartborder.clearance.ports import register_ports
from smartborder.config import Settings
from smartborder.demo.programmes import enrol
from smartborder.demo.report import DemoReport
from smartborder.domain import Agency, Arrival, Direction, Role, User
from smartborder.exchange.agreements import combine, packaged
from smartborder.exchange.keys import NodeIdentity
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.outbox import delivery_status
from smartborder.exchange.reconciliation import Reconciliation, disclosed_days, reconcile
from smartborder.exchange.relay import Relay, RelayPolicy
from smartborder.exchange.services import ExchangeServices
from smartborder.exchange.transport import InProcessLink
from smartborder.screening import ScreeningEngine
from smartborder.world import catalogue
from smartborder.world.day import SyntheticDay

Progress = Callable[[str, int, int], None]
BATCH = 5000


@dataclass
class _Node:
    container: Container
    officer: User
    link: InProcessLink
    relay: Relay

    @property
    def node(self) -> ExchangeNode:
        assert self.container.exchange is not None
        return self.container.exchange.node


def _nodes(
    directory: Path, settings: Settings, engines: dict[Agency, ScreeningEngine]
) -> dict[Agency, _Node]:
    agreement = combine([packaged("entry-exit"), packaged("programmes")])
    identities = {agency: NodeIdentity.generate() for agency in Agency}
    containers = {}
    for agency in Agency:
        node_settings = settings.model_copy(
            update={
                "agency": agency,
                "database_url": f"sqlite:///{directory / agency}.db",
                # The identities and agreement are made here, not read from files.
                "node_key": None,
                "partner_url": None,
                "partner_key": None,
                "agreement": None,
            }
        )
        container = bootstrap(node_settings, upgrade=True)
        node = ExchangeNode(
            agency=agency,
            identity=identities[agency],
            partner=identities[agency.partner].public,
            agreement=agreement,
        )
        receivers = programme_receivers(container, node, partial(engines.__getitem__, agency))
        container.exchange = ExchangeServices.of(
            node, container.units, RelayPolicy(), receivers=receivers
        )
        register_ports(container.units(), catalogue.ports())
        containers[agency] = container
    nodes = {}
    for agency, container in containers.items():
        partner = containers[agency.partner].exchange
        assert partner is not None and container.exchange is not None
        link = InProcessLink(partner.inbox.handle)
        officer = ensure_user(
            container.units(),
            name="demo-officer",
            role=Role.OFFICER,
            agency=agency,
            secret=container.secret,
        )
        nodes[agency] = _Node(container, officer, link, container.exchange.relay(link))
    return nodes


def share_day(
    report: DemoReport, container: Container, day: SyntheticDay, progress: Progress
) -> None:
    """Run the day's entries through both nodes' outbox, relay and inbox; report the figures."""
    arrivals: list[Arrival] = list(day.land) + [t.arrival for t in day.trucks]
    engines: dict[Agency, ScreeningEngine] = {}
    with tempfile.TemporaryDirectory(prefix="smartborder-exchange-") as tmp:
        nodes = _nodes(Path(tmp), container.settings, engines)
        try:
            _run(report, nodes, arrivals, progress)
            enrol(
                report,
                container,
                {a: n.container for a, n in nodes.items()},
                engines,
                list(day.land),
                lambda: _settle(nodes),
                progress,
                seed=day.seed,
            )
        finally:
            for n in nodes.values():
                n.container.close()


def _settle(nodes: dict[Agency, _Node]) -> None:
    """Relay both ways until neither node has anything left to send."""
    for _ in range(10):
        if not sum(n.relay.drain() for n in nodes.values()):
            return


def _run(
    report: DemoReport, nodes: dict[Agency, _Node], arrivals: list[Arrival], progress: Progress
) -> None:
    done = 0
    for agency, n in nodes.items():
        own = [a for a in arrivals if a.agency is agency]
        for start in range(0, len(own), BATCH):
            chunk = [entry_of(a) for a in own[start : start + BATCH]]
            record_entries(n.container.units(), n.officer, chunk, outbox=n.container.entry_outbox)
            done += len(chunk)
            progress("recording entries at both nodes, with their outboxes", done, len(arrivals))
    disclosed = {a: delivery_status(n.container.units()).pending for a, n in nodes.items()}

    nodes[Agency.CBSA].link.lose_next_reply = True  # one answer lost on the way back
    started = time.perf_counter()
    sent = duplicates = messages = lost = 0
    for n in nodes.values():
        failures = 0
        while failures < 5:  # an in-process link fails only when told to
            round_ = n.relay.run_once()
            if round_.sent == 0:
                break
            failures = failures + 1 if round_.error else 0
            messages += 1
            lost += 1 if round_.error else 0
            duplicates += round_.duplicates
            sent += round_.delivered + round_.duplicates
            progress("relaying to the partner", sent, sum(disclosed.values()))
    relay_s = time.perf_counter() - started

    exits: dict[Agency, int] = {}
    distinct: dict[Agency, int] = {}
    withheld = 0
    for agency, n in nodes.items():
        with n.container.units() as uow:
            records = uow.crossings.list(agency, direction=Direction.EXIT, limit=10_000_000)
        exits[agency] = len(records)
        distinct[agency] = len({r.partner_id for r in records})
        withheld += sum(
            1 for r in records if r.lane is not None or (r.document and r.document.expiry_date)
        )

    progress("reconciling manifests", 0, 1)
    results: dict[Agency, Reconciliation] = {}
    for agency, n in nodes.items():
        days = disclosed_days(n.container.units())
        results[agency] = reconcile(n.node, n.container.units, n.link, days)
    progress("reconciling manifests", 1, 1)
    chains = {a: trail.verify(n.container.units()) for a, n in nodes.items()}

    terms = nodes[Agency.CBSA].node.agreement.terms["entry-exit"]
    section = report.section(
        "Information sharing (entries become the partner's exit records)",
        note=f"Agreement {nodes[Agency.CBSA].node.agreement.label}: {len(terms.fields)} "
        "biographic fields, no biometrics, no plates. Each node on its own store, with its "
        "own Ed25519 key; messages signed and checked as over HTTP.",
    )
    for agency in Agency:
        partner = agency.partner
        section.add(
            f"{agency} entries disclosed to {partner}",
            f"{disclosed[agency]:,} queued with their entries; {exits[partner]:,} exit "
            f"records at {partner} ({distinct[partner]:,} distinct partner ids)",
        )
    total = sum(disclosed.values())
    section.add(
        "delivery",
        f"{sent:,} records in {messages:,} signed messages, {relay_s:.2f} s "
        f"({sent / max(relay_s, 1e-9):,.0f} records/s)",
    )
    twice = sum(exits[a] - distinct[a] for a in Agency)
    section.add(
        "lost answer, retried",
        f"{lost} answer lost; {duplicates:,} records acknowledged again, {twice} applied twice"
        + (
            ""
            if sum(exits.values()) == total
            else f" (MISMATCH: {sum(exits.values()):,} exit records for {total:,} entries)"
        ),
    )
    section.add("fields outside the agreement received", f"{withheld:,}")
    for agency, result in results.items():
        equal = sum(1 for d in result.days if d.equal)
        anchor = "anchor matches" if result.anchor and result.anchor.ok else "ANCHOR MISMATCH"
        section.add(
            f"manifests {agency} -> {agency.partner}",
            f"{equal}/{len(result.days)} days equal; {anchor}",
        )
    section.add(
        "audit chains",
        ", ".join(
            f"{a} {'intact' if v.ok else 'BROKEN'} ({v.entries:,} entries)"
            for a, v in chains.items()
        ),
    )
    report.figures.update(
        exchange_disclosed={str(a): c for a, c in disclosed.items()},
        exchange_exit_records={str(a): c for a, c in exits.items()},
        exchange_delivered=sent,
        exchange_duplicates_acknowledged=duplicates,
        exchange_records_per_second=round(sent / max(relay_s, 1e-9)),
        exchange_fields_outside_agreement=withheld,
        exchange_manifests_equal=all(r.equal for r in results.values()),
        exchange_anchors_ok=all(r.anchor is not None and r.anchor.ok for r in results.values()),
        exchange_chains_intact=all(v.ok for v in chains.values()),
    )
