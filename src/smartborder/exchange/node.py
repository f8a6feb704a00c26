"""This node as its partner sees it: who we are, who the partner is, what we agreed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from smartborder.domain import Agency
from smartborder.domain.users import NODE_NAME, RELAY_NAME
from smartborder.exchange.agreements import Agreement, load_agreement
from smartborder.exchange.envelope import Envelope, Kind, Sealed, open_sealed, seal
from smartborder.exchange.keys import (
    NodeIdentity,
    PublicIdentity,
    load_node_identity,
    load_public_identity,
)


@dataclass(frozen=True)
class ExchangeNode:
    agency: Agency
    identity: NodeIdentity
    partner: PublicIdentity
    agreement: Agreement
    partner_url: str = ""

    @property
    def partner_agency(self) -> Agency:
        return self.agency.partner

    @property
    def relay_actor(self) -> str:
        """How the audit log names this node's relay."""
        return f"{self.agency}/{RELAY_NAME}"

    @property
    def partner_actor(self) -> str:
        """How the audit log names the partner node."""
        return f"{self.partner_agency}/{NODE_NAME}"

    def envelope(
        self, kind: Kind, body: dict[str, Any], *, in_reply_to: str | None = None
    ) -> Envelope:
        return Envelope(
            kind=kind,
            sender=self.agency,
            recipient=self.partner_agency,
            agreement=self.agreement.label,
            body=body,
            in_reply_to=in_reply_to,
        )

    def seal(self, envelope: Envelope) -> Sealed:
        return seal(self.identity, envelope)

    def open(
        self, body: bytes, headers: dict[str, str], *, now: datetime | None = None
    ) -> Envelope:
        """A message from the partner, checked (see ``envelope.open_sealed``)."""
        return open_sealed(
            body,
            headers,
            partner=self.partner,
            partner_agency=self.partner_agency,
            me=self.agency,
            now=now,
        )


def load_node(
    *, agency: Agency, node_key: Path, partner_key: Path, agreement: Path, partner_url: str
) -> ExchangeNode:
    """The node from the files its settings name; ConfigurationError when one is unusable."""
    return ExchangeNode(
        agency=agency,
        identity=load_node_identity(node_key),
        partner=load_public_identity(partner_key),
        agreement=load_agreement(agreement),
        partner_url=partner_url.rstrip("/"),
    )
