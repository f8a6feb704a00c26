"""The NEXUS interview backlog: worked examples, then the forecast against a simulation."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from smartborder.errors import ValidationFailed
from smartborder.operations.backlog_simulation import simulate
from smartborder.operations.interview_backlog import (
    Centre,
    InvalidBacklogInput,
    forecast,
)

MONDAY = date(2026, 11, 30)
MONDAY_TO_FRIDAY = frozenset(range(5))
WEDNESDAY = MONDAY + timedelta(days=2)
SATURDAY = MONDAY + timedelta(days=5)
EVERY_DAY = frozenset(range(7))
# The forecast is checked against the simulation's mean to this relative tolerance.
TOLERANCE = 0.05


def _centre(
    per_day: float = 100, no_show: float = 0.0, open_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
) -> Centre:
    return Centre("BLA", "Blaine", per_day, open_weekdays, no_show_rate=no_show)


def test_a_thousand_waiting_at_a_hundred_a_day_are_seen_in_ten_open_days() -> None:
    # The 1,000 ahead fill the first ten open days (Mon-Fri twice); the applicant joining
    # today takes the 1,001st slot, on the eleventh open day: Monday two weeks on.
    result = forecast(_centre(), 1000, 0, on=MONDAY)
    assert result.expected_wait_days == 14
    assert result.percentile_wait_days == 14  # no no-shows: nothing left to chance
    assert result.clears_on == MONDAY + timedelta(days=11)  # the 1,000 done by Friday
    assert result.capacity_per_day == pytest.approx(100 * 5 / 7)
    assert not result.growing


def test_the_wait_depends_on_the_weekday_it_starts() -> None:
    # From a Wednesday the eleventh open day is again two weeks on; from a Saturday the
    # first open day is Monday, so it is two days later.
    assert forecast(_centre(), 1000, 0, on=WEDNESDAY).expected_wait_days == 14
    assert forecast(_centre(), 1000, 0, on=SATURDAY).expected_wait_days == 16
    # One fewer ahead and the applicant takes the last slot of the tenth open day.
    assert forecast(_centre(), 999, 0, on=MONDAY).expected_wait_days == 11


def test_capacity_that_is_not_a_whole_number_alternates_days() -> None:
    # 62.5 a day: 62 slots on the first open day, 63 on the second (125 in two days).
    centre = _centre(per_day=62.5)
    assert forecast(centre, 61, 0, on=MONDAY).expected_wait_days == 0
    assert forecast(centre, 62, 0, on=MONDAY).expected_wait_days == 1
    assert forecast(centre, 124, 0, on=MONDAY).expected_wait_days == 1
    assert forecast(centre, 125, 0, on=MONDAY).expected_wait_days == 2


def test_arrivals_below_capacity_clear_the_backlog_on_a_day_worked_by_hand() -> None:
    # Waiting before day d's interviews = 1000 + 20 d - 100 x (open days before d). It
    # falls by 80 an open day and rises by 40 over a weekend: 1000 on Monday, 680 on
    # Friday, 640 the next Monday, 280 the Monday after, then 200, 120, and 40 on the
    # Thursday (day 17): fewer than that day's 100 slots, so everyone waiting is seen.
    result = forecast(_centre(), 1000, 20, on=MONDAY)
    assert result.clears_on == MONDAY + timedelta(days=17)
    assert not result.growing
    # Those who arrive after today join behind: the wait is the same as with none.
    assert result.expected_wait_days == forecast(_centre(), 1000, 0, on=MONDAY).expected_wait_days


def test_arrivals_above_capacity_grow_the_backlog_for_ever() -> None:
    result = forecast(_centre(), 1000, 80, on=MONDAY)  # 80 a day against 71.4 a day
    assert result.growing
    assert result.clears_on is None
    assert result.expected_wait_days == 14
    assert "grows and never clears" in result.assumptions[-1]


def test_a_backlog_that_shrinks_too_slowly_does_not_clear_within_the_horizon() -> None:
    # 71 a day against 71.43: it shrinks by under half an applicant a day.
    result = forecast(_centre(), 10_000, 71, on=MONDAY, horizon_days=730)
    assert not result.growing
    assert result.clears_on is None
    assert "does not clear within 730 days" in result.assumptions[-1]


def test_no_shows_lengthen_the_wait_by_one_over_the_share_that_attend() -> None:
    # Open every day, so that calendar days are open days. With 20% no-shows each of the
    # 20,000 ahead needs 1.25 slots on average: 25,000 slots instead of 20,000.
    attending = forecast(_centre(open_weekdays=EVERY_DAY), 20_000, 0, on=MONDAY)
    missing = forecast(_centre(no_show=0.2, open_weekdays=EVERY_DAY), 20_000, 0, on=MONDAY)
    assert attending.expected_wait_days == 200
    assert missing.expected_wait_days / attending.expected_wait_days == pytest.approx(
        1.25, rel=0.005
    )
    assert missing.capacity_per_day == pytest.approx(80)
    # Chance in the no-shows spreads the wait: nine in ten are seen a little later.
    assert missing.percentile_wait_days > missing.expected_wait_days


def test_the_assumptions_are_stated_in_words() -> None:
    text = " ".join(forecast(_centre(no_show=0.08), 5000, 60, on=MONDAY).assumptions)
    assert "First come, first served" in text
    assert "8% of booked interviews are no-shows" in text
    assert "Mon–Fri" in text
    assert "normal approximation" in text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: forecast(_centre(), -1, 0, on=MONDAY), "waiting must be 0 or more"),
        (lambda: forecast(_centre(), 10, -0.5, on=MONDAY), "arrivals per day must be"),
        (lambda: forecast(_centre(), 10, float("nan"), on=MONDAY), "arrivals per day must be"),
        (lambda: forecast(_centre(per_day=0), 10, 1, on=MONDAY), "holds no interviews"),
        (
            lambda: forecast(_centre(open_weekdays=frozenset()), 10, 1, on=MONDAY),
            "holds no interviews",
        ),
        (lambda: forecast(_centre(), 10, 1, on=MONDAY, horizon_days=0), "at least 1"),
        (lambda: forecast(_centre(), 10, 1, on=MONDAY, percentile=100), "percentile"),
        (lambda: forecast(_centre(per_day=1), 10**8, 0, on=MONDAY), "check the figures"),
        (lambda: _centre(per_day=-5), "interviews per day must be"),
        (lambda: _centre(no_show=1.0), "no-show rate must be"),
        (lambda: _centre(open_weekdays=frozenset({7})), "open weekdays must be 0"),
        (lambda: simulate(_centre(), 10, 1, on=MONDAY, days=10, seed=1, runs=0), "runs"),
    ],
)
def test_inputs_the_model_cannot_use_are_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidBacklogInput, match=message) as refused:
        make()
    # One error, two ways to catch it: the house hierarchy (422 / exit 2) and ValueError.
    assert isinstance(refused.value, ValidationFailed)
    assert isinstance(refused.value, ValueError)


def test_without_chance_the_simulation_gives_the_forecast_exactly() -> None:
    runs = simulate(_centre(), 1000, 0, on=MONDAY, days=30, seed=1, runs=5)
    assert runs.waits == (14.0,) * 5
    assert runs.clear_days == (11,) * 5


def test_the_simulation_is_repeatable_from_its_seed() -> None:
    centre = _centre(no_show=0.1)
    first = simulate(centre, 500, 60, on=MONDAY, days=40, seed=7, runs=20)
    assert first == simulate(centre, 500, 60, on=MONDAY, days=40, seed=7, runs=20)
    assert first != simulate(centre, 500, 60, on=MONDAY, days=40, seed=8, runs=20)


def test_an_applicant_not_seen_within_the_days_simulated_waits_for_ever() -> None:
    runs = simulate(_centre(), 1000, 0, on=MONDAY, days=10, seed=1, runs=3)
    assert runs.waits == (float("inf"),) * 3
    assert runs.clear_days == (None,) * 3


@pytest.mark.parametrize(
    ("centre", "waiting", "arrivals", "days"),
    [
        # Clears in about four months: arrivals below capacity, 10% no-shows.
        (_centre(no_show=0.1), 3000, 40, 200),
        # Shrinks too slowly to clear in the days simulated; 20% no-shows.
        (_centre(no_show=0.2), 8000, 50, 160),
        # Grows: open Monday to Saturday at 62.5 a day against 70 arrivals a day.
        (_centre(per_day=62.5, no_show=0.05, open_weekdays=frozenset(range(6))), 5000, 70, 150),
    ],
)
def test_the_forecast_agrees_with_a_simulation_of_the_same_centre(
    centre: Centre, waiting: int, arrivals: float, days: int
) -> None:
    predicted = forecast(centre, waiting, arrivals, on=MONDAY)
    runs = simulate(centre, waiting, arrivals, on=MONDAY, days=days, seed=20261203)
    assert statistics.mean(runs.waits) == pytest.approx(predicted.expected_wait_days, rel=TOLERANCE)
    observed_90th = sorted(runs.waits)[int(0.9 * len(runs.waits)) - 1]
    assert observed_90th == pytest.approx(predicted.percentile_wait_days, rel=TOLERANCE)
    cleared = [day for day in runs.clear_days if day is not None]
    if predicted.clears_on is None:
        assert cleared == []
    else:
        assert len(cleared) == len(runs.clear_days)
        assert statistics.mean(cleared) == pytest.approx(
            (predicted.clears_on - MONDAY).days, rel=TOLERANCE
        )
