"""Selection of the day's examinations under an inspection capacity.

The capacity (examinations a port can do in a day) is split three ways:

1. **Random**: at least ``ceil(capacity x random_share)`` slots go to shipments drawn
   uniformly from every shipment not already required, before any score is looked at.
   Their outcomes measure compliance without the model's bias, and keep a learned
   selector from only ever seeing what it already suspects (the finding of the DATE
   authors' later work on exploration: a tenth of random picks keeps it from collapsing).
2. **Required**: red-lane shipments (a watch-list hit, a biosecurity rule). They are all
   examined, even past the capacity; ``over_capacity`` says by how much, so that a
   supervisor can call in more officers rather than have the rule silently dropped.
3. **Targeted**: the remaining slots go to the highest risk scores.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from smartborder.errors import ValidationFailed

DEFAULT_RANDOM_SHARE = 0.1


class SelectedBy(StrEnum):
    REQUIRED = "required"
    TARGETED = "targeted"
    RANDOM = "random"


@dataclass(frozen=True, slots=True)
class Candidate:
    shipment_id: str
    score: float
    required: bool = False


@dataclass(frozen=True, slots=True)
class Pick:
    shipment_id: str
    score: float
    by: SelectedBy


@dataclass(frozen=True, slots=True)
class Selection:
    picks: tuple[Pick, ...]
    capacity: int
    random_share: float
    candidates: int

    def by(self, how: SelectedBy) -> list[Pick]:
        return [p for p in self.picks if p.by is how]

    @property
    def over_capacity(self) -> int:
        return max(0, len(self.picks) - self.capacity)


def select(
    candidates: Sequence[Candidate],
    *,
    capacity: int,
    random_share: float = DEFAULT_RANDOM_SHARE,
    rng: random.Random,
) -> Selection:
    """Choose the examinations for ``capacity`` slots; see the module docstring."""
    if capacity < 0:
        raise ValidationFailed("capacity cannot be negative")
    if not 0.0 <= random_share <= 1.0:
        raise ValidationFailed("random_share must be between 0 and 1")
    ids = [c.shipment_id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValidationFailed("a shipment appears twice among the candidates")
    required = [c for c in candidates if c.required]
    optional = [c for c in candidates if not c.required]
    random_slots = min(len(optional), math.ceil(capacity * random_share))
    drawn = rng.sample(optional, random_slots) if random_slots else []
    drawn_ids = {c.shipment_id for c in drawn}
    left = max(0, capacity - random_slots - len(required))
    rest = sorted(
        (c for c in optional if c.shipment_id not in drawn_ids),
        key=lambda c: (-c.score, c.shipment_id),
    )
    picks = (
        [Pick(c.shipment_id, c.score, SelectedBy.REQUIRED) for c in required]
        + [Pick(c.shipment_id, c.score, SelectedBy.TARGETED) for c in rest[:left]]
        + [Pick(c.shipment_id, c.score, SelectedBy.RANDOM) for c in drawn]
    )
    return Selection(
        picks=tuple(picks),
        capacity=capacity,
        random_share=random_share,
        candidates=len(candidates),
    )
