"""Two-digit years (MRZ, EDIFACT), read in the century that makes sense.

A birth date is never in the future: ``YY`` is the latest year ending in ``YY`` that is
not after the reference date. An expiry date is read in the century that puts it
nearest the reference date (within 50 years either way): documents are valid for ten
years or so, and an expired one presented at the booth is rarely decades old.
"""

from __future__ import annotations

from datetime import date, datetime


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
    # The year ending in YY nearest the reference year; the neighbouring centuries only
    # when that one is a tie or has no such day (29 February).
    year = reference.year - reference.year % 100 + yy
    if year - reference.year > 50:
        year -= 100
    elif reference.year - year > 50:
        year += 100
    moment = _make(year, month, day)
    if moment is not None and abs(year - reference.year) < 50:
        return moment
    candidates = [m for m in (_make(y, month, day) for y in (year, year - 100, year + 100)) if m]
    if not candidates:
        return None
    return min(candidates, key=lambda m: abs((m - reference).days))


def yymmdd(moment: date) -> str:
    """``moment`` as the MRZ writes it."""
    return f"{moment.year % 100:02d}{moment.month:02d}{moment.day:02d}"


def edifact_date(text: str, fmt: str, reference: date, *, birth: bool) -> date | None:
    """A DTM date: format 101 (YYMMDD) or 102 (CCYYMMDD), guessed by length if not given."""
    if fmt == "102" or (not fmt and len(text) == 8):
        if len(text) != 8 or not text.isdigit() or not text.isascii():
            return None
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]))
    return birth_date(text, reference) if birth else expiry_date(text, reference)


def edifact_datetime(text: str, fmt: str = "") -> datetime | None:
    """A DTM date and time as the sender wrote it (local, naive); None when unreadable.

    Formats 201 (YYMMDDHHMM), 203 (CCYYMMDDHHMM), 101 and 102 (dates only), guessed by
    length when the sender gives no format code. Two-digit years are 20YY: flights.
    """
    if not text.isdigit() or not text.isascii():
        return None
    size = {"201": 10, "203": 12, "101": 6, "102": 8}.get(fmt, len(text))
    if size != len(text):
        return None
    if size in (6, 10):
        text = "20" + text
    elif size not in (8, 12):
        return None
    try:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
        hour, minute = (int(text[8:10]), int(text[10:12])) if len(text) == 12 else (0, 0)
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None
