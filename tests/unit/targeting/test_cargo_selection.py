"""Selection under capacity: the random share, required exams, and the targeted rest."""

from __future__ import annotations

import random
import statistics

import pytest

from smartborder.errors import ValidationFailed
from smartborder.targeting.cargo.selection import Candidate, SelectedBy, select


def _candidates(n: int, required: int = 0) -> list[Candidate]:
    return [Candidate(f"S{i:04d}", score=i / n, required=i < required) for i in range(n)]


def test_capacity_is_split_into_random_and_targeted() -> None:
    chosen = select(_candidates(1000), capacity=50, random_share=0.1, rng=random.Random(1))
    assert len(chosen.picks) == 50
    assert len(chosen.by(SelectedBy.RANDOM)) == 5
    targeted = chosen.by(SelectedBy.TARGETED)
    assert len(targeted) == 45
    # Targeted picks are the highest scores not already drawn at random.
    drawn = {p.shipment_id for p in chosen.by(SelectedBy.RANDOM)}
    best = [
        c for c in sorted(_candidates(1000), key=lambda c: -c.score) if c.shipment_id not in drawn
    ]
    assert [p.shipment_id for p in targeted] == [c.shipment_id for c in best[:45]]


def test_the_random_share_is_a_minimum_rounded_up() -> None:
    chosen = select(_candidates(100), capacity=7, random_share=0.1, rng=random.Random(2))
    assert len(chosen.by(SelectedBy.RANDOM)) == 1  # ceil(0.7)


def test_random_picks_do_not_follow_the_score() -> None:
    # Over many days, the mean score of random picks is the population's mean (0.5),
    # while targeted picks sit at the top.
    means = []
    for seed in range(200):
        chosen = select(_candidates(200), capacity=20, random_share=0.25, rng=random.Random(seed))
        means += [p.score for p in chosen.by(SelectedBy.RANDOM)]
    assert statistics.mean(means) == pytest.approx(0.5, abs=0.03)


def test_required_exams_are_kept_even_past_capacity() -> None:
    chosen = select(
        _candidates(100, required=12), capacity=10, random_share=0.1, rng=random.Random(3)
    )
    assert len(chosen.by(SelectedBy.REQUIRED)) == 12
    assert len(chosen.by(SelectedBy.RANDOM)) == 1  # the random share survives
    assert chosen.by(SelectedBy.TARGETED) == []
    assert chosen.over_capacity == 3


def test_no_shipment_is_picked_twice_and_small_days_work() -> None:
    chosen = select(_candidates(3), capacity=10, random_share=0.5, rng=random.Random(4))
    ids = [p.shipment_id for p in chosen.picks]
    assert sorted(ids) == ["S0000", "S0001", "S0002"]


@pytest.mark.parametrize(("capacity", "share"), [(-1, 0.1), (5, 1.5), (5, -0.1)])
def test_bad_settings_are_refused(capacity: int, share: float) -> None:
    with pytest.raises(ValidationFailed):
        select(_candidates(5), capacity=capacity, random_share=share, rng=random.Random(0))
