"""Risk profiles and norms: what the past says about an importer, a declarant, an HS code.

Three kinds of table, each fitted on training declarations and saved with the model:

* ``ProfileTable``: per key (an importer, a declarant, an HS-6 code and origin...), the
  number of declarations, how many were found illicit, and the revenue they raised.
  These are the only tables that read labels, and they are read in two ways:
  ``prior_to`` gives each *training* declaration the counts of declarations with the same
  key on strictly earlier days (an expanding window, so a declaration's own label, and
  any label from its own day or later, never reaches its features); ``lookup`` gives a
  declaration being *scored* the counts over the whole training period.
* ``NormTable``: the median of an unlabelled quantity (log value per kilogram) per key,
  the "HS norm" a declared value is compared with.
* ``FirstSeen``: the first day a party (or a pairing of parties) was seen, for novelty.

Written with numpy rather than pandas group-bys: one sort per key and cumulative sums
make the expanding window over a million declarations take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from smartborder.errors import FormatError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TextArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class KeyColumn:
    """A column of keys as integer codes into its distinct values.

    Tables are fitted and looked up through the codes, and text is touched only once per
    distinct key: a million rows with thirty thousand importers cost thirty thousand
    string operations, not a million.
    """

    codes: IntArray
    uniques: TextArray

    @classmethod
    def of(cls, values: TextArray) -> KeyColumn:
        codes, uniques = pd.factorize(values, sort=False)
        return cls(codes.astype(np.int64), np.asarray(uniques, dtype=object))

    def derive(self, part: Callable[[str], str]) -> KeyColumn:
        """The key made by applying ``part`` to each key (an HS-6 code from a tariff line)."""
        parts = np.array([part(str(u)) for u in self.uniques], dtype=object)
        codes, uniques = pd.factorize(parts, sort=False)
        mapped = codes.astype(np.int64)[self.codes] if len(self.codes) else self.codes
        return KeyColumn(mapped, np.asarray(uniques, dtype=object))

    def pair(self, other: KeyColumn) -> KeyColumn:
        """The key made of this one and ``other`` (written ``a|b``)."""
        combined = self.codes * len(other.uniques) + other.codes
        codes, uniques = pd.factorize(combined, sort=False)
        left = self.uniques[uniques // len(other.uniques)]
        right = other.uniques[uniques % len(other.uniques)]
        text = np.array([f"{a}|{b}" for a, b in zip(left, right, strict=True)], dtype=object)
        return KeyColumn(codes.astype(np.int64), text)

    def __len__(self) -> int:
        return len(self.codes)


def _index_of(index: pd.Index, keys: KeyColumn) -> IntArray:
    """Position in ``index`` of each row's key, -1 where the key is not in it."""
    at_unique = np.asarray(index.get_indexer(pd.Index(keys.uniques, dtype=object)), dtype=np.int64)
    return at_unique[keys.codes] if len(keys.codes) else np.zeros(0, dtype=np.int64)


@dataclass
class ProfileTable:
    """Declarations, illicit findings and revenue per key, over the training period."""

    keys: pd.Index
    count: FloatArray
    illicit: FloatArray
    revenue: FloatArray

    @classmethod
    def fit(cls, keys: KeyColumn, illicit: FloatArray, revenue: FloatArray) -> ProfileTable:
        size = len(keys.uniques)
        return cls(
            keys=pd.Index(keys.uniques, dtype=object),
            count=np.bincount(keys.codes, minlength=size).astype(np.float64),
            illicit=np.bincount(keys.codes, weights=illicit, minlength=size).astype(np.float64),
            revenue=np.bincount(keys.codes, weights=revenue, minlength=size).astype(np.float64),
        )

    def lookup(self, keys: KeyColumn) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Totals for each key (zeros for a key never seen in training)."""
        at = _index_of(self.keys, keys)
        seen = at >= 0
        out = []
        for column in (self.count, self.illicit, self.revenue):
            values = np.zeros(len(keys))
            values[seen] = column[at[seen]]
            out.append(values)
        return out[0], out[1], out[2]

    def to_json(self) -> dict[str, Any]:
        return {
            "keys": [str(k) for k in self.keys],
            "count": self.count.astype(np.int64).tolist(),
            "illicit": self.illicit.astype(np.int64).tolist(),
            "revenue": self.revenue.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, where: str) -> ProfileTable:
        keys, count, illicit, revenue = _columns(data, ("count", "illicit", "revenue"), where)
        return cls(keys=keys, count=count, illicit=illicit, revenue=revenue)


def prior_to(
    keys: KeyColumn, day: IntArray, values: tuple[FloatArray, ...]
) -> tuple[FloatArray, tuple[FloatArray, ...]]:
    """For each row, the count and sums of ``values`` over rows with the same key on
    strictly earlier days.

    Rows are sorted by (key, day); a running sum taken at the first row of the row's
    (key, day) group, minus the running sum at the first row of its key, is exactly the
    total of the earlier days. Same-day rows never see each other.
    """
    n = len(keys)
    order = np.lexsort((day, keys.codes))
    k, d = keys.codes[order], day[order]
    positions = np.arange(n)
    new_key = np.ones(n, dtype=bool)
    new_key[1:] = k[1:] != k[:-1]
    new_group = new_key.copy()
    new_group[1:] |= d[1:] != d[:-1]
    key_start = np.maximum.accumulate(np.where(new_key, positions, 0))
    group_start = np.maximum.accumulate(np.where(new_group, positions, 0))
    count = np.empty(n)
    count[order] = group_start - key_start
    sums = []
    for value in values:
        running = np.concatenate(([0.0], np.cumsum(value[order])))
        prior = np.empty(n)
        prior[order] = running[group_start] - running[key_start]
        sums.append(prior)
    return count, tuple(sums)


@dataclass
class NormTable:
    """The median of an unlabelled quantity per key: the norm a declaration is held to."""

    keys: pd.Index
    median: FloatArray

    @classmethod
    def fit(cls, keys: KeyColumn, values: FloatArray) -> NormTable:
        medians = pd.Series(values).groupby(keys.codes, sort=True).median()
        return cls(
            keys=pd.Index(keys.uniques[medians.index.to_numpy()], dtype=object),
            median=np.asarray(medians.to_numpy(), dtype=np.float64),
        )

    def lookup(self, keys: KeyColumn) -> FloatArray:
        """The norm of each key; NaN (missing, to the model) for a key never seen."""
        at = _index_of(self.keys, keys)
        out = np.full(len(keys), np.nan)
        seen = at >= 0
        out[seen] = self.median[at[seen]]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "keys": [str(k) for k in self.keys],
            "median": self.median.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, where: str) -> NormTable:
        keys, median = _columns(data, ("median",), where)
        return cls(keys=keys, median=median)


@dataclass
class FirstSeen:
    """The first day each key appeared (an unlabelled fact: no finding is read)."""

    keys: pd.Index
    day: FloatArray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def fit(cls, keys: KeyColumn, day: IntArray) -> FirstSeen:
        first = pd.Series(day).groupby(keys.codes, sort=True).min()
        return cls(
            keys=pd.Index(keys.uniques[first.index.to_numpy()], dtype=object),
            day=first.to_numpy(dtype=np.float64),
        )

    def days_since(self, keys: KeyColumn, day: IntArray) -> FloatArray:
        """Days from first sight to ``day``; 0 for a key never seen before (a new party)."""
        at = _index_of(self.keys, keys)
        first = np.asarray(day, dtype=np.float64).copy()
        seen = at >= 0
        first[seen] = self.day[at[seen]]
        return np.maximum(day - first, 0.0)

    def to_json(self) -> dict[str, Any]:
        return {"keys": [str(k) for k in self.keys], "day": self.day.astype(np.int64).tolist()}

    @classmethod
    def from_json(cls, data: dict[str, Any], *, where: str) -> FirstSeen:
        keys, day = _columns(data, ("day",), where)
        return cls(keys=keys, day=day)


def _columns(data: dict[str, Any], names: tuple[str, ...], where: str) -> tuple[Any, ...]:
    """Keys and equal-length numeric columns of a saved table, or a FormatError."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise FormatError("a table needs a list of keys", where=where)
    keys = data["keys"]
    if not all(isinstance(k, str) for k in keys) or len(set(keys)) != len(keys):
        raise FormatError("table keys must be distinct strings", where=where)
    columns: list[FloatArray] = []
    for name in names:
        values = data.get(name)
        if not isinstance(values, list) or len(values) != len(keys):
            raise FormatError(f"column {name!r} must list one number per key", where=where)
        try:
            array = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise FormatError(f"column {name!r} holds a non-number", where=where) from None
        if not np.isfinite(array).all():
            raise FormatError(f"column {name!r} holds a non-finite number", where=where)
        columns.append(array)
    return (pd.Index(keys, dtype=object), *columns)
