"""The exchange services of one node, as the composition root wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smartborder.exchange.inbox import Inbox
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.outbox import EntryDisclosure
from smartborder.exchange.relay import Relay, RelayPolicy
from smartborder.exchange.transport import HttpPartnerLink, PartnerLink
from smartborder.exchange.unit import ExchangeUnit


@dataclass(frozen=True)
class ExchangeServices:
    node: ExchangeNode
    units: Callable[[], ExchangeUnit]
    policy: RelayPolicy
    outbox: EntryDisclosure
    inbox: Inbox

    @classmethod
    def of(
        cls, node: ExchangeNode, units: Callable[[], ExchangeUnit], policy: RelayPolicy
    ) -> ExchangeServices:
        return cls(
            node=node,
            units=units,
            policy=policy,
            outbox=EntryDisclosure(node),
            inbox=Inbox(node, units),
        )

    def link(self) -> PartnerLink:
        """An HTTP link to the partner's URL (close it when done)."""
        return HttpPartnerLink(self.node.partner_url)

    def relay(self, link: PartnerLink | None = None) -> Relay:
        return Relay(self.node, self.units, link or self.link(), self.policy)
