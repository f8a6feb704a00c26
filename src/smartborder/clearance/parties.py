"""Screening a shipment's parties against the watch lists: the port, and an in-memory fake.

The watch-list screening engine is built in its own branch; intake depends only on this
small ``PartyScreener`` protocol. ``default_party_screener`` is where the node plugs the
real engine in (today it returns a screener with no list loaded, which finds nothing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from smartborder.domain import Party


@dataclass(frozen=True, slots=True)
class PartyHit:
    """A party that matched a watch-list entry."""

    party: Party
    list_id: str
    entry_id: str
    matched_name: str
    score: float


class PartyScreener(Protocol):
    version: str

    def screen(self, parties: Sequence[Party]) -> list[PartyHit]:
        """Every hit among ``parties`` (a party may hit several entries)."""
        ...


def _normal(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


@dataclass(frozen=True, slots=True)
class ListedParty:
    list_id: str
    entry_id: str
    name: str


class InMemoryPartyScreener:
    """Exact match on the normalised name (case, accents and punctuation ignored)."""

    def __init__(self, entries: Iterable[ListedParty] = (), version: str = "memory") -> None:
        self.version = version
        self._by_name: dict[str, list[ListedParty]] = {}
        for entry in entries:
            self._by_name.setdefault(_normal(entry.name), []).append(entry)

    def screen(self, parties: Sequence[Party]) -> list[PartyHit]:
        return [
            PartyHit(party, e.list_id, e.entry_id, e.name, 1.0)
            for party in parties
            for e in self._by_name.get(_normal(party.name), [])
        ]


def default_party_screener() -> PartyScreener:
    """The screener intake uses. LEAD: return the screening engine's adapter here."""
    return InMemoryPartyScreener()
