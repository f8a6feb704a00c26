"""Two nodes wired to each other in one process: CBSA and CBP, each with its own store.

Every message is signed, checked and applied exactly as over HTTP; only the transport is
a function call (``InProcessLink``), which lets a test cut the link or lose an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container, programme_receivers
from smartborder.clearance.crossings import record_entries
from smartborder.clearance.ports import register_ports
from smartborder.domain import (
    Agency,
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    PortOfEntry,
    Role,
    Sex,
    TravelDocument,
    User,
)
from smartborder.exchange.agreements import Agreement, packaged_entry_exit
from smartborder.exchange.keys import NodeIdentity
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.relay import Relay, RelayPolicy
from smartborder.exchange.services import ExchangeServices
from smartborder.exchange.transport import InProcessLink
from smartborder.screening import ScreeningEngine

PORTS = (
    PortOfEntry(
        code="813",
        name="Pacific Highway, BC",
        agency=Agency.CBSA,
        lanes=(LaneType.GENERAL, LaneType.NEXUS),
        partner_port_code="3004",
    ),
    PortOfEntry(
        code="3004",
        name="Blaine, WA",
        agency=Agency.CBP,
        lanes=(LaneType.GENERAL, LaneType.NEXUS),
        partner_port_code="813",
    ),
)
PORT_OF = {Agency.CBSA: "813", Agency.CBP: "3004"}


@dataclass
class Side:
    container: Container
    services: ExchangeServices
    officer: User
    link: InProcessLink  # to the other side
    relay: Relay

    @property
    def node(self) -> ExchangeNode:
        return self.services.node

    def record(self, count: int, *, day: date = date(2026, 7, 3), start: int = 0) -> list[str]:
        records = [entry(self.node.agency, i, day=day) for i in range(start, start + count)]
        record_entries(
            self.container.units(), self.officer, records, outbox=self.container.entry_outbox
        )
        return [r.id for r in records]

    def exits(self) -> list[CrossingRecord]:
        with self.container.units() as uow:
            return uow.crossings.list(self.node.agency, direction=Direction.EXIT, limit=1000)


def entry(agency: Agency, n: int, *, day: date = date(2026, 7, 3)) -> CrossingRecord:
    """An entry with every field filled, including those no agreement shares."""
    return CrossingRecord(
        agency=agency,
        direction=Direction.ENTRY,
        name=PersonName(
            surname=f"TRAVELLER{n}", given_names=("ANNA", "MARIA"), original_script="Анна"
        ),
        birth_date=date(1980, 1, 1 + n % 28),
        nationality="CAN" if n % 2 else "USA",
        sex=Sex.FEMALE,
        document=TravelDocument(
            type=DocumentType.PASSPORT,
            number=f"AB{n:06d}",
            issuing_state="CAN",
            expiry_date=date(2030, 1, 1),
        ),
        port_code=PORT_OF[agency],
        lane=LaneType.NEXUS,
        crossed_at=datetime(day.year, day.month, day.day, 12, 0, n % 60, tzinfo=UTC),
    )


def wire(
    cbsa: Container,
    cbp: Container,
    *,
    agreement: Agreement | None = None,
    policy: RelayPolicy | None = None,
    engines: Mapping[Agency, Callable[[], ScreeningEngine]] | None = None,
) -> tuple[Side, Side]:
    """Give two containers identities, the agreement and links to each other;
    ``engines``: what each node vets a partner's trusted-traveller application with."""
    agreement = agreement or packaged_entry_exit()
    policy = policy or RelayPolicy(batch=50, base_backoff_seconds=0.001, max_backoff_seconds=0.01)
    ids = {Agency.CBSA: NodeIdentity.generate(), Agency.CBP: NodeIdentity.generate()}
    containers = {Agency.CBSA: cbsa, Agency.CBP: cbp}
    for agency, container in containers.items():
        node = ExchangeNode(
            agency=agency,
            identity=ids[agency],
            partner=ids[agency.partner].public,
            agreement=agreement,
        )
        receivers = programme_receivers(container, node, (engines or {}).get(agency))
        container.exchange = ExchangeServices.of(node, container.units, policy, receivers=receivers)
        register_ports(container.units(), PORTS)
    sides = {}
    for agency, container in containers.items():
        other = containers[agency.partner]
        assert container.exchange is not None and other.exchange is not None
        link = InProcessLink(other.exchange.inbox.handle)
        officer = ensure_user(
            container.units(),
            name="officer",
            role=Role.OFFICER,
            agency=agency,
            secret=container.secret,
        )
        sides[agency] = Side(
            container=container,
            services=container.exchange,
            officer=officer,
            link=link,
            relay=container.exchange.relay(link),
        )
    return sides[Agency.CBSA], sides[Agency.CBP]
