"""Clearing a day holds off full garbage collections, and gives the collector back as it was."""

import gc

import pytest

from smartborder.clearance.batch import _young_collections_only


def test_no_full_collection_during_a_batch_and_the_thresholds_come_back() -> None:
    before = gc.get_threshold()
    with _young_collections_only():
        young, middle, old = gc.get_threshold()
        assert (young, middle) == before[:2]  # young cycles are still collected
        assert old >= 1_000_000
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_when_a_batch_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), _young_collections_only():
        raise RuntimeError("a message could not be stored")
    assert gc.get_threshold() == before
