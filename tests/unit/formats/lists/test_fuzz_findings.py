"""Inputs the fuzzers (fuzz/) found that made a list reader raise something not ours.

Each crashing input is kept as it was found in tests/fixtures/fuzz/ and must now be
refused with a FormatError that says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.errors import FormatError
from smartborder.formats.lists import read_list

FOUND = Path(__file__).resolve().parents[3] / "fixtures" / "fuzz"
OFAC_FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")


def found(prefix: str) -> bytes:
    """The crashing input kept under its harness's name."""
    return next(FOUND.glob(f"{prefix}-crash-*")).read_bytes()


def test_a_bare_carriage_return_in_an_agency_csv_is_read_not_a_crash(tmp_path: Path) -> None:
    # It was csv.Error ("new-line character seen in unquoted field"), an internal error.
    path = tmp_path / "lookouts.csv"
    path.write_bytes(found("agency_csv"))
    with pytest.raises(FormatError, match="lookouts.csv"):
        read_list(path, "csv", "fuzz")


def test_a_carriage_return_in_an_ofac_companion_is_read_not_a_crash(tmp_path: Path) -> None:
    data = found("ofac_csv")
    for name, part in zip(
        ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"), data.split(b"\x1e", 3), strict=False
    ):
        (tmp_path / name).write_bytes(part)
    try:
        read_list(tmp_path, "ofac-csv", "fuzz")
    except FormatError as exc:
        assert exc.where


def test_a_csv_the_csv_module_cannot_read_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text('1,"x' + "y" * 200_000 + '"\n')  # past csv's field limit
    with pytest.raises(FormatError, match=r"sdn.csv line \d+: not CSV"):
        read_list(tmp_path, "ofac-csv", "fuzz")


def test_an_ftm_schema_that_is_not_a_string_is_a_format_error(tmp_path: Path) -> None:
    # It was TypeError: unhashable type: 'dict' (the schema looked up in a set).
    path = tmp_path / "entities.jsonl"
    path.write_bytes(found("ftm_json"))
    with pytest.raises(FormatError, match="line 1: not a FollowTheMoney entity"):
        read_list(path, "ftm-json", "fuzz")


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "p1", "schema": "Person", "properties": {"name": ["A B"], "passport": 5}}',
        '{"id": "p1", "schema": "Person", "properties": {"name": ["A B"],'
        ' "passport": [{"schema": {"x": 1}}]}}',
        '{"id": "d1", "schema": "Passport", "properties": ["not", "a", "mapping"]}\n'
        '{"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}}',
    ],
)
def test_ftm_nested_documents_of_the_wrong_shape_are_ignored(tmp_path: Path, line: str) -> None:
    path = tmp_path / "entities.jsonl"
    path.write_text(line + "\n")
    loaded = read_list(path, "ftm-json", "fuzz")
    assert [lk.source_id for lk in loaded.lookouts] == ["p1"]
