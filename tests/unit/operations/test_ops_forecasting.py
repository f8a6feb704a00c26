"""The forecaster: no look past the origin, a real gain over the seasonal naive forecast."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from smartborder.errors import ValidationFailed
from smartborder.operations.backtest import backtest, origins_between
from smartborder.operations.features import NAMES, WEEK, CalendarTable, feature_matrix
from smartborder.operations.forecasting import (
    DelayForecaster,
    ForecastSettings,
    forecast,
    seasonal_naive,
)
from smartborder.operations.history import HourlySeries

FAST = ForecastSettings(rounds=60, learning_rate=0.1, origin_every_hours=24, steps_per_origin=24)


def synthetic(weeks: int, seed: int = 3) -> HourlySeries:
    """A weekly pattern (afternoon peaks, busier weekends) with noise and some gaps."""
    rng = np.random.default_rng(seed)
    start = datetime(2018, 1, 1)
    hours = np.arange(weeks * WEEK)
    hour_of_day = hours % 24
    weekday = (hours // 24) % 7
    peak = np.exp(-((hour_of_day - 13) ** 2) / 8.0) * (20 + 15 * (weekday >= 4))
    values = np.clip(peak + rng.normal(0, 4, hours.size), 0, None)
    values[rng.random(hours.size) < 0.01] = np.nan
    return HourlySeries(start, values)


def test_no_feature_reads_the_origin_or_after() -> None:
    series = synthetic(60)
    calendar = CalendarTable.build(series.start, len(series) + WEEK)
    values = np.concatenate([series.values, np.full(WEEK, np.nan)])
    origin = 55 * WEEK + 7
    steps = np.arange(WEEK, dtype=np.int64)
    origins = np.full(WEEK, origin, dtype=np.int64)
    before = feature_matrix(values, calendar, origins, steps)
    tampered = values.copy()
    tampered[origin:] = 999.0
    after = feature_matrix(tampered, calendar, origins, steps)
    np.testing.assert_array_equal(before, after)
    assert before.shape == (WEEK, len(NAMES))


def test_holidays_reach_the_features() -> None:
    calendar = CalendarTable.build(datetime(2019, 6, 30), 72)
    assert calendar.columns["ca_holiday"][24] == 1.0  # 2019-07-01 00:00, Canada Day
    assert calendar.columns["ca_holiday_tomorrow"][0] == 1.0
    assert calendar.columns["hour"][25] == 1.0


def test_seasonal_naive_repeats_last_week_and_steps_over_gaps() -> None:
    known = np.arange(3 * WEEK, dtype=np.float64)
    known[2 * WEEK + 5] = np.nan
    naive = seasonal_naive(known, 3 * WEEK, WEEK)
    assert naive[0] == 2 * WEEK
    assert naive[5] == WEEK + 5  # last week's value is a gap: the week before
    assert naive[WEEK - 1] == 3 * WEEK - 1


def test_forecast_uses_only_history_before_the_start() -> None:
    series = synthetic(20)
    start = series.start + timedelta(hours=18 * WEEK)
    made = forecast(series, start, 48, FAST)
    changed = HourlySeries(series.start, series.values.copy())
    changed.values[18 * WEEK :] += 50.0
    again = forecast(changed, start, 48, FAST)
    np.testing.assert_array_equal(made.values, again.values)
    # Forecasting inside a longer history gives the very same numbers.
    inside = DelayForecaster(series, 48, FAST).forecast_at(18 * WEEK)
    np.testing.assert_allclose(inside.values, made.values)
    assert (made.values >= 0).all()


def test_a_short_history_or_a_long_horizon_is_refused() -> None:
    series = synthetic(2)
    with pytest.raises(ValidationFailed, match="hours of history"):
        forecast(series, series.start + timedelta(hours=2 * WEEK), 24, FAST)
    with pytest.raises(ValidationFailed, match="1 to 168"):
        forecast(series, series.start + timedelta(hours=WEEK), 169, FAST)
    with pytest.raises(ValidationFailed, match="before the history begins"):
        forecast(series, series.start - timedelta(hours=1), 24, FAST)


def test_backtest_beats_the_seasonal_naive_forecast_on_a_noisy_weekly_pattern() -> None:
    series = synthetic(16)
    first = (series.start + timedelta(hours=12 * WEEK)).date()
    result = backtest(series, first, first + timedelta(days=27), WEEK, settings=FAST)
    assert len(result.origins) == 4
    assert result.hours > 600
    # Noise of sd 4 around the pattern (less where clipped at zero): last week's value
    # carries its own noise, so the naive RMSE is near 4 or more; averaging does better.
    assert 3.5 < result.naive.rmse < 7
    assert result.ours.rmse < 0.85 * result.naive.rmse
    assert not math.isnan(result.ours.mae)


def test_origins_are_weekly_and_keep_the_whole_horizon_inside() -> None:
    series = synthetic(10)
    origins = origins_between(series, date(2018, 1, 1), date(2018, 12, 31), WEEK)
    assert origins[0] == datetime(2018, 1, 1)
    assert origins[1] - origins[0] == timedelta(weeks=1)
    assert origins[-1] + timedelta(hours=WEEK) <= series.end
    with pytest.raises(ValidationFailed):
        origins_between(series, date(2018, 2, 1), date(2018, 1, 1), WEEK)
