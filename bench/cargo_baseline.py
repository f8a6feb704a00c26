"""The DATE paper's XGBoost baseline, given its best fair run.

DATE (Kim et al., KDD 2020) compares its model with XGBoost on the declaration and on the
risk profiles its preprocessing adds. We give the baseline the same inputs, all fitted on
training rows only and applied unchanged to the rows it scores:

* the raw declaration (quantity, weight, FOB, CIF, taxes), DATE's per-row ratios (unit
  price, value per kg, tax ratio, FOB/CIF, tax per unit), the tariff code and its HS-6/4/2
  prefixes as numbers, day, week and month of the year;
* importer, declarant, country and office as integer codes: one encoding, fitted on the
  training rows in date order, so a code means the same party at test time; a party never
  seen in training gets one dedicated code past the last;
* DATE's risk profiles: for each of its keys (importer, declarant, HS-6 x origin, tariff
  code, quantity, HS-6/4/2, office and its pairings with importer, HS-6 and country, and
  the origin country), the flag "among the top 10% of values by illicit count /
  (count + 10)", as DATE's ``find_risk_profile(option="topk")`` computes it, and the
  smoothed offence rate itself ((illicit + 10 x base rate) / (count + 10)).

A profile computed on the rows it describes would hand each training row its own label,
so the training rows' profiles are out of fold (5 folds: each fold's from the other four);
the rows scored get the profiles of the whole training period.

Tuned as its authors would tune it: the last 30 training days are a validation split
(DATE holds out the month before its test period); each depth in ``DEPTHS`` is trained
with early stopping on it, the depth with the best precision at 5% on the validation rows
is kept, and the baseline is then refitted on every training row with that depth and the
number of trees early stopping chose.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import xgboost as xgb

from smartborder.targeting import metrics
from smartborder.targeting.cargo.declarations import Declarations

CODED = ("importer", "declarant", "country", "office")
#: DATE's profile candidates (its preprocess_data.py), plus the origin country
PROFILE_KEYS = (
    "importer",
    "declarant",
    "hs6_country",
    "tariff",
    "quantity",
    "hs6",
    "hs4",
    "hs2",
    "office",
    "country",
    "office_importer",
    "office_hs6",
    "office_country",
)
ADJ = 10.0  # DATE's pseudo-count in the smoothed mean
TOP_SHARE = 0.1  # DATE flags the top 10% of each key's values
FOLDS = 5
DEPTHS = (4, 6, 8)
VALIDATION_DAYS = 30
PARAMS = {
    "objective": "binary:logistic",
    "eval_metric": "aucpr",
    "eta": 0.1,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "min_child_weight": 5,
    "tree_method": "hist",
    "nthread": os.cpu_count() or 1,
}
MAX_ROUNDS, PATIENCE = 1000, 50

FloatMatrix = npt.NDArray[np.float64]


def _keys(d: Declarations) -> pd.DataFrame:
    tariff = pd.Series(d.tariff, dtype=object).astype(str)
    frame = pd.DataFrame(
        {
            "importer": d.importer,
            "declarant": d.declarant,
            "country": d.country,
            "office": d.office,
            "tariff": tariff,
            "quantity": d.quantity,
            "hs6": tariff.str[:6],
            "hs4": tariff.str[:4],
            "hs2": tariff.str[:2],
        }
    )
    frame["hs6_country"] = frame["hs6"] + "&" + frame["country"]
    frame["office_importer"] = frame["office"] + "&" + frame["importer"]
    frame["office_hs6"] = frame["office"] + "&" + frame["hs6"]
    frame["office_country"] = frame["office"] + "&" + frame["country"]
    return frame


def _declared(d: Declarations) -> list[npt.NDArray[np.float64]]:
    tariff = pd.to_numeric(pd.Series(d.tariff), errors="coerce").to_numpy(np.float64)
    when = pd.to_datetime(d.day, unit="D")
    day_of_year = when.day_of_year.to_numpy(np.float64)
    return [
        d.quantity,
        d.weight,
        d.fob,
        d.cif,
        d.taxes,
        d.cif / np.maximum(d.quantity, 1),
        d.cif / np.maximum(d.weight, 1),
        d.taxes / np.maximum(d.cif, 1),
        d.fob / np.maximum(d.cif, 1),
        d.taxes / np.maximum(d.quantity, 1),
        tariff,
        tariff // 10_000,
        tariff // 1_000_000,
        tariff // 100_000_000,
        day_of_year,
        day_of_year // 7,
        when.month.to_numpy(np.float64),
    ]


@dataclass(frozen=True)
class _Profiles:
    """Per key: the smoothed offence rate of each value and DATE's top-10% flag."""

    base_rate: float
    rate: dict[str, pd.Series]
    flagged: dict[str, pd.Index]

    @classmethod
    def fit(cls, keys: pd.DataFrame, illicit: npt.NDArray[np.int8]) -> _Profiles:
        y = pd.Series(illicit.astype(np.float64), index=keys.index)
        base = float(y.mean())
        rate, flagged = {}, {}
        for key in PROFILE_KEYS:
            grouped = y.groupby(keys[key].to_numpy())
            bad, count = grouped.sum(), grouped.count()
            rate[key] = (bad + ADJ * base) / (count + ADJ)
            date_score = bad / (count + ADJ)  # DATE ranks by this, shrunk towards 0
            top = int(TOP_SHARE * len(date_score)) + 1
            flagged[key] = date_score.sort_values(ascending=False, kind="stable").index[:top]
        return cls(base, rate, flagged)

    def columns(self, keys: pd.DataFrame) -> list[npt.NDArray[np.float64]]:
        out = []
        for key in PROFILE_KEYS:
            values = keys[key]
            out.append(values.map(self.rate[key]).fillna(self.base_rate).to_numpy(np.float64))
            out.append(values.isin(self.flagged[key]).to_numpy(np.float64))
        return out


@dataclass(frozen=True)
class BaselineFeatures:
    """The baseline's inputs, fitted on training rows, applied unchanged to others."""

    codes: dict[str, pd.Index]
    profiles: _Profiles

    @classmethod
    def fit(cls, train: Declarations) -> BaselineFeatures:
        keys = _keys(train)
        illicit, _ = train.labels()
        # Date order, so that a code also says how early the party was first seen
        codes = {col: pd.Index(pd.unique(keys[col].to_numpy())) for col in CODED}
        return cls(codes, _Profiles.fit(keys, illicit))

    def _coded(self, keys: pd.DataFrame) -> list[npt.NDArray[np.float64]]:
        out = []
        for col in CODED:
            index = self.codes[col]
            code = index.get_indexer(keys[col].to_numpy()).astype(np.float64)
            code[code < 0] = len(index)  # every unseen party: one code past the last
            out.append(code)
        return out

    def matrix(self, d: Declarations) -> FloatMatrix:
        """Features of rows the baseline was not fitted on."""
        keys = _keys(d)
        return np.column_stack(_declared(d) + self._coded(keys) + self.profiles.columns(keys))

    def training_matrix(self, train: Declarations, seed: int) -> FloatMatrix:
        """Features of the training rows themselves: profiles out of fold."""
        keys = _keys(train)
        illicit, _ = train.labels()
        fold = np.random.default_rng(seed).integers(0, FOLDS, size=len(train))
        n_profile = 2 * len(PROFILE_KEYS)
        profiled = np.empty((len(train), n_profile))
        for k in range(FOLDS):
            inside = fold == k
            fitted = _Profiles.fit(keys[~inside], illicit[~inside])
            profiled[inside] = np.column_stack(fitted.columns(keys[inside]))
        fixed = np.column_stack(_declared(train) + self._coded(keys))
        return np.column_stack([fixed, profiled])


@dataclass(frozen=True)
class TunedBaseline:
    booster: xgb.Booster
    features: BaselineFeatures
    depth: int
    rounds: int
    validation: dict[int, tuple[int, float]]  # depth -> (trees kept, precision@5%)
    seconds: float

    def score(self, d: Declarations) -> npt.NDArray[np.float32]:
        return self.booster.predict(xgb.DMatrix(self.features.matrix(d)))


def train_baseline(train: Declarations, seed: int) -> TunedBaseline:
    """Pick depth and tree count on the last training month, then refit on all training."""
    started = time.perf_counter()
    cut = int(train.day.max()) + 1 - VALIDATION_DAYS
    fit_part, held = train.take(train.day < cut), train.take(train.day >= cut)
    y_fit, _ = fit_part.labels()
    y_held, r_held = held.labels()
    on_fit = BaselineFeatures.fit(fit_part)
    d_fit = xgb.DMatrix(on_fit.training_matrix(fit_part, seed), label=y_fit)
    d_held = xgb.DMatrix(on_fit.matrix(held), label=y_held)
    validation: dict[int, tuple[int, float]] = {}
    for depth in DEPTHS:
        booster = xgb.train(
            {**PARAMS, "max_depth": depth, "seed": seed},
            d_fit,
            num_boost_round=MAX_ROUNDS,
            evals=[(d_held, "validation")],
            early_stopping_rounds=PATIENCE,
            verbose_eval=False,
        )
        rounds = booster.best_iteration + 1
        scores = booster.predict(d_held, iteration_range=(0, rounds))
        at5 = next(m for m in metrics.at_rates(scores, y_held, r_held) if m.rate == 5)
        validation[depth] = (rounds, at5.precision)
    depth = max(validation, key=lambda k: validation[k][1])
    rounds = validation[depth][0]
    y_train, _ = train.labels()
    features = BaselineFeatures.fit(train)
    booster = xgb.train(
        {**PARAMS, "max_depth": depth, "seed": seed},
        xgb.DMatrix(features.training_matrix(train, seed), label=y_train),
        num_boost_round=rounds,
    )
    return TunedBaseline(
        booster, features, depth, rounds, validation, time.perf_counter() - started
    )
