"""Precision, recall and revenue at an inspection rate of n%, as in the DATE paper.

DATE (Kim et al., KDD 2020) ranks declarations by a model's score and inspects the top
n% of them. With S the selected declarations, for n in 1, 2, 5 and 10:

* Precision@n% = illicit declarations in S / |S|
* Recall@n%    = illicit declarations in S / all illicit declarations
* Revenue@n%   = revenue of S / revenue of all declarations (revenue is the raised tax,
  zero for compliant declarations: it is the recall of revenue)

DATE's reference code takes S as the scores above the (100 - n)th percentile; we take the
``round(N * n / 100)`` highest scores (at least one), which is the same set when the
scores are distinct and never selects fewer than n% when they tie (ties fall to the
earlier declaration). Beside each figure stands its ceiling: the best any ranking could
reach at that rate given the base rate (precision cannot pass |illicit| / |S|, recall
cannot pass |S| / |illicit|, revenue cannot pass the largest |S| revenues' share).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from smartborder.errors import ValidationFailed

RATES = (1, 2, 5, 10)


@dataclass(frozen=True, slots=True)
class RateMetrics:
    """DATE's metrics at one inspection rate, with the ceilings the base rate allows."""

    rate: float  # percent of declarations inspected
    inspected: int
    precision: float
    recall: float
    revenue: float
    precision_ceiling: float
    recall_ceiling: float
    revenue_ceiling: float


def top_share(scores: npt.NDArray[np.float64], rate: float) -> npt.NDArray[np.int64]:
    """Positions of the ``rate`` percent highest scores, highest first (ties: earlier first)."""
    n = len(scores)
    k = max(1, int(round(n * rate / 100.0)))
    order = np.argsort(-scores, kind="stable")
    return np.asarray(order[:k], dtype=np.int64)


def at_rates(
    scores: npt.ArrayLike,
    illicit: npt.ArrayLike,
    revenue: npt.ArrayLike,
    rates: tuple[float, ...] = RATES,
) -> list[RateMetrics]:
    """DATE's precision, recall and revenue at each inspection rate in ``rates``."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(illicit, dtype=np.float64)
    r = np.asarray(revenue, dtype=np.float64)
    if not len(s) == len(y) == len(r):
        raise ValidationFailed("scores, illicit and revenue must have one value per declaration")
    if len(s) == 0:
        raise ValidationFailed("no declarations to evaluate")
    if np.isnan(s).any():
        raise ValidationFailed("a score is not a number")
    total_found, total_revenue = float(y.sum()), float(r.sum())
    best_revenue = np.sort(r)[::-1]
    out = []
    for rate in rates:
        if not 0 < rate <= 100:
            raise ValidationFailed(f"inspection rate {rate}% must be in (0, 100]")
        chosen = top_share(s, rate)
        k = len(chosen)
        found = float(y[chosen].sum())
        raised = float(r[chosen].sum())
        out.append(
            RateMetrics(
                rate=rate,
                inspected=k,
                precision=found / k,
                recall=found / total_found if total_found else 0.0,
                revenue=raised / total_revenue if total_revenue else 0.0,
                precision_ceiling=min(1.0, total_found / k),
                recall_ceiling=min(1.0, k / total_found) if total_found else 0.0,
                revenue_ceiling=float(best_revenue[:k].sum()) / total_revenue
                if total_revenue
                else 0.0,
            )
        )
    return out
