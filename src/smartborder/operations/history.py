"""Hourly wait history: the ``timestamp,delay_minutes`` CSV read into a regular grid.

Timestamps are the port's local wall-clock time without an offset (``2019-07-01 14:00``),
because that is what drives traffic: the hour of day, the weekday, the holiday. Hours
missing from the file, or present with an empty value, become gaps (NaN); nothing is
interpolated here, the forecasting code decides what a gap means.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from smartborder.errors import FormatError

MAX_ROWS = 1_000_000  # over a century of hours
MAX_BYTES = 64 * 1024 * 1024
MAX_DELAY_MINUTES = 24 * 60
HEADER = ("timestamp", "delay_minutes")
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class HourlySeries:
    """Values on a regular hourly grid from ``start``; NaN marks an hour with no value."""

    start: datetime
    values: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.values)

    @property
    def end(self) -> datetime:
        """The hour after the last one."""
        return self.start + HOUR * len(self.values)

    def index_of(self, moment: datetime) -> int:
        """The position of ``moment`` on the grid (may be outside the series)."""
        hours = (moment - self.start) / HOUR
        if hours != int(hours):
            raise FormatError(f"{moment:%Y-%m-%d %H:%M} is not on a whole hour")
        return int(hours)

    def time_at(self, index: int) -> datetime:
        return self.start + HOUR * index

    def before(self, moment: datetime) -> HourlySeries:
        """Only the hours strictly before ``moment``: what a forecaster may know then."""
        cut = max(0, min(len(self.values), self.index_of(moment)))
        return HourlySeries(self.start, self.values[:cut].copy())

    def between(self, first: datetime, end: datetime) -> npt.NDArray[np.float64]:
        """Values for the hours from ``first`` up to (not including) ``end``, NaN outside."""
        a, b = self.index_of(first), self.index_of(end)
        out = np.full(max(0, b - a), np.nan)
        lo, hi = max(a, 0), min(b, len(self.values))
        if hi > lo:
            out[lo - a : hi - a] = self.values[lo:hi]
        return out


def parse_timestamp(text: str, *, where: str) -> datetime:
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FormatError(
            f"timestamp {value!r} is not 'YYYY-MM-DD HH:MM[:SS]'", where=where
        ) from None
    if moment.tzinfo is not None:
        raise FormatError(
            f"timestamp {value!r} has an offset; give the port's local time without one",
            where=where,
        )
    if moment.minute or moment.second or moment.microsecond:
        raise FormatError(f"timestamp {value!r} is not on a whole hour", where=where)
    return moment


def parse_history(text: str, *, source: str = "history") -> HourlySeries:
    """Read ``timestamp,delay_minutes`` rows; errors name the line and the problem."""
    if len(text) > MAX_BYTES:
        raise FormatError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB", where=source)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(
            "empty file; expected the header timestamp,delay_minutes", where=source
        ) from None
    except csv.Error as exc:
        raise FormatError(str(exc), where=f"{source}, line 1") from None
    if tuple(h.strip().lower() for h in header) != HEADER:
        raise FormatError(
            f"header is {','.join(header)!r}; expected 'timestamp,delay_minutes'",
            where=f"{source}, line 1",
        )
    moments: list[datetime] = []
    values: list[float] = []
    try:
        for row in reader:
            line = reader.line_num
            where = f"{source}, line {line}"
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != 2:
                raise FormatError(f"{len(row)} fields; expected 2", where=where)
            if len(moments) >= MAX_ROWS:
                raise FormatError(f"more than {MAX_ROWS:,} rows", where=where)
            moment = parse_timestamp(row[0], where=where)
            if moments and moment <= moments[-1]:
                problem = "repeats" if moment == moments[-1] else "comes before"
                raise FormatError(
                    f"{moment:%Y-%m-%d %H:%M} {problem} the previous row; rows must be in "
                    "time order, one per hour",
                    where=where,
                )
            values.append(_delay(row[1], where))
            moments.append(moment)
    except csv.Error as exc:
        raise FormatError(str(exc), where=f"{source}, line {reader.line_num}") from None
    if not moments:
        raise FormatError("no rows after the header", where=source)
    start = moments[0]
    span = int((moments[-1] - start) / HOUR) + 1
    if span > MAX_ROWS:
        raise FormatError(f"spans more than {MAX_ROWS:,} hours", where=source)
    grid = np.full(span, np.nan)
    positions = np.array([int((m - start) / HOUR) for m in moments])
    grid[positions] = values
    return HourlySeries(start, grid)


def _delay(text: str, where: str) -> float:
    value = text.strip()
    if not value:
        return math.nan
    try:
        minutes = float(value)
    except ValueError:
        raise FormatError(f"delay_minutes {value!r} is not a number", where=where) from None
    if not math.isfinite(minutes) or not 0 <= minutes <= MAX_DELAY_MINUTES:
        raise FormatError(f"delay_minutes {value!r} is outside 0..{MAX_DELAY_MINUTES}", where=where)
    return minutes


def format_series(first: datetime, values: npt.NDArray[np.float64]) -> str:
    """``timestamp,delay_minutes`` CSV text for hourly ``values`` from ``first``."""
    out = io.StringIO()
    out.write("timestamp,delay_minutes\n")
    for i, value in enumerate(values.tolist()):
        cell = "" if math.isnan(value) else f"{value:.2f}"
        out.write(f"{first + HOUR * i:%Y-%m-%d %H:%M:%S},{cell}\n")
    return out.getvalue()
