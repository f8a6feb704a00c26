"""DATE's precision, recall and revenue at n%, with their ceilings, on hand-worked examples."""

from __future__ import annotations

import numpy as np
import pytest

from smartborder.errors import ValidationFailed
from smartborder.targeting.metrics import at_rates, top_share


def test_metrics_at_ten_percent_of_twenty_declarations() -> None:
    scores = np.arange(20, dtype=float)[::-1]  # declaration 0 is the riskiest
    illicit = np.zeros(20)
    illicit[[0, 5, 19]] = 1
    revenue = np.zeros(20)
    revenue[[0, 5, 19]] = [10.0, 30.0, 60.0]
    (m,) = at_rates(scores, illicit, revenue, rates=(10,))
    assert m.inspected == 2  # 10% of 20: declarations 0 and 1
    assert m.precision == pytest.approx(0.5)
    assert m.recall == pytest.approx(1 / 3)
    assert m.revenue == pytest.approx(0.1)
    assert m.precision_ceiling == 1.0
    assert m.recall_ceiling == pytest.approx(2 / 3)
    assert m.revenue_ceiling == pytest.approx(0.9)  # the two largest: 60 + 30 of 100


def test_ceiling_of_precision_is_the_base_rate_bound() -> None:
    illicit = np.array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0] * 10)
    (m,) = at_rates(np.zeros(100), illicit, illicit * 5.0, rates=(50,))
    assert m.precision_ceiling == pytest.approx(10 / 50)
    assert m.recall_ceiling == 1.0


def test_ties_never_select_fewer_than_the_rate() -> None:
    chosen = top_share(np.zeros(1000), 1)
    assert len(chosen) == 10
    assert list(chosen) == list(range(10))  # ties fall to the earlier declaration


def test_all_four_rates_by_default() -> None:
    out = at_rates(np.random.default_rng(0).random(500), np.ones(500), np.ones(500))
    assert [m.rate for m in out] == [1, 2, 5, 10]
    assert [m.inspected for m in out] == [5, 10, 25, 50]
    assert all(m.precision == 1.0 for m in out)


@pytest.mark.parametrize(
    ("scores", "illicit", "revenue"),
    [([], [], []), ([1.0], [1, 0], [0.0]), ([float("nan")], [1], [1.0])],
)
def test_bad_inputs_are_refused(
    scores: list[float], illicit: list[int], revenue: list[float]
) -> None:
    with pytest.raises(ValidationFailed):
        at_rates(np.array(scores), np.array(illicit), np.array(revenue))
