"""Every name on the real UN and OFAC lists, screened as it is written, finds its own entry.

A property over the real files in ../shared/data/lists (found as bench/screening.py finds
them, or through SMARTBORDER_LISTS_DATA), skipped when they are not there. Each primary
name and alias is screened three ways: exactly as written, upper-cased, and upper-cased
without punctuation the way a passport's machine-readable zone writes names (ICAO 9303:
apostrophes and full stops left out, other punctuation a space). The entry itself must be
among the hits: a namesake on the other list ranked above it is fine, instead of it not.

OFAC's names are read from sdn.csv and alt.csv as the files write them ("SURNAME, Given");
the UN's from the reader, which takes apart the aliases that the list packs into one field.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartborder.domain import Lookout, ScreeningQuery
from smartborder.formats.lists import read_list
from smartborder.screening import ScreeningEngine

ROOT = Path(__file__).resolve().parents[3]
# Read at import: the tests' isolated environment hides SMARTBORDER_* variables later.
DATA = Path(
    os.environ.get("SMARTBORDER_LISTS_DATA", ROOT.parent.parent / "shared" / "data" / "lists")
)
if not DATA.exists():
    DATA = Path("/work/shared/data/lists")
OFAC = DATA / "ofac"
UN = DATA / "un" / "consolidated.xml"
# Apostrophes and full stops are left out of a machine-readable name; the rest is a space.
_LEFT_OUT = re.compile("['’‘`ʼʻ.]")
_PUNCTUATION = re.compile(r"[^\w\s]")

pytestmark = pytest.mark.slow


def spellings(written: str) -> list[str]:
    """The name as written, upper-cased, and upper-cased without punctuation.

    Upper-casing a name in ASCII letters changes nothing but their case, which the
    normaliser folds before anything else (a unit test holds it); so to keep this test
    within a minute it is screened upper-cased only when it has other letters, where
    upper-casing may change them ("ß" is "SS").
    """
    upper = written.upper()
    bare = " ".join(_PUNCTUATION.sub(" ", _LEFT_OUT.sub("", upper)).split())
    cased = [written] if written.isascii() else [written, upper]
    return list(dict.fromkeys(s for s in (*cased, bare) if s.strip()))


def ofac_names() -> Iterator[tuple[str, str]]:
    """(entry ref, name) for every name and alias, as sdn.csv and alt.csv write them."""
    for file, column in (("sdn.csv", 1), ("alt.csv", 3)):
        data = (OFAC / file).read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:  # older files are Windows-1252
            text = data.decode("cp1252")
        for row in csv.reader(text.splitlines()):
            if len(row) > column and row[0].strip().isdigit():
                name = " ".join(row[column].split())
                if name and name != "-0-":
                    yield f"ofac:{row[0].strip()}", name


def un_names(lookouts: list[Lookout]) -> Iterator[tuple[str, str]]:
    for lookout in lookouts:
        for name in lookout.names:
            yield lookout.ref, name.full
            if name.original_script:
                yield lookout.ref, name.original_script


class Screener:
    """The engine over both lists, and each query's hits (a name on both lists is asked once)."""

    def __init__(self, lookouts: list[Lookout]) -> None:
        self.engine = ScreeningEngine(lookouts)
        self._hits: dict[str, set[str]] = {}

    def finds(self, ref: str, name: str) -> list[str]:
        """The spellings of ``name`` that do not find entry ``ref``."""
        missed = []
        for query in spellings(name):
            hits = self._hits.get(query)
            if hits is None:
                found = self.engine.screen(ScreeningQuery("self-match", query))
                hits = self._hits[query] = {h.lookout_ref for h in found}
            if ref not in hits:
                missed.append(query)
        return missed


@pytest.fixture(scope="module")
def lists() -> tuple[list[Lookout], list[Lookout]]:
    if not (OFAC / "sdn.csv").is_file() or not UN.is_file():
        pytest.skip(f"the real UN and OFAC lists are not in {DATA}")
    return (
        list(read_list(UN, "un-xml", "un").lookouts),
        list(read_list(OFAC, "ofac-csv", "ofac").lookouts),
    )


@pytest.fixture(scope="module")
def screener(lists: tuple[list[Lookout], list[Lookout]]) -> Screener:
    un, ofac = lists
    return Screener(un + ofac)


def misses(screener: Screener, names: Iterator[tuple[str, str]]) -> tuple[int, list[str]]:
    count = 0
    missed: list[str] = []
    for ref, name in names:
        count += 1
        missed += [f"{ref}: {query!r}" for query in screener.finds(ref, name)]
    return count, missed


def test_every_un_name_finds_its_own_entry(
    screener: Screener, lists: tuple[list[Lookout], list[Lookout]]
) -> None:
    count, missed = misses(screener, un_names(lists[0]))
    assert count > 1000  # the real list, read whole
    assert not missed, f"{len(missed)} spellings miss their entry, e.g.:\n" + "\n".join(missed[:30])


def test_every_ofac_name_finds_its_own_entry(screener: Screener) -> None:
    count, missed = misses(screener, ofac_names())
    assert count > 10_000
    assert not missed, f"{len(missed)} spellings miss their entry, e.g.:\n" + "\n".join(missed[:30])


def test_the_spellings_screened() -> None:
    assert spellings("AL-TIKRITI, Sab'awi Ibrahim") == [
        "AL-TIKRITI, Sab'awi Ibrahim",
        "AL TIKRITI SABAWI IBRAHIM",
    ]
    assert spellings("EUROCAMBIO S.A.") == ["EUROCAMBIO S.A.", "EUROCAMBIO SA"]
    assert spellings("Ahmad Şahin") == ["Ahmad Şahin", "AHMAD ŞAHIN"]
