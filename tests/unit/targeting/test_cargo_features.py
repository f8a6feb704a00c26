"""No label ever reaches a feature: the expanding window and the scoring tables."""

from __future__ import annotations

import dataclasses

import numpy as np

from smartborder.targeting.cargo.features import (
    FeatureTables,
    feature_names,
    scoring_matrix,
    training_matrix,
)
from smartborder.targeting.cargo.profiles import KeyColumn, prior_to
from tests.factories import small_declarations


def test_prior_to_counts_only_strictly_earlier_days() -> None:
    keys = KeyColumn.of(np.array(["a", "a", "b", "a", "a"], dtype=object))
    day = np.array([1, 1, 1, 2, 3])
    flags = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    count, (found,) = prior_to(keys, day, (flags,))
    assert count.tolist() == [0, 0, 0, 2, 3]
    assert found.tolist() == [0, 0, 0, 1, 2]


def _flip(decls, rows):  # type: ignore[no-untyped-def]
    illicit = decls.illicit.copy()
    revenue = decls.revenue.copy()
    illicit[rows] = 1 - illicit[rows]
    revenue[rows] = np.where(illicit[rows] == 1, 12345.0, 0.0)
    return dataclasses.replace(decls, illicit=illicit, revenue=revenue)


def test_a_training_row_never_sees_its_own_label_or_any_later_one() -> None:
    decls = small_declarations(3000)
    tables = FeatureTables.fit(decls)
    before = training_matrix(decls, tables)
    row = 1500
    same_day_or_later = np.flatnonzero(decls.day >= decls.day[row])
    # Flip the row's label and every label from its day on: its features must not move.
    flipped = _flip(decls, same_day_or_later)
    after = training_matrix(flipped, tables)
    assert np.array_equal(before[row], after[row], equal_nan=True)
    # ... while a later row's features do (the profiles really read earlier labels).
    later = int(np.flatnonzero(decls.day > decls.day[row] + 5)[0])
    changed = training_matrix(_flip(decls, np.flatnonzero(decls.day <= decls.day[row])), tables)
    assert not np.array_equal(before[later], changed[later], equal_nan=True)


def test_scoring_features_ignore_the_labels_of_the_scored_file() -> None:
    history = small_declarations(3000, seed=2)
    tables = FeatureTables.fit(history)
    batch = small_declarations(500, seed=3)
    flipped = _flip(batch, np.arange(len(batch)))
    a = scoring_matrix(batch, tables)
    b = scoring_matrix(flipped.without_labels(), tables)
    assert np.array_equal(a, b, equal_nan=True)
    assert a.shape == (500, len(feature_names()))


def test_tables_round_trip_through_json() -> None:
    decls = small_declarations(1000)
    tables = FeatureTables.fit(decls)
    again = FeatureTables.from_json(tables.to_json())
    assert np.array_equal(
        scoring_matrix(decls, tables), scoring_matrix(decls, again), equal_nan=True
    )


def test_an_unseen_importer_is_new_and_has_no_history() -> None:
    decls = small_declarations(1000)
    tables = FeatureTables.fit(decls)
    stranger = decls.take(np.arange(5))
    stranger = dataclasses.replace(stranger, importer=np.array(["NEW"] * 5, dtype=object))
    matrix = scoring_matrix(stranger, tables)
    names = feature_names()
    assert (matrix[:, names.index("importer_history")] == 0).all()
    assert (matrix[:, names.index("importer_days_known")] == 0).all()
