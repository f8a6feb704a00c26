"""The decision policy: from hits and findings to board / no-board, release / refer.

One place says when a traveller is stopped, so that the air and land paths, the API and
the benchmarks all decide alike, and the thresholds can be read and argued about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smartborder.domain import DecisionKind, Reason, ReasonKind, WatchlistHit
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.targeting.rules import RuleHit
from smartborder.targeting.rules.compile import combined_risk
from smartborder.targeting.rules.model import Severity


class Stage(AnyCaseStrEnum):
    DEPARTURE = "departure"  # before the flight leaves: the carrier's board / no-board
    ARRIVAL = "arrival"  # at the port: release, or refer to secondary


@dataclass(frozen=True, slots=True)
class Policy:
    #: A watch-list hit this strong, or one an analyst already confirmed, denies boarding.
    #: Chosen high on purpose: a wrong no-board strands a traveller abroad, while a
    #: weaker hit is still reviewed before arrival and referred there.
    no_board_score: float = 0.97
    #: Rules alone refer when their combined weight reaches this...
    rule_refer_risk: float = 0.5
    #: ...or when one rule of at least this severity holds.
    rule_refer_severity: Severity = Severity.HIGH
    #: Share of travellers with nothing against them sent to secondary at random at
    #: arrival: the only unbiased measure of what the rules and lists miss. Off unless
    #: an agency sets it.
    random_share: float = 0.0


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: DecisionKind
    risk: float
    reasons: tuple[Reason, ...]


def watchlist_reason(hit: WatchlistHit) -> Reason:
    return Reason(ReasonKind.WATCHLIST, hit.lookout_ref, hit.explanation, round(hit.score, 4))


def rule_reason(hit: RuleHit) -> Reason:
    return Reason(ReasonKind.RULE, hit.rule_id, hit.text, hit.weight)


def decide(
    stage: Stage,
    *,
    watch: Sequence[WatchlistHit] = (),
    confirmed: frozenset[str] = frozenset(),
    rules: Sequence[RuleHit] = (),
    findings: Sequence[Reason] = (),
    policy: Policy = Policy(),
    draw: float = 1.0,
) -> Verdict:
    """``confirmed`` holds the refs of list entries already confirmed for this identity;
    ``draw`` in [0, 1) decides a random examination (derived from the inputs' hash, so
    that the same inputs always give the same decision)."""
    reasons = [watchlist_reason(h) for h in sorted(watch, key=lambda h: -h.score)]
    reasons += list(findings)
    reasons += [rule_reason(h) for h in rules]
    watch_score = max((h.score for h in watch), default=0.0)
    rule_risk = combined_risk(list(rules))
    risk = 1.0 - (1.0 - watch_score) * (1.0 - rule_risk)
    if findings:
        risk = max(risk, 0.5)
    if stage is Stage.DEPARTURE:
        stop = any(h.lookout_ref in confirmed or h.score >= policy.no_board_score for h in watch)
        return Verdict(DecisionKind.NO_BOARD if stop else DecisionKind.BOARD, risk, tuple(reasons))
    severe = any(Severity(h.severity).rank >= policy.rule_refer_severity.rank for h in rules)
    refer = bool(watch) or bool(findings) or severe or rule_risk >= policy.rule_refer_risk
    if not refer and draw < policy.random_share:
        reason = Reason(ReasonKind.RANDOM, "random", "random compliance examination")
        return Verdict(DecisionKind.REFER, risk, (reason, *reasons))
    return Verdict(DecisionKind.REFER if refer else DecisionKind.RELEASE, risk, tuple(reasons))
