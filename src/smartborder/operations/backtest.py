"""Rolling-origin backtests: forecast from each origin in turn, score against what happened.

At each origin the model is trained again on the history before it alone, as it would
have been on that day. Errors are pooled over every hour scored (the RMSE of all weeks'
hours together, not a mean of weekly RMSEs); an hour is scored when its actual value is
known and the seasonal naive forecast has one (so both forecasts face the same hours).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt

from smartborder.errors import ValidationFailed
from smartborder.operations.forecasting import DelayForecaster, Forecast, ForecastSettings
from smartborder.operations.history import HourlySeries

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Scores:
    mae: float
    rmse: float

    @classmethod
    def of(cls, errors: FloatArray) -> Scores:
        if errors.size == 0:
            return cls(math.nan, math.nan)
        return cls(float(np.mean(np.abs(errors))), float(np.sqrt(np.mean(errors**2))))


@dataclass(frozen=True, slots=True)
class OriginResult:
    origin: datetime
    hours: int
    ours: Scores
    naive: Scores


@dataclass(frozen=True)
class BacktestResult:
    horizon: int
    origins: list[OriginResult] = field(default_factory=list)
    ours: Scores = Scores(math.nan, math.nan)
    naive: Scores = Scores(math.nan, math.nan)
    hours: int = 0
    forecasts: list[tuple[Forecast, FloatArray]] = field(default_factory=list, repr=False)

    @property
    def improvement(self) -> float:
        """How much lower our RMSE is than the naive one's, as a share of it."""
        return 1.0 - self.ours.rmse / self.naive.rmse if self.naive.rmse else math.nan

    @property
    def weeks_won(self) -> int:
        return sum(1 for o in self.origins if o.ours.rmse < o.naive.rmse)


def origins_between(
    series: HourlySeries, first: date, last: date, horizon: int, every_hours: int = 168
) -> list[datetime]:
    """Origins at midnight of ``first`` and every ``every_hours`` after it, whose whole
    horizon ends by the end of ``last`` and within the series."""
    if last < first:
        raise ValidationFailed("--to is before --from")
    if every_hours < 1:
        raise ValidationFailed("origins must be at least an hour apart")
    stop = min(datetime.combine(last + timedelta(days=1), time()), series.end)
    moments = []
    moment = datetime.combine(first, time())
    while moment + timedelta(hours=horizon) <= stop:
        moments.append(moment)
        moment += timedelta(hours=every_hours)
    return moments


def backtest(
    series: HourlySeries,
    first: date,
    last: date,
    horizon: int,
    *,
    every_hours: int = 168,
    settings: ForecastSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BacktestResult:
    """Forecast from each origin between ``first`` and ``last`` and score both forecasts."""
    moments = origins_between(series, first, last, horizon, every_hours)
    if not moments:
        raise ValidationFailed(
            "no origin between --from and --to leaves a whole horizon inside the history"
        )
    forecaster = DelayForecaster(series, horizon, settings or ForecastSettings())
    ours_errors, naive_errors = [], []
    results, forecasts = [], []
    for n, moment in enumerate(moments):
        origin = series.index_of(moment)
        made = forecaster.forecast_at(origin)
        actual = series.values[origin : origin + horizon]
        scored = ~np.isnan(actual) & ~np.isnan(made.naive)
        ours = made.values[scored] - actual[scored]
        naive = made.naive[scored] - actual[scored]
        ours_errors.append(ours)
        naive_errors.append(naive)
        results.append(OriginResult(moment, int(scored.sum()), Scores.of(ours), Scores.of(naive)))
        forecasts.append((made, actual))
        if progress:
            progress(n + 1, len(moments))
    all_ours = np.concatenate(ours_errors)
    all_naive = np.concatenate(naive_errors)
    return BacktestResult(
        horizon=horizon,
        origins=results,
        ours=Scores.of(all_ours),
        naive=Scores.of(all_naive),
        hours=int(all_ours.size),
        forecasts=forecasts,
    )
