"""Assess one traveller: screen the name, run the rules, decide, and say why.

The assessor is the same for a passenger in an API list and a driver at a land booth; only
the facts and the stage differ. It is pure computation over the engines it is given, so
the pipelines can batch the storage around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

import orjson

from smartborder import __version__
from smartborder.clearance.decide import Policy, Stage, decide
from smartborder.clearance.identity import (
    lookout_fingerprint,
    rule_fingerprint,
    traveller_fingerprint,
    traveller_identity,
)
from smartborder.domain import (
    Agency,
    Decision,
    Lookout,
    Reason,
    ScreeningQuery,
    Sex,
    Traveller,
    WatchlistHit,
)
from smartborder.domain.decisions import ClearanceMode, TravellerDecision
from smartborder.domain.hits import Hit, HitKind
from smartborder.targeting.facts import Facts
from smartborder.targeting.rules import CompiledRuleSet, RuleHit
from smartborder.targeting.rules.codec import encode_facts


class Screener(Protocol):
    """What clearance needs of the screening engine."""

    @property
    def versions(self) -> Mapping[str, str]: ...

    def screen(
        self, query: ScreeningQuery, *, threshold: float = ..., limit: int = ...
    ) -> list[WatchlistHit]: ...

    def lookout(self, ref: str) -> Lookout | None: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """One traveller to clear, with the facts the rules see and where they travel."""

    traveller: Traveller
    facts: Facts
    role: str
    mode: ClearanceMode
    travel_date: date
    subject_id: str
    findings: tuple[Reason, ...] = ()  # programme and document findings
    flight: str | None = None
    port_code: str | None = None
    lane: str | None = None
    message_id: str | None = None
    arrived_at: datetime | None = None  # at arrival: when the traveller reached the port


@dataclass
class Assessment:
    decision: TravellerDecision
    candidates: list[Hit] = field(default_factory=list)  # the hits for the queue
    suppressed: int = 0  # hits left out because an analyst dismissed the pair


def query_of(subject: Subject) -> ScreeningQuery:
    traveller = subject.traveller
    document = traveller.primary_document
    return ScreeningQuery(
        id=subject.subject_id,
        name=traveller.name.full,
        birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
        nationality=traveller.nationality,
        gender=traveller.sex if traveller.sex is not Sex.UNSPECIFIED else None,
        document_number=document.number if document else None,
    )


def inputs_hash(subject: Subject, stage: Stage, encoded: Mapping[str, object] | None = None) -> str:
    """A hash of everything the decision was taken on, to show it can be re-derived.

    ``encoded`` is the subject's facts as ``encode_facts`` gives them, when the caller
    has them already.
    """
    body = orjson.dumps(
        {
            "stage": str(stage),
            "role": subject.role,
            "facts": encoded if encoded is not None else encode_facts(subject.facts),
            "findings": [[str(f.kind), f.ref, f.text] for f in subject.findings],
        },
        option=orjson.OPT_SORT_KEYS,
        default=str,
    )
    return hashlib.sha256(body).hexdigest()


class Assessor:
    def __init__(
        self,
        agency: Agency,
        *,
        screener: Screener | None,
        rules: CompiledRuleSet | None,
        policy: Policy | None = None,
        threshold: float | None = None,
    ) -> None:
        self.agency = agency
        self.screener = screener
        self.rules = rules
        self.policy = policy or Policy()
        self.threshold = threshold
        lists = ",".join(
            f"{k}@{v}" for k, v in sorted((screener.versions if screener else {}).items())
        )
        self.versions = {
            "rules": rules.version if rules else "none",
            "lists": lists or "none",
            "engine": __version__,
        }

    def screen(self, subject: Subject) -> list[WatchlistHit]:
        if self.screener is None:
            return []
        query = query_of(subject)
        if self.threshold is None:
            return self.screener.screen(query)
        return self.screener.screen(query, threshold=self.threshold)

    def assess(
        self,
        subject: Subject,
        stage: Stage,
        *,
        identity_key: str | None = None,
        confirmed: frozenset[str] = frozenset(),
        dismissed: frozenset[tuple[str, str, str]] = frozenset(),
        watch: Sequence[WatchlistHit] | None = None,
    ) -> Assessment:
        """Screen, run the rules and decide for one traveller.

        ``dismissed`` holds (ref, traveller fingerprint, subject fingerprint) of pairs an
        analyst called false positives for this identity: such a hit neither alerts nor
        counts in the decision while both sides' data are unchanged. ``watch`` may be
        given when the caller screened the traveller already (in bulk).
        """
        traveller = subject.traveller
        key = identity_key or traveller_identity(traveller)
        screened = list(watch) if watch is not None else self.screen(subject)
        evaluated: list[RuleHit] = (
            self.rules.evaluate(subject.facts, role=subject.role, mode=str(subject.mode))
            if self.rules
            else []
        )
        # Most travellers have no hit: their fingerprint is never needed, so not computed.
        fingerprint = traveller_fingerprint(traveller, key) if screened or evaluated else ""
        hits = [
            w
            for w in screened
            if not dismissed
            or (w.lookout_ref, fingerprint, self._lookout_print(w)) not in dismissed
        ]
        rule_hits = [
            r
            for r in evaluated
            if not dismissed
            or (r.rule_id, fingerprint, rule_fingerprint(r.rule_id, r.rule_version))
            not in dismissed
        ]
        suppressed = len(screened) - len(hits) + len(evaluated) - len(rule_hits)
        encoded = encode_facts(subject.facts)
        digest = inputs_hash(subject, stage, encoded)
        verdict = decide(
            stage,
            watch=hits,
            confirmed=confirmed,
            rules=rule_hits,
            findings=subject.findings,
            policy=self.policy,
            draw=int(digest[:8], 16) / 2**32,
        )
        decision = TravellerDecision(
            decision=Decision(
                subject_id=subject.subject_id,
                kind=verdict.kind,
                reasons=verdict.reasons,
                versions=self.versions,
                inputs_hash=digest,
                risk_score=round(verdict.risk, 4),
            ),
            agency=self.agency,
            mode=subject.mode,
            role=subject.role,
            traveller_name=traveller.name.full,
            identity_key=key,
            travel_date=subject.travel_date,
            facts=encoded,
            message_id=subject.message_id,
            flight=subject.flight,
            port_code=subject.port_code,
            lane=subject.lane,
            document_number=traveller.primary_document.number
            if traveller.primary_document
            else None,
            nationality=traveller.nationality,
            birth_date=traveller.birth_date,
        )
        candidates = self._candidates(decision, fingerprint, hits, rule_hits)
        return Assessment(decision, candidates, suppressed)

    def _lookout_print(self, hit: WatchlistHit) -> str:
        lookout = self.screener.lookout(hit.lookout_ref) if self.screener else None
        if lookout is not None:
            return lookout_fingerprint(lookout)
        return hashlib.sha256(f"{hit.lookout_ref}@{hit.list_version}".encode()).hexdigest()[:32]

    def _candidates(
        self,
        decision: TravellerDecision,
        fingerprint: str,
        watch: Sequence[WatchlistHit],
        rules: Sequence[RuleHit],
    ) -> list[Hit]:
        def hit(kind: HitKind, ref: str, score: float, text: str, subject: str) -> Hit:
            return Hit(
                agency=self.agency,
                decision_id=decision.id,
                kind=kind,
                ref=ref,
                score=score,
                text=text,
                identity_key=decision.identity_key,
                traveller_fingerprint=fingerprint,
                subject_fingerprint=subject,
                traveller_name=decision.traveller_name,
            )

        found = [
            hit(HitKind.WATCHLIST, w.lookout_ref, w.score, w.explanation, self._lookout_print(w))
            for w in watch
        ]
        found += [
            hit(
                HitKind.RULE,
                r.rule_id,
                r.weight,
                r.text,
                rule_fingerprint(r.rule_id, r.rule_version),
            )
            for r in rules
        ]
        return found
