"""Hourly delay forecasts 1 to 168 hours ahead, beside the seasonal naive forecast.

The model is one LightGBM regressor for every horizon (the "direct" strategy with the
step as a feature): it is trained on many past origins, each paired with a sample of the
168 hours that followed it, on the features of ``features.py``. Everything it is trained
on, and everything it reads to forecast, lies strictly before the forecast's start.

The seasonal naive forecast, the yardstick: for hourly data with a weekly season
(m = 168), the forecast of hour ``T + h`` is the value of the same hour one season
earlier, ``y[T + h - m]``, which for h <= 168 is the last week repeated (Hyndman and
Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., section 5.2). Where that
hour is a gap we take the same hour a week earlier still (up to a year back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import lightgbm as lgb
import numpy as np
import numpy.typing as npt

from smartborder.errors import ValidationFailed
from smartborder.operations.features import MAX_STEPS, WEEK, CalendarTable, feature_matrix
from smartborder.operations.history import HourlySeries

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MIN_HISTORY_HOURS = 4 * WEEK  # four weeks of known values before the start
NAIVE_WEEKS_BACK = 52


@dataclass(frozen=True, slots=True)
class ForecastSettings:
    """How the model is trained. The defaults are what ``bench/forecast.py`` measured."""

    rounds: int = 200
    learning_rate: float = 0.05
    leaves: int = 31
    min_rows_in_leaf: int = 50
    origin_every_hours: int = 12  # a training origin every 12 h of history
    steps_per_origin: int = 42  # of the 168 hours after each, a random quarter
    seed: int = 1
    # One thread: on a shared two-core machine LightGBM's OpenMP threads waiting on each
    # other made training seven times slower than a single thread.
    threads: int = 1


@dataclass(frozen=True)
class Forecast:
    """Hourly forecasts from ``start``, ours and the seasonal naive one."""

    start: datetime
    values: FloatArray
    naive: FloatArray

    @property
    def times(self) -> list[datetime]:
        return [self.start + timedelta(hours=i) for i in range(len(self.values))]


def seasonal_naive(known: FloatArray, origin: int, horizon: int) -> FloatArray:
    """The weekly seasonal naive forecast of hours ``origin .. origin+horizon-1``.

    ``known`` holds the series up to (not including) ``origin``; a gap in last week's
    value is filled from the same hour one, two... weeks earlier (NaN if none is known).
    """
    out = np.full(horizon, np.nan)
    targets = origin + np.arange(horizon)
    for k in range(1, NAIVE_WEEKS_BACK + 1):
        missing = np.isnan(out)
        if not missing.any():
            break
        source = targets[missing] - k * WEEK
        # only values before the origin: a target more than k weeks ahead needs k+1
        usable = (source >= 0) & (source < origin) & (source < known.size)
        values = np.full(source.shape, np.nan)
        values[usable] = known[source[usable]]
        out[missing] = values
    return out


class DelayForecaster:
    """Trains on a series and forecasts from any origin, never looking past the origin.

    Training pairs sit at fixed positions of the grid (every ``origin_every_hours`` from
    its start, steps drawn with a seed derived from the origin), so forecasting from an
    origin here or from a history cut at that origin gives the same model and numbers.
    """

    def __init__(self, series: HourlySeries, horizon: int, settings: ForecastSettings) -> None:
        if not 1 <= horizon <= MAX_STEPS:
            raise ValidationFailed(f"the horizon must be 1 to {MAX_STEPS} hours (got {horizon})")
        self.series = series
        self.horizon = horizon
        self.settings = settings
        grid = len(series) + horizon + WEEK
        self.values = np.concatenate([series.values, np.full(grid - len(series), np.nan)])
        self.calendar = CalendarTable.build(series.start, grid)
        origins, steps = self._training_pairs(len(series))
        self._origins = origins
        self._targets = origins + steps
        self._rows = feature_matrix(self.values, self.calendar, origins, steps)
        self._labels = _take(self.values, self._targets)

    def _training_pairs(self, end: int) -> tuple[IntArray, IntArray]:
        every = self.settings.origin_every_hours
        per = self.settings.steps_per_origin
        origin_list = np.arange(WEEK, end, every, dtype=np.int64)
        steps = np.empty((origin_list.size, per), dtype=np.int64)
        for i, origin in enumerate(origin_list.tolist()):
            rng = np.random.default_rng((self.settings.seed, origin))
            steps[i] = np.sort(rng.choice(MAX_STEPS, per, replace=False))
        return np.repeat(origin_list, per), steps.ravel()

    def forecast_at(self, origin: int) -> Forecast:
        """Forecast ``horizon`` hours from grid position ``origin`` (history before it)."""
        if origin < 0 or origin > len(self.series):
            raise ValidationFailed("the forecast start lies outside the history's grid")
        known = self.values[:origin]
        if np.count_nonzero(~np.isnan(known)) < MIN_HISTORY_HOURS:
            raise ValidationFailed(
                f"at least {MIN_HISTORY_HOURS} hours of history are needed before the start"
            )
        train = (self._targets < origin) & ~np.isnan(self._labels)
        params = {
            "objective": "regression",
            "learning_rate": self.settings.learning_rate,
            "num_leaves": self.settings.leaves,
            "min_data_in_leaf": self.settings.min_rows_in_leaf,
            "bagging_fraction": 0.8,
            "bagging_freq": 1,
            "feature_fraction": 0.8,
            "seed": self.settings.seed,
            "deterministic": True,
            "num_threads": self.settings.threads,
            "verbose": -1,
        }
        booster = lgb.train(
            params,
            lgb.Dataset(self._rows[train], self._labels[train]),
            num_boost_round=self.settings.rounds,
        )
        steps = np.arange(self.horizon, dtype=np.int64)
        origins = np.full(self.horizon, origin, dtype=np.int64)
        masked = np.concatenate([known, np.full(self.values.size - origin, np.nan)])
        rows = feature_matrix(masked, self.calendar, origins, steps)
        predicted = np.clip(np.asarray(booster.predict(rows), dtype=np.float64), 0.0, None)
        return Forecast(
            start=self.series.time_at(origin),
            values=predicted,
            naive=seasonal_naive(known, origin, self.horizon),
        )


def _take(values: FloatArray, index: IntArray) -> FloatArray:
    out = np.full(index.shape, np.nan)
    ok = (index >= 0) & (index < values.size)
    out[ok] = values[index[ok]]
    return out


def forecast(
    history: HourlySeries,
    start: datetime,
    horizon: int,
    settings: ForecastSettings | None = None,
) -> Forecast:
    """Forecast ``horizon`` hours from ``start`` using only the history before it."""
    known = history.before(start)
    origin = known.index_of(start)
    if origin < 0:
        raise ValidationFailed(
            f"--start {start:%Y-%m-%d %H:%M} is before the history begins "
            f"({history.start:%Y-%m-%d %H:%M})"
        )
    # A history that stops before the start leaves a gap up to it: pad with NaN.
    padded = HourlySeries(
        known.start,
        np.concatenate([known.values, np.full(origin - len(known), np.nan)]),
    )
    return DelayForecaster(padded, horizon, settings or ForecastSettings()).forecast_at(origin)
