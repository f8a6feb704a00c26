"""The cargo risk model: it learns, it is saved as checksummed JSON, and tampering is caught."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from smartborder.errors import FormatError, ValidationFailed
from smartborder.targeting.cargo.model import CargoRiskModel
from smartborder.targeting.metrics import at_rates
from tests.factories import small_declarations

WORLD = small_declarations(9000, seed=1, days=150)
CUT = int(WORLD.day.min()) + 100


@pytest.fixture(scope="module")
def trained() -> CargoRiskModel:
    return CargoRiskModel.train(WORLD.take(WORLD.day < CUT))


def test_the_model_finds_more_than_chance(trained: CargoRiskModel) -> None:
    test = WORLD.take(WORLD.day >= CUT)  # the later days of the same importers
    illicit, revenue = test.labels()
    (m,) = at_rates(trained.score(test), illicit, revenue, rates=(10,))
    assert m.precision > 2 * illicit.mean()


def test_scores_ignore_labels(trained: CargoRiskModel) -> None:
    test = small_declarations(500, seed=4)
    assert np.array_equal(trained.score(test), trained.score(test.without_labels()))


def test_save_and_load_give_the_same_scores(trained: CargoRiskModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    trained.save(path)
    assert path.read_bytes()[:1] == b"{"  # JSON, not a pickle
    test = small_declarations(300, seed=5)
    assert np.allclose(CargoRiskModel.load(path).score(test), trained.score(test))


def test_an_altered_model_is_refused(trained: CargoRiskModel, tmp_path: Path) -> None:
    document = trained.to_document()
    document["tables"]["prior_rate"] = 0.5
    path = tmp_path / "altered.json"
    path.write_text(json.dumps(document))
    with pytest.raises(FormatError, match="checksum"):
        CargoRiskModel.load(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [("not json", "not JSON"), ('{"format": "other"}', "not a"), ("[]", "not a")],
)
def test_other_files_are_refused(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(FormatError, match=problem):
        CargoRiskModel.load(path)


def test_a_future_version_is_refused(trained: CargoRiskModel) -> None:
    document = trained.to_document() | {"version": 99}
    with pytest.raises(FormatError, match="version"):
        CargoRiskModel.from_document(document)


def test_training_needs_labels_and_both_classes() -> None:
    decls = small_declarations(500)
    with pytest.raises(ValidationFailed):
        CargoRiskModel.train(decls.without_labels())
    import dataclasses

    none_found = dataclasses.replace(decls, illicit=np.zeros(500, dtype=np.int8))
    with pytest.raises(ValidationFailed, match="both"):
        CargoRiskModel.train(none_found)
