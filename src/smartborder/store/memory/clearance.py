"""In-memory fakes of the clearance repositories (see ``memory.py`` for the promise they keep)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from smartborder.domain import Agency, DecisionKind
from smartborder.domain.clock import instant_or_none
from smartborder.domain.decisions import (
    REFERRING,
    DecidedFacts,
    FlightDay,
    History,
    RecordedOutcome,
    TravellerDecision,
    flight_order,
    soonest,
)
from smartborder.domain.hits import (
    Dismissal,
    Disposition,
    Hit,
    HitKind,
    HitStatus,
    OutcomeRecord,
    QueuedHit,
    QueueFilter,
    SecondaryOutcome,
)
from smartborder.domain.intake import IdempotencyRecord, MessageReceipt, RuleSetRecord
from smartborder.domain.nexus import MembershipStatus, NexusMember, RegistryRow
from smartborder.errors import Conflict
from smartborder.store.memory.times import stored_time


def _new_ids(held: Collection[str], ids: list[str], what: str) -> None:
    """Refuse ids already held or repeated, before anything is written (a primary key)."""
    seen: set[str] = set()
    for i in ids:
        if i in held or i in seen:
            raise Conflict(f"{what} {i} is already stored")
        seen.add(i)


@dataclass
class ClearanceState:
    decisions: dict[str, TravellerDecision] = field(default_factory=dict)
    outcomes: dict[str, OutcomeRecord] = field(default_factory=dict)
    hits: dict[str, Hit] = field(default_factory=dict)
    dismissals: list[Dismissal] = field(default_factory=list)
    messages: list[MessageReceipt] = field(default_factory=list)
    idempotency: dict[tuple[str, str, str], IdempotencyRecord] = field(default_factory=dict)
    rule_sets: list[RuleSetRecord] = field(default_factory=list)
    nexus: dict[str, NexusMember] = field(default_factory=dict)


class MemoryDecisionRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def add_many(self, items: list[TravellerDecision]) -> None:
        # A decision id already stored is refused, as the table's primary key refuses it.
        _new_ids(self._s.decisions, [i.id for i in items], "decision")
        self._s.decisions.update({i.id: i for i in items})

    def get(self, agency: Agency, decision_id: str) -> TravellerDecision | None:
        item = self._s.decisions.get(decision_id)
        return item if item is not None and item.agency is agency else None

    def for_message(self, agency: Agency, message_id: str) -> list[TravellerDecision]:
        return sorted(
            (
                d
                for d in self._s.decisions.values()
                if d.agency is agency and d.message_id == message_id
            ),
            key=lambda d: d.id,
        )

    def flights_on(self, agency: Agency, travel_date: date) -> list[FlightDay]:
        hits = Counter(h.decision_id for h in self._s.hits.values() if h.agency is agency)
        by_flight: dict[str, list[TravellerDecision]] = {}
        for d in self._s.decisions.values():
            if d.agency is agency and d.travel_date == travel_date and d.flight:
                by_flight.setdefault(d.flight, []).append(d)
        days = []
        for flight, decisions in by_flight.items():
            arrivals = [a for a in map(_arrival, decisions) if a is not None]
            days.append(
                FlightDay(
                    flight,
                    travel_date,
                    len(decisions),
                    sum(d.decision.kind in REFERRING for d in decisions),
                    sum(hits[d.id] for d in decisions),
                    min(arrivals, default=None),
                )
            )
        return sorted(days, key=flight_order)

    def for_flight(self, agency: Agency, flight: str, travel_date: date) -> list[TravellerDecision]:
        found = [
            d
            for d in self._s.decisions.values()
            if d.agency is agency and d.flight == flight and d.travel_date == travel_date
        ]
        return sorted(found, key=lambda d: (-d.decision.risk_score, d.id))

    def facts_between(
        self, agency: Agency, since: date, until: date | None = None
    ) -> Iterator[DecidedFacts]:
        found = [
            d
            for d in self._s.decisions.values()
            if d.agency is agency
            and d.travel_date >= since
            and (until is None or d.travel_date <= until)
        ]
        return iter(
            DecidedFacts(d.id, d.identity_key, d.role, d.mode, dict(d.facts))
            for d in sorted(found, key=lambda d: d.id)
        )

    def history(self, agency: Agency, identity_keys: list[str], since: date) -> dict[str, History]:
        found: dict[str, History] = {}
        keys = set(identity_keys)
        for d in self._s.decisions.values():
            if d.agency is agency and d.identity_key in keys and d.travel_date >= since:
                old = found.get(d.identity_key, History())
                last = max(filter(None, (old.last_travel, d.travel_date)))
                found[d.identity_key] = History(
                    old.decisions + 1,
                    old.referrals + (d.decision.kind is DecisionKind.REFER),
                    last,
                )
        return found

    def record_outcome(self, record: OutcomeRecord) -> None:
        if record.decision_id in self._s.outcomes:
            raise Conflict(f"decision {record.decision_id} already has an outcome")
        self._s.outcomes[record.decision_id] = replace(
            record, at=stored_time(record.at)
        )  # UTC, as SQL

    def outcome(self, agency: Agency, decision_id: str) -> SecondaryOutcome | None:
        record = self._s.outcomes.get(decision_id)
        return record.outcome if record is not None and record.agency is agency else None

    def outcomes(self, agency: Agency, decision_ids: list[str]) -> dict[str, SecondaryOutcome]:
        return {i: o for i in decision_ids if (o := self.outcome(agency, i)) is not None}

    def adverse_outcomes(self, agency: Agency, identity_key: str) -> list[RecordedOutcome]:
        found = [
            RecordedOutcome(r.decision_id, str(r.outcome), d.port_code, d.travel_date, r.note)
            for r in self._s.outcomes.values()
            if r.agency is agency
            and r.outcome is not SecondaryOutcome.NO_ACTION
            and (d := self._s.decisions.get(r.decision_id)) is not None
            and d.agency is agency
            and d.identity_key == identity_key
        ]
        return sorted(found, key=lambda o: (o.travel_date, o.decision_id))


def _hit_in_utc(hit: Hit) -> Hit:
    d = hit.disposition
    return replace(
        hit,
        created_at=stored_time(hit.created_at),
        disposition=replace(d, at=stored_time(d.at)) if d is not None else None,
    )


def _arrival(decision: TravellerDecision) -> datetime | None:
    return instant_or_none(decision.facts.get("flight.arrival_time"))


class MemoryHitRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def add_many(self, hits: list[Hit]) -> None:
        # A hit id already stored is refused (the primary key); times are kept in UTC and
        # a naive one is refused, as the SQL store does.
        _new_ids(self._s.hits, [h.id for h in hits], "hit")
        self._s.hits.update({h.id: _hit_in_utc(h) for h in hits})

    def get(self, agency: Agency, hit_id: str) -> Hit | None:
        hit = self._s.hits.get(hit_id)
        return hit if hit is not None and hit.agency is agency else None

    def queue(
        self,
        agency: Agency,
        *,
        status: HitStatus | None = HitStatus.OPEN,
        kind: HitKind | None = None,
        ref: str | None = None,
        limit: int = 100,
    ) -> list[Hit]:
        found = [
            h
            for h in self._s.hits.values()
            if h.agency is agency
            and (status is None or h.status is status)
            and (kind is None or h.kind is kind)
            and (ref is None or h.ref == ref)
        ]
        return sorted(found, key=lambda h: (-h.score, h.id))[:limit]

    def by_arrival(self, agency: Agency, shown: QueueFilter, limit: int) -> list[QueuedHit]:
        queued = []
        for hit in self.queue(
            agency, status=shown.status, kind=shown.kind, ref=shown.ref, limit=len(self._s.hits)
        ):
            decision = self._s.decisions.get(hit.decision_id)
            flight = decision.flight if decision else None
            port = decision.port_code if decision else None
            if shown.port not in (None, port) or shown.flight not in (None, flight):
                continue
            arrives = _arrival(decision) if decision else None
            queued.append(QueuedHit(hit, flight, port, arrives))
        queued.sort(key=lambda q: (*soonest(q.arrives_at), -q.hit.score))
        return queued[:limit]

    def for_decision(self, agency: Agency, decision_id: str) -> list[Hit]:
        return sorted(
            (
                h
                for h in self._s.hits.values()
                if h.agency is agency and h.decision_id == decision_id
            ),
            key=lambda h: h.id,
        )

    def dispose(self, hit_id: str, disposition: Disposition) -> None:
        disposition = replace(disposition, at=stored_time(disposition.at))
        hit = self._s.hits.get(hit_id)
        if hit is None:  # an id no hit has changes nothing, as the SQL UPDATE changes no row
            return
        self._s.hits[hit_id] = replace(hit, status=disposition.status, disposition=disposition)

    def counts(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[tuple[str, str, str], int]:
        return Counter(
            (str(h.kind), h.ref, str(h.status))
            for h in self._s.hits.values()
            if h.agency is agency and since <= h.created_at < until
        )

    def decisions_with_hits(
        self, agency: Agency, since: datetime, until: datetime
    ) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for h in self._s.hits.values():
            if h.agency is agency and since <= h.created_at < until:
                found.setdefault(h.ref, []).append(h.decision_id)
        return found

    def confirmed(self, agency: Agency, identity_keys: list[str]) -> dict[str, set[str]]:
        keys = set(identity_keys)
        found: dict[str, set[str]] = {}
        for h in self._s.hits.values():
            if h.agency is agency and h.identity_key in keys and h.status is HitStatus.CONFIRMED:
                found.setdefault(h.identity_key, set()).add(h.ref)
        return found

    def add_dismissal(self, dismissal: Dismissal) -> None:
        self._s.dismissals.append(replace(dismissal, at=stored_time(dismissal.at)))  # UTC, as SQL

    def dismissals(self, agency: Agency, identity_keys: list[str]) -> list[Dismissal]:
        keys = set(identity_keys)
        return [d for d in self._s.dismissals if d.agency is agency and d.identity_key in keys]


class MemoryMessageRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def find(
        self, agency: Agency, kind: str, sender: str, reference: str, content_hash: str
    ) -> MessageReceipt | None:
        return next(
            (
                m
                for m in self.with_reference(agency, kind, sender, reference)
                if m.content_hash == content_hash
            ),
            None,
        )

    def with_reference(
        self, agency: Agency, kind: str, sender: str, reference: str
    ) -> list[MessageReceipt]:
        found = [
            m
            for m in self._s.messages
            if (m.agency, m.kind, m.sender, m.reference) == (agency, kind, sender, reference)
        ]
        return sorted(found, key=lambda m: (m.received_at, m.id))  # ties by id, as SQL orders

    def add(self, receipt: MessageReceipt) -> None:
        r = receipt
        if self.find(r.agency, r.kind, r.sender, r.reference, r.content_hash):
            raise Conflict(f"message {r.reference} from {r.sender} already received")
        self._s.messages.append(replace(r, received_at=stored_time(r.received_at)))  # UTC, as SQL


class MemoryIdempotencyRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def get(self, actor: str, scope: str, key: str) -> IdempotencyRecord | None:
        return self._s.idempotency.get((actor, scope, key))

    def add(self, record: IdempotencyRecord) -> None:
        name = (record.actor, record.scope, record.key)
        if name in self._s.idempotency:
            raise Conflict(f"idempotency key {record.key!r} of {record.actor} already used")
        self._s.idempotency[name] = replace(
            record, created_at=stored_time(record.created_at)
        )  # UTC

    def expire(self, actor: str, before: datetime) -> int:
        old = [n for n, r in self._s.idempotency.items() if n[0] == actor and r.created_at < before]
        for name in old:
            del self._s.idempotency[name]
        return len(old)


class MemoryRuleSetRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def add(self, record: RuleSetRecord) -> None:
        if self.by_version(record.agency, record.version):
            raise Conflict(f"rule set version {record.version} already saved")
        self._s.rule_sets.append(replace(record, created_at=stored_time(record.created_at)))  # UTC

    def by_version(self, agency: Agency, version: str) -> RuleSetRecord | None:
        return next(
            (r for r in self._s.rule_sets if r.agency is agency and r.version == version), None
        )

    def active(self, agency: Agency) -> RuleSetRecord | None:
        return next((r for r in self._s.rule_sets if r.agency is agency and r.active), None)

    def activate(self, agency: Agency, version: str) -> None:
        self._s.rule_sets[:] = [
            replace(r, active=r.version == version) if r.agency is agency else r
            for r in self._s.rule_sets
        ]

    def list(self, agency: Agency) -> list[RuleSetRecord]:
        return sorted((r for r in self._s.rule_sets if r.agency is agency), key=lambda r: r.id)


class MemoryNexusRepository:
    def __init__(self, state: ClearanceState) -> None:
        self._s = state

    def put_many(self, members: list[NexusMember]) -> None:
        self._s.nexus.update({m.card_number: m for m in members})

    def get(self, card_number: str) -> NexusMember | None:
        return self._s.nexus.get(card_number)

    def get_many(self, card_numbers: list[str]) -> dict[str, NexusMember]:
        return {c: m for c in card_numbers if (m := self._s.nexus.get(c)) is not None}

    def active_count(self) -> int:
        return sum(1 for m in self._s.nexus.values() if m.status is MembershipStatus.ACTIVE)

    def active_page(self, *, after: str = "", limit: int = 10_000) -> list[RegistryRow]:
        cards = sorted(
            c for c, m in self._s.nexus.items() if c > after and m.status is MembershipStatus.ACTIVE
        )
        return [
            RegistryRow(c, m.name.surname, m.name.given_names, m.birth_date, m.nationality)
            for c in cards[:limit]
            if (m := self._s.nexus[c])
        ]
