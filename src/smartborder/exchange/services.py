"""The exchange services of one node, as the composition root wires them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from smartborder.errors import ConfigurationError
from smartborder.exchange.inbox import Inbox
from smartborder.exchange.node import ExchangeNode
from smartborder.exchange.outbox import EntryDisclosure, PartnerShare
from smartborder.exchange.receivers import Receiver
from smartborder.exchange.relay import Relay, RelayPolicy
from smartborder.exchange.transport import PartnerLink
from smartborder.exchange.unit import ExchangeUnit


class Connect(Protocol):
    """Opens a link to the partner's URL, waiting at most ``timeout`` seconds per answer
    (the link's own default when not given)."""

    def __call__(self, url: str, /, *, timeout: float = ...) -> PartnerLink: ...


@dataclass(frozen=True)
class ExchangeServices:
    node: ExchangeNode
    units: Callable[[], ExchangeUnit]
    policy: RelayPolicy
    outbox: EntryDisclosure
    share: PartnerShare  # every other record type the agreement shares
    inbox: Inbox[Any]
    # Opens a link to the partner's URL (``clients.partner.HttpPartnerLink``); None where
    # every relay is handed its link (the demo's and the tests' in-process pairs).
    connect: Connect | None = None

    @classmethod
    def of(
        cls,
        node: ExchangeNode,
        units: Callable[[], ExchangeUnit],
        policy: RelayPolicy,
        connect: Connect | None = None,
        receivers: Mapping[str, Receiver[Any]] | None = None,
    ) -> ExchangeServices:
        """``receivers``: what applies each record type the inbox takes besides entries
        (the other contexts', wired by the composition root)."""
        return cls(
            node=node,
            units=units,
            policy=policy,
            outbox=EntryDisclosure(node),
            share=PartnerShare(node),
            inbox=Inbox(node, units, receivers),
            connect=connect,
        )

    def link(self, timeout: float | None = None) -> PartnerLink:
        """A link to the partner's URL (close it when done); ``timeout``: a page's, shorter
        than the relay's."""
        if self.connect is None:
            raise ConfigurationError("this node's exchange has no way to reach the partner")
        if timeout is None:
            return self.connect(self.node.partner_url)
        return self.connect(self.node.partner_url, timeout=timeout)

    def relay(self, link: PartnerLink | None = None) -> Relay:
        return Relay(self.node, self.units, link or self.link(), self.policy)
