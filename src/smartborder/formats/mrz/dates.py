"""Two-digit years of the MRZ, read in the century that makes sense.

A birth date is never in the future: ``YY`` is the latest year ending in ``YY`` that is
not after the reference date. An expiry date is read in the century that puts it
nearest the reference date (within 50 years either way): documents are valid for ten
years or so, and an expired one presented at the booth is rarely decades old.
"""

from __future__ import annotations

from datetime import date


def _yymmdd(text: str) -> tuple[int, int, int] | None:
    if len(text) != 6 or not text.isdigit() or not text.isascii():
        return None
    return int(text[:2]), int(text[2:4]), int(text[4:])


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date(text: str, reference: date) -> date | None:
    """The birth date of ``YYMMDD``, never after ``reference``; None if not a date."""
    parts = _yymmdd(text)
    if parts is None:
        return None
    yy, month, day = parts
    century = reference.year - reference.year % 100
    moment = _make(century + yy, month, day)
    if moment is None:
        # 29 February of a year that is not a leap year in this century may be in the last.
        return _make(century - 100 + yy, month, day)
    if moment > reference:
        return _make(century - 100 + yy, month, day)
    return moment


def expiry_date(text: str, reference: date) -> date | None:
    """The expiry date of ``YYMMDD`` in the century nearest ``reference``; None if not a date."""
    parts = _yymmdd(text)
    if parts is None:
        return None
    yy, month, day = parts
    century = reference.year - reference.year % 100
    candidates = [
        moment
        for moment in (_make(c + yy, month, day) for c in (century - 100, century, century + 100))
        if moment is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: abs((m - reference).days))


def yymmdd(moment: date) -> str:
    """``moment`` as the MRZ writes it."""
    return f"{moment.year % 100:02d}{moment.month:02d}{moment.day:02d}"
