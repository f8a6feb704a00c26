"""The features of the cargo risk model, computed without leaking the label.

Each declaration is described by:

* what it declares: value, weight, quantity, taxes and their ratios, the HS chapter;
* how it compares with the norm for its HS-6 code (and HS-6 and origin): log value per
  kilogram and per unit minus the training median, tax rate minus the HS median;
* risk profiles of its importer, declarant, HS-6 code, origin, office and of the pairings
  (HS-6 x origin, importer x declarant, declarant x HS chapter): the smoothed share of
  earlier declarations found illicit, how many there were, and the revenue they raised;
* novelty: days since the importer, the declarant and the pairing were first seen.

Only the risk profiles read labels. For training rows they are computed with
``profiles.prior_to`` (strictly earlier days only); for scoring, from the whole training
period (``FeatureTables``). The ``illicit`` and ``revenue`` of the row itself never
reach its features, which ``tests/unit/targeting/cargo/test_features.py`` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from smartborder.errors import FormatError
from smartborder.targeting.cargo.declarations import Declarations
from smartborder.targeting.cargo.profiles import (
    FirstSeen,
    FloatArray,
    KeyColumn,
    NormTable,
    ProfileTable,
    prior_to,
)

#: Profiles (keys whose past findings are counted). Those in REVENUE_PROFILES also
#: carry the revenue their earlier declarations raised.
PROFILES = (
    "importer",
    "declarant",
    "hs6",
    "country",
    "office",
    "hs6_country",
    "importer_declarant",
    "declarant_hs2",
)
REVENUE_PROFILES = ("importer", "declarant", "importer_declarant")
NORMS = ("hs6_kg", "hs6_country_kg", "hs6_unit", "hs6_tax")
FIRST_SEEN = ("importer", "declarant", "importer_declarant")

SMOOTHING = 20.0  # pseudo-declarations at the prior rate: a party seen twice is not 50% risky

BASE_FEATURES = (
    "log_cif",
    "log_weight",
    "log_quantity",
    "log_taxes",
    "tax_ratio",
    "fob_cif_ratio",
    "log_value_per_kg",
    "log_value_per_unit",
    "hs_chapter",
    "kg_value_vs_hs6",
    "kg_value_vs_hs6_origin",
    "unit_value_vs_hs6",
    "tax_ratio_vs_hs6",
)


def feature_names() -> tuple[str, ...]:
    names = list(BASE_FEATURES)
    for profile in PROFILES:
        names += [f"{profile}_risk", f"{profile}_history"]
        if profile in REVENUE_PROFILES:
            names.append(f"{profile}_revenue")
    names += [f"{key}_days_known" for key in FIRST_SEEN]
    return tuple(names)


@dataclass(frozen=True)
class _Derived:
    """What a declaration's keys and ratios are, computed once per batch."""

    keys: dict[str, KeyColumn]
    hs_chapter: FloatArray
    log_kg: FloatArray
    log_unit: FloatArray
    tax_ratio: FloatArray


def _derive(decls: Declarations) -> _Derived:
    tariff = KeyColumn.of(decls.tariff)
    hs6 = tariff.derive(lambda code: code[:6])
    hs2 = hs6.derive(lambda code: code[:2])
    importer = KeyColumn.of(decls.importer)
    declarant = KeyColumn.of(decls.declarant)
    country = KeyColumn.of(decls.country)
    keys = {
        "importer": importer,
        "declarant": declarant,
        "hs6": hs6,
        "country": country,
        "office": KeyColumn.of(decls.office),
        "hs6_country": hs6.pair(country),
        "importer_declarant": importer.pair(declarant),
        "declarant_hs2": declarant.pair(hs2),
    }
    chapters = pd.to_numeric(pd.Series(hs2.uniques), errors="coerce").to_numpy(np.float64)
    return _Derived(
        keys=keys,
        hs_chapter=chapters[hs2.codes] if len(decls) else np.zeros(0),
        log_kg=np.log1p(decls.cif) - np.log1p(decls.weight),
        log_unit=np.log1p(decls.cif) - np.log1p(decls.quantity),
        tax_ratio=decls.taxes / np.maximum(decls.cif, 1.0),
    )


@dataclass
class FeatureTables:
    """Everything the features need from the training period, saved with the model."""

    prior_rate: float
    profiles: dict[str, ProfileTable]
    norms: dict[str, NormTable]
    first_seen: dict[str, FirstSeen]

    @classmethod
    def fit(cls, decls: Declarations) -> FeatureTables:
        illicit, revenue = decls.labels()
        flags = illicit.astype(np.float64)
        derived = _derive(decls)
        return cls(
            prior_rate=float(flags.mean()) if len(flags) else 0.0,
            profiles={
                name: ProfileTable.fit(derived.keys[name], flags, revenue) for name in PROFILES
            },
            norms=_fit_norms(derived),
            first_seen={name: FirstSeen.fit(derived.keys[name], decls.day) for name in FIRST_SEEN},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "prior_rate": self.prior_rate,
            "profiles": {name: table.to_json() for name, table in self.profiles.items()},
            "norms": {name: table.to_json() for name, table in self.norms.items()},
            "first_seen": {name: table.to_json() for name, table in self.first_seen.items()},
        }

    @classmethod
    def from_json(cls, data: Any) -> FeatureTables:
        if not isinstance(data, dict):
            raise FormatError("the feature tables must be an object", where="tables")
        rate = data.get("prior_rate")
        if not isinstance(rate, float | int) or not 0 <= rate <= 1:
            raise FormatError("prior_rate must be a number in [0, 1]", where="tables")

        def section(name: str, names: tuple[str, ...]) -> dict[str, Any]:
            value = data.get(name)
            if not isinstance(value, dict) or set(value) != set(names):
                raise FormatError(f"expected tables {', '.join(names)}", where=f"tables.{name}")
            return value

        profiles = section("profiles", PROFILES)
        norms = section("norms", NORMS)
        first = section("first_seen", FIRST_SEEN)
        return cls(
            prior_rate=float(rate),
            profiles={
                n: ProfileTable.from_json(profiles[n], where=f"tables.profiles.{n}")
                for n in PROFILES
            },
            norms={n: NormTable.from_json(norms[n], where=f"tables.norms.{n}") for n in NORMS},
            first_seen={
                n: FirstSeen.from_json(first[n], where=f"tables.first_seen.{n}") for n in FIRST_SEEN
            },
        )


def _fit_norms(derived: _Derived) -> dict[str, NormTable]:
    keys = derived.keys
    return {
        "hs6_kg": NormTable.fit(keys["hs6"], derived.log_kg),
        "hs6_country_kg": NormTable.fit(keys["hs6_country"], derived.log_kg),
        "hs6_unit": NormTable.fit(keys["hs6"], derived.log_unit),
        "hs6_tax": NormTable.fit(keys["hs6"], derived.tax_ratio),
    }


Stats = tuple[FloatArray, FloatArray, FloatArray]  # count, illicit, revenue per row


def training_matrix(decls: Declarations, tables: FeatureTables) -> npt.NDArray[np.float32]:
    """Features of training declarations: profiles from strictly earlier days only."""
    illicit, revenue = decls.labels()
    flags = illicit.astype(np.float64)
    derived = _derive(decls)
    everyone = KeyColumn(np.zeros(len(decls), dtype=np.int64), np.array(["*"], dtype=object))
    seen, (found,) = prior_to(everyone, decls.day, (flags,))
    prior = (found + 0.5) / (seen + 10.0)  # the base rate as known on that day
    stats: dict[str, Stats] = {}
    for name in PROFILES:
        count, (bad, raised) = prior_to(derived.keys[name], decls.day, (flags, revenue))
        stats[name] = (count, bad, raised)
    return _assemble(decls, derived, stats, prior, tables)


def scoring_matrix(decls: Declarations, tables: FeatureTables) -> npt.NDArray[np.float32]:
    """Features of declarations to score: profiles over the whole training period."""
    derived = _derive(decls)
    stats = {name: tables.profiles[name].lookup(derived.keys[name]) for name in PROFILES}
    prior = np.full(len(decls), tables.prior_rate)
    return _assemble(decls, derived, stats, prior, tables)


def _assemble(
    decls: Declarations,
    derived: _Derived,
    stats: dict[str, Stats],
    prior: FloatArray,
    tables: FeatureTables,
) -> npt.NDArray[np.float32]:
    keys = derived.keys
    norms = tables.norms
    columns: list[FloatArray] = [
        np.log1p(decls.cif),
        np.log1p(decls.weight),
        np.log1p(decls.quantity),
        np.log1p(decls.taxes),
        derived.tax_ratio,
        decls.fob / np.maximum(decls.cif, 1.0),
        derived.log_kg,
        derived.log_unit,
        derived.hs_chapter,
        derived.log_kg - norms["hs6_kg"].lookup(keys["hs6"]),
        derived.log_kg - norms["hs6_country_kg"].lookup(keys["hs6_country"]),
        derived.log_unit - norms["hs6_unit"].lookup(keys["hs6"]),
        derived.tax_ratio - norms["hs6_tax"].lookup(keys["hs6"]),
    ]
    for name in PROFILES:
        count, bad, raised = stats[name]
        columns.append((bad + SMOOTHING * prior) / (count + SMOOTHING))
        columns.append(np.log1p(count))
        if name in REVENUE_PROFILES:
            columns.append(np.log1p(raised / (count + SMOOTHING)))
    for name in FIRST_SEEN:
        columns.append(tables.first_seen[name].days_since(keys[name], decls.day))
    return np.column_stack(columns).astype(np.float32)
