"""One booth more or less, for the same traffic, under Erlang C."""

import math

import pytest

from smartborder.domain import LaneType
from smartborder.operations.erlang import mean_wait_seconds
from smartborder.operations.what_if import implied_arrivals, one_booth_more_or_less, service_rate


@pytest.mark.parametrize(("wait", "booths"), [(30.0, 1), (600.0, 4), (1800.0, 12)])
def test_the_implied_arrivals_give_back_the_recorded_wait(wait: float, booths: int) -> None:
    mu = service_rate(LaneType.GENERAL)
    lam = implied_arrivals(wait, mu, booths)
    assert 0 < lam < booths * mu
    assert mean_wait_seconds(lam, mu, booths) == pytest.approx(wait, rel=1e-6)


def test_a_booth_more_shortens_the_wait_and_one_less_lengthens_it() -> None:
    found = one_booth_more_or_less(20.0, 4, LaneType.GENERAL)
    assert found is not None and found.one_less is not None
    assert found.one_more < 20.0 < found.one_less


def test_the_last_booth_cannot_be_taken_away_and_a_closed_lane_has_no_what_if() -> None:
    alone = one_booth_more_or_less(5.0, 1, LaneType.NEXUS)
    assert alone is not None and alone.one_less is None and alone.one_more < 5.0
    assert one_booth_more_or_less(5.0, 0, LaneType.GENERAL) is None
    assert one_booth_more_or_less(math.inf, 3, LaneType.GENERAL) is None


def test_a_lane_near_its_limit_cannot_keep_up_with_one_booth_less() -> None:
    # Two booths at 45 minutes: the traffic is close to 2 booths' capacity, above one's.
    found = one_booth_more_or_less(45.0, 2, LaneType.GENERAL)
    assert found is not None and found.one_less == math.inf
