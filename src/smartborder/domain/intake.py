"""Records of what a node took in: messages and rule sets, each with its version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import utc_now
from smartborder.domain.ids import new_id


@dataclass(frozen=True, slots=True)
class MessageReceipt:
    """An API or PNR message, received once: (sender, reference) identify it."""

    agency: Agency
    kind: str  # paxlst, pnrgov
    sender: str
    reference: str
    content_hash: str
    travellers: int
    received_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class RuleSetRecord:
    """A rule set as it was saved: its YAML source and content version."""

    agency: Agency
    name: str
    version: str
    source: str
    rule_count: int
    created_by: str
    active: bool = False
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
