"""Screening a shipment's parties against the watch lists: the port, its adapters.

Intake depends only on the small ``PartyScreener`` protocol: ``EnginePartyScreener`` runs
it on the node's screening engine (the loaded lists), ``InMemoryPartyScreener`` is the
fake that tests and a bare demo world use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from smartborder.domain import Party, ScreeningQuery
from smartborder.screening.engine import DEFAULT_THRESHOLD, ScreeningEngine


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


class EnginePartyScreener:
    """Parties screened by the watch-list engine: names in any order, script or spelling."""

    def __init__(self, engine: ScreeningEngine, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._engine = engine
        self._threshold = threshold
        self.version = ",".join(f"{k}@{v}" for k, v in sorted(engine.versions.items())) or "none"

    def screen(self, parties: Sequence[Party]) -> list[PartyHit]:
        found = []
        for n, party in enumerate(parties):
            query = ScreeningQuery(id=str(n), name=party.name, nationality=party.country)
            for hit in self._engine.screen(query, threshold=self._threshold):
                found.append(
                    PartyHit(party, hit.list_id, hit.source_id, hit.matched_name, hit.score)
                )
        return found
