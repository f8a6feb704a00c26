"""Rule sets as a service: save (validated), activate, serve the live one, backtest a draft."""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from smartborder.domain import Agency, AuditAction, AuditEvent, User
from smartborder.domain.hits import SecondaryOutcome
from smartborder.domain.intake import RuleSetRecord
from smartborder.errors import NotFound, TooMuchWork, ValidationFailed
from smartborder.lists.unit import ListsUnit
from smartborder.targeting.rules import CompiledRuleSet, compile_rule_set, rule_set_from_yaml
from smartborder.targeting.rules.check import Problem, problems
from smartborder.targeting.rules.codec import decode_facts
from smartborder.targeting.rules.model import Rule


def save_rule_set(
    uow: ListsUnit, user: User, source: str, *, name: str | None = None, activate: bool = True
) -> RuleSetRecord:
    """Validate and store a rule set; the same content twice is the same version."""
    rule_set = rule_set_from_yaml(source, name=name)
    with uow:
        existing = uow.rule_sets.by_version(user.agency, rule_set.version)
        record = existing or RuleSetRecord(
            agency=user.agency,
            name=rule_set.name,
            version=rule_set.version,
            source=source,
            rule_count=len(rule_set.rules),
            created_by=user.actor,
        )
        if existing is None:
            uow.rule_sets.add(record)
        if activate:
            uow.rule_sets.activate(user.agency, record.version)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.CREATE if existing is None else AuditAction.UPDATE,
                purpose="rule management",
                record_type="rule_set",
                record_id=record.version,
                detail={
                    "name": record.name,
                    "rules": str(record.rule_count),
                    "active": str(activate),
                },
            )
        )
        uow.commit()
    return replace(record, active=activate or record.active)


def save_draft(
    uow: ListsUnit, user: User, source: str, *, name: str | None = None
) -> RuleSetRecord | list[Problem]:
    """A draft saved (not live), or every mistake in it at its line (``rules.check``)."""
    found = problems(source)
    if found:
        return found
    return save_rule_set(uow, user, source, name=name, activate=False)


def activate_rule_set(uow: ListsUnit, user: User, version: str) -> RuleSetRecord:
    """Make a saved version of the agency's the live rule set (supervisors decide)."""
    record = rule_set_source(uow, user.agency, version)
    return save_rule_set(uow, user, record.source, name=record.name)


@dataclass(frozen=True, slots=True)
class RuleSetDetail:
    """A saved version as the console shows it: its record and its rules."""

    record: RuleSetRecord
    rules: tuple[Rule, ...]


def rule_versions(uow: ListsUnit, agency: Agency) -> list[RuleSetRecord]:
    """The agency's saved rule sets, newest first (the live one marked ``active``)."""
    with uow.for_reading():
        saved = uow.rule_sets.list(agency)
    return sorted(saved, key=lambda r: r.created_at, reverse=True)


def rule_set_detail(uow: ListsUnit, agency: Agency, version: str) -> RuleSetDetail:
    with uow.for_reading():
        record = uow.rule_sets.by_version(agency, version)
    if record is None:
        raise NotFound("no such rule set")
    rules = rule_set_from_yaml(record.source, name=record.name).rules
    return RuleSetDetail(record, rules)


class LiveRules:
    """The agency's active rule set, compiled once per version and shared by requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._compiled: dict[tuple[Agency, str], CompiledRuleSet] = {}

    def refresh(self, uow: ListsUnit, agency: Agency) -> None:
        """Compile the agency's active rule set now if it is new, so that no request does."""
        self.for_agency(uow, agency)

    def for_agency(self, uow: ListsUnit, agency: Agency) -> CompiledRuleSet | None:
        with uow.for_reading():
            record = uow.rule_sets.active(agency)
        if record is None:
            return None
        key = (agency, record.version)
        with self._lock:
            compiled = self._compiled.get(key)
            if compiled is None:
                compiled = compile_rule_set(rule_set_from_yaml(record.source, name=record.name))
                self._compiled[key] = compiled
        return compiled


@dataclass
class RuleBacktest:
    rule_id: str
    title: str
    hits: int = 0
    travellers: set[str] = field(default_factory=set)
    referred_outcomes: Counter[str] = field(default_factory=Counter)


@dataclass
class Backtest:
    version: str
    scanned: int
    rules: list[RuleBacktest]

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "rule_id": r.rule_id,
                "title": r.title,
                "hits": r.hits,
                "share": r.hits / self.scanned if self.scanned else 0.0,
                "travellers": len(r.travellers),
                "productive_outcomes": sum(
                    n for o, n in r.referred_outcomes.items() if SecondaryOutcome(o).productive
                ),
                "outcomes": dict(r.referred_outcomes),
            }
            for r in self.rules
        ]


def backtest(
    units: Callable[[], ListsUnit],
    user: User,
    source: str,
    *,
    since: date,
    until: date | None = None,
    within: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Backtest:
    """What a draft rule set would have hit on stored traffic, before it goes live.

    ``within`` seconds, when given, bounds the walk: past it the backtest stops between
    two records (a thread cannot be stopped from outside) and raises TooMuchWork. The
    walk reads a snapshot and holds no write lock (seconds over months of traffic: the
    booths' writes must not wait for it); its audit entry is written after, on its own.
    """
    if until is not None and until < since:
        raise ValidationFailed("--until is before --since")
    rule_set = rule_set_from_yaml(source)
    compiled = compile_rule_set(rule_set)
    results = {r.id: RuleBacktest(r.id, r.title) for r in rule_set.rules}
    hit_decisions: dict[str, list[str]] = defaultdict(list)
    scanned = 0
    deadline = None if within is None else clock() + within
    stopped = False
    with units().for_reading() as reading:
        for item in reading.decisions.facts_between(user.agency, since, until):
            if deadline is not None and clock() > deadline:
                stopped = True
                break
            scanned += 1
            facts = decode_facts(item.facts)
            for hit in compiled.evaluate(facts, role=item.role, mode=str(item.mode)):
                result = results[hit.rule_id]
                result.hits += 1
                result.travellers.add(item.identity_key)
                hit_decisions[hit.rule_id].append(item.id)
        if not stopped:
            for rule_id, ids in hit_decisions.items():
                for outcome in reading.decisions.outcomes(user.agency, ids).values():
                    results[rule_id].referred_outcomes[str(outcome)] += 1
    # Audited even when stopped: the records it walked were read all the same.
    with units() as writing:
        writing.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose="rule backtest",
                record_type="decision",
                record_id=None,
                detail={
                    "version": rule_set.version,
                    "scanned": str(scanned),
                    "since": since.isoformat(),
                    **({"stopped": f"after {within:g} s"} if stopped else {}),
                },
            )
        )
        writing.commit()
    if stopped:
        raise TooMuchWork(
            f"the backtest took longer than {within:g} s and was stopped ({scanned:,} "
            "stored travellers scanned); narrow the records: a later since or an earlier until"
        )
    return Backtest(version=rule_set.version, scanned=scanned, rules=list(results.values()))


def rule_set_source(uow: ListsUnit, agency: Agency, version: str | None) -> RuleSetRecord:
    with uow:
        record = (
            uow.rule_sets.active(agency)
            if version is None
            else uow.rule_sets.by_version(agency, version)
        )
    if record is None:
        raise NotFound("no such rule set" if version else "no active rule set")
    return record
