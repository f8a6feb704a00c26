"""Selectivity: the rules that route a shipment to a lane, each with its reason.

After ASYCUDA's selectivity module: red (physical examination), yellow (documentary
check), green (release), blue (release now, post-clearance audit). Rules are checked in
order and the strictest lane any of them asks for wins; every rule that fired is kept as
a reason, so an officer sees all of why, not only the first.

1. A party on a watch list: red.
2. A biosecurity rule: the lane it names (red or yellow).
3. The risk model: red at or above ``red_score``, yellow at or above ``yellow_score``,
   blue at or above ``blue_score``.
4. Data transmitted late: yellow. An amendment after the deadline counts as late.
5. A trusted importer (C-TPAT / PIP) below the yellow threshold: green, with the
   programme as its reason.

Red is not a promise of an examination: ``selection`` fits the red lane, the targeted
and the random picks into the day's inspection capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smartborder.domain import Reason, ReasonKind, SelectivityLane
from smartborder.targeting.cargo.biosecurity import BiosecurityHit

SEVERITY = {
    SelectivityLane.GREEN: 0,
    SelectivityLane.BLUE: 1,
    SelectivityLane.YELLOW: 2,
    SelectivityLane.RED: 3,
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Model scores at which a shipment leaves the green lane (probabilities, 0 to 1)."""

    red_score: float = 0.5
    yellow_score: float = 0.2
    blue_score: float = 0.08


@dataclass(frozen=True, slots=True)
class ShipmentFacts:
    """What selectivity knows about one shipment."""

    watchlist_hits: tuple[Reason, ...] = ()
    biosecurity: tuple[BiosecurityHit, ...] = ()
    risk: float | None = None  # the model's probability that it is illicit
    model_version: str | None = None
    late: bool = False
    trusted_importer: str | None = None  # the programme vouching for the importer


@dataclass(frozen=True, slots=True)
class LaneDecision:
    lane: SelectivityLane
    reasons: tuple[Reason, ...]


def route(facts: ShipmentFacts, thresholds: Thresholds = Thresholds()) -> LaneDecision:
    """The lane for a shipment and every reason behind it."""
    asks: list[tuple[SelectivityLane, Reason]] = []
    for hit in facts.watchlist_hits:
        asks.append((SelectivityLane.RED, hit))
    for bio in facts.biosecurity:
        asks.append(
            (
                bio.rule.lane,
                Reason(
                    ReasonKind.RULE, bio.rule.id, f"{bio.rule.text} (line {bio.line_index + 1})"
                ),
            )
        )
    if facts.risk is not None:
        ref = f"cargo-model:{facts.model_version or 'unversioned'}"
        text = f"risk score {facts.risk:.3f}"
        if facts.risk >= thresholds.red_score:
            asks.append((SelectivityLane.RED, Reason(ReasonKind.MODEL, ref, text, facts.risk)))
        elif facts.risk >= thresholds.yellow_score:
            asks.append((SelectivityLane.YELLOW, Reason(ReasonKind.MODEL, ref, text, facts.risk)))
        elif facts.risk >= thresholds.blue_score:
            asks.append((SelectivityLane.BLUE, Reason(ReasonKind.MODEL, ref, text, facts.risk)))
    if facts.late:
        asks.append(
            (
                SelectivityLane.YELLOW,
                Reason(ReasonKind.RULE, "NOTICE-LATE", "advance data arrived after its deadline"),
            )
        )
    if facts.trusted_importer and not any(SEVERITY[lane] >= 2 for lane, _ in asks):
        # A trusted importer's low-risk shipment is not sent to post-clearance audit.
        asks = [(SelectivityLane.GREEN, r) for lane, r in asks if lane is not SelectivityLane.BLUE]
        asks.append(
            (
                SelectivityLane.GREEN,
                Reason(
                    ReasonKind.PROGRAMME,
                    facts.trusted_importer,
                    f"importer is a {facts.trusted_importer.upper()} member",
                ),
            )
        )
    if not asks:
        return LaneDecision(SelectivityLane.GREEN, ())
    lane = max((lane for lane, _ in asks), key=SEVERITY.__getitem__)
    return LaneDecision(lane, tuple(reason for _, reason in asks))


def strictest(lanes: Sequence[SelectivityLane]) -> SelectivityLane:
    return max(lanes, key=SEVERITY.__getitem__, default=SelectivityLane.GREEN)
