"""The hourly history CSV: gaps kept as NaN, every mistake named by line."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pytest

from smartborder.errors import FormatError
from smartborder.operations.history import format_series, parse_history

GOOD = """timestamp,delay_minutes
2019-01-01 00:00:00,1.5
2019-01-01 01:00:00,
2019-01-01 03:00,4
"""


def test_gaps_become_nan_on_a_regular_grid() -> None:
    series = parse_history(GOOD)
    assert series.start == datetime(2019, 1, 1)
    assert len(series) == 4
    assert series.values[0] == 1.5 and series.values[3] == 4
    assert math.isnan(series.values[1]) and math.isnan(series.values[2])
    assert len(series.before(datetime(2019, 1, 1, 2))) == 2
    window = series.between(datetime(2018, 12, 31, 23), datetime(2019, 1, 1, 2))
    assert math.isnan(window[0]) and window[1] == 1.5


def test_written_series_reads_back() -> None:
    values = np.array([0.0, 2.25, np.nan])
    again = parse_history(format_series(datetime(2020, 5, 1, 22), values))
    np.testing.assert_array_equal(again.values, values)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("time,delay\n", "line 1"),
        ("timestamp,delay_minutes\n2019-01-01 00:00,1\n2019-01-01 00:00,2\n", "line 3.*repeats"),
        ("timestamp,delay_minutes\n2019-01-01 05:00,1\n2019-01-01 04:00,2\n", "comes before"),
        ("timestamp,delay_minutes\n2019-01-01 00:30,1\n", "whole hour"),
        ("timestamp,delay_minutes\n2019-01-01T00:00+00:00,1\n", "offset"),
        ("timestamp,delay_minutes\nyesterday,1\n", "line 2.*YYYY-MM-DD"),
        ("timestamp,delay_minutes\n2019-01-01 00:00,-3\n", "outside"),
        ("timestamp,delay_minutes\n2019-01-01 00:00,nan\n", "outside"),
        ("timestamp,delay_minutes\n2019-01-01 00:00,1,2\n", "3 fields"),
        ("timestamp,delay_minutes\n", "no rows"),
    ],
)
def test_mistakes_are_named_by_line(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_history(text, source="h.csv")
