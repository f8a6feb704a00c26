"""The trusted-traveller application document: every problem named with its path."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from smartborder.formats.application import load_application

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "nexus-application.json"
ON = date(2026, 12, 3)


def form() -> dict[str, Any]:
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def problems(data: dict[str, Any]) -> list[str]:
    applicant, found = load_application(json.dumps(data), ON)
    assert (applicant is None) == bool(found)
    return [f"{p.where}: {p.text}" for p in found]


def test_the_example_is_a_complete_application() -> None:
    applicant, found = load_application(EXAMPLE.read_bytes(), ON)
    assert found == [] and applicant is not None
    assert (applicant.surname, applicant.given_names) == ("TREMBLAY", ("MARIE", "CLAIRE"))
    assert applicant.language == "fr"
    assert applicant.addresses[0].end is None  # to date
    assert not applicant.declarations.criminal_convictions


def test_an_expired_document_is_named() -> None:
    data = form()
    data["documents"][0]["expiry_date"] = "2026-11-30"
    assert problems(data) == ["documents[0].expiry_date: the document expired on 2026-11-30"]


def test_a_gap_in_the_addresses_is_named() -> None:
    data = form()
    data["addresses"][1]["to"] = "2018-12-31"  # nothing from January to August 2019
    assert problems(data) == ["addresses: nothing is given from 2018-12-31 to 2019-08-01"]


def test_five_years_of_addresses_are_needed() -> None:
    data = form()
    data["addresses"] = data["addresses"][:1]  # only since August 2019... enough
    assert problems(data) == []
    data["addresses"][0]["from"] = "2023-01-01"
    assert problems(data) == ["addresses: the history starts on 2023-01-01, not by 2021-12-03"]


def test_every_problem_is_reported_at_once() -> None:
    data = form()
    data["sex"] = "Q"
    data["language"] = "de"
    del data["declarations"]
    data["documents"][0]["number"] = "ab 12"
    found = problems(data)
    assert len(found) == 4
    assert any(p.startswith("sex:") for p in found)
    assert any(p.startswith("language:") for p in found)
    assert any(p.startswith("declarations:") for p in found)
    assert any(p.startswith("documents[0].number:") for p in found)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("{", "line 1, column 2"),
        ("[]", "document"),
        ("[" * 100_000, "document"),
        ("x" * 300_000, "document"),
    ],
)
def test_what_is_not_an_application_is_refused_with_where(raw: str, where: str) -> None:
    applicant, found = load_application(raw, ON)
    assert applicant is None and found[0].where == where


def test_a_name_with_a_control_character_is_refused() -> None:
    data = form()
    data["surname"] = "TREM\u202eBLAY"
    assert problems(data)[0].startswith("surname:")
