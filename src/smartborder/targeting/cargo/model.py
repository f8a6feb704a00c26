"""The cargo risk model: gradient-boosted trees on past examination outcomes.

Two LightGBM boosters share the features of ``features.py``, after DATE's dual task
(illicitness and revenue): a classifier estimates the probability that a declaration is
illicit, a regressor (trained on illicit declarations only) the revenue an examination
would raise if it is. A declaration's score ranks it for examination:
``p ** (1 - w) * (p * revenue) ** w`` with ``w = REVENUE_WEIGHT``, a geometric blend of
the chance of a find and the expected revenue of the exam.

Saved as one JSON document (never pickle): LightGBM's own text model for each booster,
the feature tables, a format version and a SHA-256 checksum over the rest, checked on
load before any of it is used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt

from smartborder import files
from smartborder.errors import FormatError, ValidationFailed
from smartborder.targeting.cargo.declarations import EPOCH, Declarations
from smartborder.targeting.cargo.features import (
    FeatureTables,
    feature_names,
    scoring_matrix,
    training_matrix,
)

FORMAT = "smartborder-cargo-risk-model"
VERSION = 1
MAX_MODEL_BYTES = 512 * 1024**2
REVENUE_WEIGHT = 0.25
MIN_TRAINING = 100
#: Share of compliant declarations the classifier trains on (every illicit one is kept).
#: Illicit declarations are a few percent; most compliant ones teach the trees little,
#: and sampling them makes training several times faster. The probability is corrected
#: for the sampling afterwards (odds times the share), so it stays a probability.
COMPLIANT_SAMPLE = 0.1

CLASSIFIER_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.12,
    "num_leaves": 31,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.7,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 127,
    "verbosity": -1,
    "seed": 7,
    "deterministic": True,
}
CLASSIFIER_ROUNDS = 120
REVENUE_PARAMS: dict[str, Any] = {
    "objective": "regression",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "max_bin": 127,
    "verbosity": -1,
    "seed": 7,
    "deterministic": True,
}
REVENUE_ROUNDS = 40


def _threads() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass
class CargoRiskModel:
    """A trained model: its boosters, the tables its features need, and what it was trained on."""

    classifier: lgb.Booster
    revenue: lgb.Booster
    tables: FeatureTables
    trained_on: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def train(cls, decls: Declarations) -> CargoRiskModel:
        """Fit the tables and both boosters on labelled declarations."""
        illicit, revenue = decls.labels()
        if len(decls) < MIN_TRAINING:
            raise ValidationFailed(f"training needs at least {MIN_TRAINING} declarations")
        found = int(illicit.sum())
        if found == 0 or found == len(decls):
            raise ValidationFailed("training needs both illicit and compliant declarations")
        tables = FeatureTables.fit(decls)
        matrix = training_matrix(decls, tables)
        names = list(feature_names())
        threads = {"num_threads": _threads()}
        sampled = (illicit == 1) | (
            np.random.default_rng(CLASSIFIER_PARAMS["seed"]).random(len(decls)) < COMPLIANT_SAMPLE
        )
        classifier = lgb.train(
            CLASSIFIER_PARAMS | threads,
            lgb.Dataset(matrix[sampled], label=illicit[sampled], feature_name=names),
            num_boost_round=CLASSIFIER_ROUNDS,
        )
        caught = illicit == 1
        regressor = lgb.train(
            REVENUE_PARAMS | threads,
            lgb.Dataset(matrix[caught], label=np.log1p(revenue[caught]), feature_name=names),
            num_boost_round=REVENUE_ROUNDS,
        )
        first, last = int(decls.day.min()), int(decls.day.max())
        return cls(
            classifier=classifier,
            revenue=regressor,
            tables=tables,
            trained_on={
                "declarations": len(decls),
                "illicit": found,
                "from": str(EPOCH + np.timedelta64(first, "D")),
                "to": str(EPOCH + np.timedelta64(last, "D")),
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )

    def predict(
        self, decls: Declarations
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The probability that each declaration is illicit and the revenue if it is."""
        if len(decls) == 0:
            return np.zeros(0), np.zeros(0)
        matrix = scoring_matrix(decls, self.tables)
        # Starting threads costs more than a trip's few lines take to score alone.
        threads = _threads() if len(decls) >= 1000 else 1
        sampled_p = np.asarray(
            self.classifier.predict(matrix, num_threads=threads), dtype=np.float64
        )
        # Undo the sampling of compliant declarations: true odds = sampled odds x share.
        odds = sampled_p / np.maximum(1.0 - sampled_p, 1e-12) * COMPLIANT_SAMPLE
        p = odds / (1.0 + odds)
        log_revenue = np.asarray(self.revenue.predict(matrix, num_threads=threads))
        return p, np.expm1(np.maximum(log_revenue, 0.0))

    def score(self, decls: Declarations) -> npt.NDArray[np.float64]:
        """Risk scores: higher means examine first. Labels in ``decls`` are never read."""
        return rank_score(*self.predict(decls.without_labels()))

    # -- safe persistence -------------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "features": list(feature_names()),
            "revenue_weight": REVENUE_WEIGHT,
            "trained_on": self.trained_on,
            "classifier": self.classifier.model_to_string(),
            "revenue_model": self.revenue.model_to_string(),
            "tables": self.tables.to_json(),
        }
        return body | {"sha256": _checksum(body)}

    def save(self, path: Path) -> None:
        """Write the model as JSON to ``path`` (via ``path.partial``, then renamed)."""
        tmp = path.with_name(path.name + ".partial")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(self.to_document(), fh, separators=(",", ":"))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> CargoRiskModel:
        """Read and verify a saved model; FormatError if it is not one of ours, intact."""
        text = files.read_text(path, limit=MAX_MODEL_BYTES, what="model file")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(f"model {path} is not JSON: {exc}") from None
        return cls.from_document(document)

    @classmethod
    def from_document(cls, document: Any) -> CargoRiskModel:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise FormatError(f"not a {FORMAT} document", where="format")
        if document.get("version") != VERSION:
            raise FormatError(
                f"model version {document.get('version')!r} is not supported "
                f"(this release reads version {VERSION})",
                where="version",
            )
        body = {k: v for k, v in document.items() if k != "sha256"}
        if document.get("sha256") != _checksum(body):
            raise FormatError(
                "checksum mismatch: the model was altered or truncated", where="sha256"
            )
        if document.get("features") != list(feature_names()):
            raise FormatError("the model was trained on other features", where="features")
        boosters = []
        for name in ("classifier", "revenue_model"):
            text = document.get(name)
            if not isinstance(text, str) or not text.startswith("tree"):
                raise FormatError("expected a LightGBM text model", where=name)
            try:
                boosters.append(lgb.Booster(model_str=text))
            except lgb.basic.LightGBMError as exc:
                raise FormatError(f"LightGBM cannot read it: {exc}", where=name) from None
        trained_on = document.get("trained_on")
        return cls(
            classifier=boosters[0],
            revenue=boosters[1],
            tables=FeatureTables.from_json(document.get("tables")),
            trained_on=trained_on if isinstance(trained_on, dict) else {},
        )


def rank_score(
    p: npt.NDArray[np.float64], revenue: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The ranking score of a probability and an expected revenue (see the module docstring)."""
    return np.asarray(p * np.power(revenue + 1.0, REVENUE_WEIGHT), dtype=np.float64)


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
