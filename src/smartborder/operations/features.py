"""What the delay forecaster sees for one (forecast origin, target hour) pair.

A row describes target hour ``t = o + h`` seen from origin ``o`` (``h`` from 0 to 167):

- calendar of ``t``: hour of day, weekday, day of year, Canadian and U.S. holidays (the
  day itself, its eve and its morrow, a long weekend, days until the next one);
- the same hour of week 1 to 4 weeks before ``t`` and their mean and median, and a year
  before (52 weeks, and the mean of 51 to 53): all strictly before ``o`` because ``h``
  is under a week;
- the state at the origin: the last hour's delay, the means of the last day, week and
  four weeks, the last week against the four and against the same week a year before
  (level shifts), and the same hour of day on the last day before ``o``.

No feature reads a value at or after the origin (``tests/unit/operations`` checks this by
changing every such value and comparing). NaN stands for a gap; the trees route it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt

from smartborder.operations.calendar import HolidayCalendar

WEEK = 168
YEAR_WEEKS = 52
MAX_STEPS = WEEK  # a row's target may be at most a week after its origin

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

NAMES = (
    "step",
    "hour",
    "weekday",
    "day_of_year",
    "hour_of_week",
    "ca_holiday",
    "us_holiday",
    "ca_holiday_tomorrow",
    "ca_holiday_yesterday",
    "us_holiday_tomorrow",
    "us_holiday_yesterday",
    "long_weekend",
    "days_to_ca_holiday",
    "days_to_us_holiday",
    "week_1",
    "week_2",
    "week_3",
    "week_4",
    "weeks_mean",
    "weeks_median",
    "year_ago",
    "year_ago_mean",
    "last_hour",
    "mean_day",
    "mean_week",
    "mean_4_weeks",
    "week_vs_4_weeks",
    "week_vs_year_ago",
    "same_hour_last_day",
)


@dataclass(frozen=True)
class CalendarTable:
    """Calendar columns for every hour of a grid starting at ``start`` (local time)."""

    start: datetime
    columns: dict[str, FloatArray]

    @classmethod
    def build(cls, start: datetime, hours: int) -> CalendarTable:
        first = start.date()
        days = (start + timedelta(hours=hours)).date().toordinal() - first.toordinal() + 1
        calendar = HolidayCalendar(first.year, (first + timedelta(days=days)).year)
        dates = [first + timedelta(days=k) for k in range(days)]

        def daily(test: object) -> FloatArray:
            return np.array([float(test(d)) for d in dates])  # type: ignore[operator]

        def shifted(d: date, k: int, canadian: bool) -> bool:
            other = d + timedelta(days=k)
            return calendar.canadian(other) if canadian else calendar.american(other)

        per_day = {
            "weekday": daily(lambda d: d.weekday()),
            "day_of_year": daily(lambda d: d.timetuple().tm_yday),
            "ca_holiday": daily(calendar.canadian),
            "us_holiday": daily(calendar.american),
            "ca_holiday_tomorrow": daily(lambda d: shifted(d, 1, True)),
            "ca_holiday_yesterday": daily(lambda d: shifted(d, -1, True)),
            "us_holiday_tomorrow": daily(lambda d: shifted(d, 1, False)),
            "us_holiday_yesterday": daily(lambda d: shifted(d, -1, False)),
            "long_weekend": daily(calendar.long_weekend),
            "days_to_ca_holiday": daily(lambda d: calendar.days_to_next(d, canadian=True)),
            "days_to_us_holiday": daily(lambda d: calendar.days_to_next(d, canadian=False)),
        }
        offset = start.hour + np.arange(hours)
        day_index = offset // 24
        columns = {name: values[day_index] for name, values in per_day.items()}
        columns["hour"] = (offset % 24).astype(np.float64)
        columns["hour_of_week"] = columns["weekday"] * 24 + columns["hour"]
        return cls(start, columns)


def _take(values: FloatArray, index: IntArray) -> FloatArray:
    out = np.full(index.shape, np.nan)
    ok = (index >= 0) & (index < values.size)
    out[ok] = values[index[ok]]
    return out


class _Windows:
    """Means of any hour range of a series with gaps, in O(1) each (prefix sums)."""

    def __init__(self, values: FloatArray) -> None:
        known = ~np.isnan(values)
        self.sums = np.concatenate([[0.0], np.cumsum(np.where(known, values, 0.0))])
        self.counts = np.concatenate([[0], np.cumsum(known)])

    def mean(self, begin: IntArray, end: IntArray) -> FloatArray:
        top = self.sums.size - 1
        b = np.clip(begin, 0, top)
        e = np.clip(end, 0, top)
        n = self.counts[e] - self.counts[b]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n > 0, (self.sums[e] - self.sums[b]) / np.maximum(n, 1), np.nan)


def _nan_mean(stack: FloatArray) -> FloatArray:
    known = ~np.isnan(stack)
    n = known.sum(axis=0)
    total = np.where(known, stack, 0.0).sum(axis=0)
    return np.where(n > 0, total / np.maximum(n, 1), np.nan)


def _nan_median(stack: FloatArray) -> FloatArray:
    # np.nanmedian warns on all-NaN columns; sorting puts NaN last, so pick by count.
    ordered = np.sort(stack, axis=0)
    n = (~np.isnan(stack)).sum(axis=0)
    cols = np.arange(stack.shape[1])
    lo = ordered[np.maximum((n - 1) // 2, 0), cols]
    hi = ordered[np.maximum(n // 2, 0), cols]
    return np.where(n > 0, (lo + hi) / 2, np.nan)


def feature_matrix(
    values: FloatArray,
    calendar: CalendarTable,
    origins: IntArray,
    steps: IntArray,
) -> FloatArray:
    """One row per (origin, step) pair, columns in ``NAMES`` order.

    ``values`` is the series on the calendar's grid (NaN for gaps and for the future);
    only values before each row's origin are read.
    """
    if steps.size and (steps.min() < 0 or steps.max() >= MAX_STEPS):
        raise ValueError("steps must be 0..167: a target at most a week after its origin")
    targets = origins + steps
    windows = _Windows(values)
    weeks = np.vstack([_take(values, targets - k * WEEK) for k in (1, 2, 3, 4)])
    year = np.vstack([_take(values, targets - k * WEEK) for k in (51, 52, 53)])
    mean_week = windows.mean(origins - WEEK, origins)
    mean_4_weeks = windows.mean(origins - 4 * WEEK, origins)
    week_year_ago = windows.mean(origins - WEEK - YEAR_WEEKS * WEEK, origins - YEAR_WEEKS * WEEK)
    columns: dict[str, FloatArray] = {
        "step": steps.astype(np.float64),
        "week_1": weeks[0],
        "week_2": weeks[1],
        "week_3": weeks[2],
        "week_4": weeks[3],
        "weeks_mean": _nan_mean(weeks),
        "weeks_median": _nan_median(weeks),
        "year_ago": year[1],
        "year_ago_mean": _nan_mean(year),
        "last_hour": _take(values, origins - 1),
        "mean_day": windows.mean(origins - 24, origins),
        "mean_week": mean_week,
        "mean_4_weeks": mean_4_weeks,
        "week_vs_4_weeks": mean_week / (mean_4_weeks + 0.5),
        "week_vs_year_ago": mean_week / (week_year_ago + 0.5),
        "same_hour_last_day": _take(values, targets - 24 * (steps // 24 + 1)),
    }
    clipped = np.clip(targets, 0, len(calendar.columns["hour"]) - 1)
    for name, column in calendar.columns.items():
        columns[name] = column[clipped]
    return np.column_stack([columns[name] for name in NAMES])
