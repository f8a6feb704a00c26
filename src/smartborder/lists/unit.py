"""The unit of work of the node's lists and rule sets: the repositories their services
use and no other (mypy holds them to it; the store's ``UnitOfWork`` is one)."""

from __future__ import annotations

from typing import Protocol

from smartborder.repositories.unit import (
    AuditLog,
    DecisionRepository,
    HitRepository,
    ListFetchRepository,
    RuleSetRepository,
    Unit,
    WatchlistRepository,
)


class ListsUnit(Unit, Protocol):
    audit: AuditLog
    decisions: DecisionRepository
    hits: HitRepository
    list_fetches: ListFetchRepository
    rule_sets: RuleSetRepository
    watchlists: WatchlistRepository
