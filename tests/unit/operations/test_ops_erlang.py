"""Erlang C against values worked by hand from the textbook formulas."""

from __future__ import annotations

import math

import pytest

from smartborder.errors import ValidationFailed
from smartborder.operations import erlang


def test_one_booth_is_the_m_m_1_queue() -> None:
    lam, mu = 0.8, 1.0
    assert erlang.probability_of_waiting(lam, mu, 1) == pytest.approx(0.8)
    assert erlang.mean_wait_seconds(lam, mu, 1) == pytest.approx(0.8 / (1.0 - 0.8))


def test_two_erlangs_on_three_booths() -> None:
    # a = 2, c = 3: P0 = 1 / (1 + 2 + 2 + (8/6) * 3) = 1/9, C = (8/6) * 3 * P0 = 4/9
    assert erlang.probability_of_waiting(2.0, 1.0, 3) == pytest.approx(4 / 9)
    assert erlang.mean_wait_seconds(2.0, 1.0, 3) == pytest.approx((4 / 9) / (3 - 2))
    assert erlang.wait_exceeds(2.0, 1.0, 3, 1.0) == pytest.approx((4 / 9) * math.exp(-1))


def test_overloaded_booths_never_catch_up() -> None:
    assert erlang.mean_wait_seconds(3.0, 1.0, 3) == math.inf
    assert erlang.probability_of_waiting(3.5, 1.0, 3) == 1.0
    assert erlang.mean_wait_seconds(0.0, 1.0, 0) == 0.0


def test_fewest_booths_is_the_first_that_holds_the_target() -> None:
    lam, mu, target = 10 / 60, 1 / 34, 60.0
    c = erlang.fewest_booths(lam, mu, target)
    assert erlang.mean_wait_seconds(lam, mu, c) <= target
    assert erlang.mean_wait_seconds(lam, mu, c - 1) > target
    strict = erlang.fewest_booths(lam, mu, target, share_within=0.99)
    assert strict >= c
    assert erlang.wait_exceeds(lam, mu, strict, target) <= 0.01
    assert erlang.fewest_booths(0.0, mu, target) == 0


def test_bad_rates_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        erlang.mean_wait_seconds(1.0, 0.0, 2)
    with pytest.raises(ValidationFailed):
        erlang.fewest_booths(1.0, 1.0, 10.0, share_within=1.5)


def test_many_booths_do_not_overflow() -> None:
    assert 0 < erlang.probability_of_waiting(480.0, 1.0, 500) < 1
