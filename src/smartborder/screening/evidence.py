"""What corroborates or contradicts a name match: birth date, nationality, sex, documents.

Each check returns an adjustment to the name score and the words that explain it. The
adjustments are deliberately smaller than a name's worth: a mistyped birth date must not
hide a listed person whose name matches (the worst failure), but a clearly different
date, nationality and sex together must keep a namesake out of secondary inspection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartborder.domain import Sex

DOB_EXACT = 0.15
DOB_SWAPPED = 0.05
DOB_YEAR = 0.03
DOB_SAME_YEAR = -0.10  # full dates in the same year that are neither equal nor a typo
DOB_DIFFERS = -0.20
# Full dates with years far apart that no slip explains (not one digit of the year, not
# day and month swapped): another person. Enough to keep out a namesake whose name is
# written exactly as listed and whose nationality agrees (1.0 + 0.03 - 0.30 < threshold).
DOB_FAR_APART = -0.30
FAR_APART_YEARS = 10
NATIONALITY_AGREES = 0.03
NATIONALITY_DIFFERS = -0.05
SEX_DIFFERS = -0.10
DOCUMENT_MATCH = 0.30
# Lists and clerks write a company's legal form or leave it out, and it changes when the
# company does: agreeing, it only ranks a hit above a namesake; differing, it says nothing.
LEGAL_FORM_AGREES = 0.02

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class Evidence:
    feature: str  # "birth date", "nationality", "sex", "document", "legal form"
    adjustment: float
    words: str  # what an officer reads


def _parts(value: str) -> tuple[str, str, str]:
    pieces = value.split("-")
    return (pieces[0], pieces[1] if len(pieces) > 1 else "", pieces[2] if len(pieces) > 2 else "")


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


_HOW = {
    "swapped": ", day and month swapped",
    "digit": ", one digit apart",
    "year": ", same year only",
    "year apart": ", a year apart",
    "far apart": ", years far apart",
}


def _years_far_apart(qy: str, ly: str) -> bool:
    """Years more than ``FAR_APART_YEARS`` apart that differ in more than one digit: a
    slip of one digit (1955 for 1985) is a typo, however far it moves the year."""
    return (
        qy.isascii()
        and qy.isdigit()
        and ly.isascii()
        and ly.isdigit()
        and abs(int(qy) - int(ly)) > FAR_APART_YEARS
        and not _one_digit_apart(qy, ly)
    )


def _one_field_one_digit(qy: str, qm: str, qd: str, ly: str, lm: str, ld: str) -> bool:
    """A typo: the dates differ in one field, and there by one digit.

    Most candidates' dates differ everywhere, so the fields are compared first and the
    digits only when a single field differs.
    """
    if qy != ly:
        return qm == lm and qd == ld and _one_digit_apart(qy, ly)
    if qm != lm:
        return qd == ld and _one_digit_apart(qm, lm)
    return _one_digit_apart(qd, ld)


def birth_date(query: str | None, listed: tuple[str, ...]) -> Evidence | None:
    """Exact, day/month swapped, same year, nearly (a typo), different or years far
    apart; None if unknown.

    Every candidate of every query comes through here, so the verdict is reached on
    plain values first and only the best one is put into words.
    """
    if not query or not listed:
        return None
    qy, qm, qd = _parts(query)
    best_adjustment = -1.0
    best: tuple[str, str] = ("", "")  # (verdict, listed value)
    for value in listed:
        ly, lm, ld = _parts(value)
        if qm and lm and qd and ld:
            if qy == ly and qm == lm and qd == ld:
                return Evidence("birth date", DOB_EXACT, f"born {query}, as listed")
            if qy == ly and qm == ld and qd == lm:
                verdict, adjustment = "swapped", DOB_SWAPPED
            elif _one_field_one_digit(qy, qm, qd, ly, lm, ld):
                verdict, adjustment = "digit", 0.0
            elif qy == ly:
                verdict, adjustment = "year", DOB_SAME_YEAR
            elif _years_far_apart(qy, ly):
                verdict, adjustment = "far apart", DOB_FAR_APART
            else:
                verdict, adjustment = "differs", DOB_DIFFERS
        elif qy == ly:
            verdict, adjustment = "listed year", DOB_YEAR
        elif (qy + ly).isascii() and qy.isdigit() and ly.isdigit() and abs(int(qy) - int(ly)) <= 1:
            verdict, adjustment = "year apart", 0.0
        else:
            verdict, adjustment = "differs", DOB_DIFFERS
        if adjustment > best_adjustment:
            best_adjustment, best = adjustment, (verdict, value)
    verdict, value = best
    if verdict == "listed year":
        return Evidence("birth date", best_adjustment, f"born {query}: listed year {value[:4]}")
    how = _HOW.get(verdict, "")
    return Evidence("birth date", best_adjustment, f"born {query}: listed {value}{how}")


def nationality(query: str | None, listed: tuple[str, ...]) -> Evidence | None:
    if not query or not listed:
        return None
    if query in listed:
        return Evidence("nationality", NATIONALITY_AGREES, f"nationality {query}, as listed")
    return Evidence(
        "nationality", NATIONALITY_DIFFERS, f"nationality {query}: listed {', '.join(listed)}"
    )


def sex(query: Sex | None, listed: Sex | None) -> Evidence | None:
    if query is None or listed is None or Sex.UNSPECIFIED in (query, listed):
        return None
    if query is listed:
        return Evidence("sex", 0.0, f"sex {query}, as listed")
    return Evidence("sex", SEX_DIFFERS, f"sex {query}: listed {listed}")


def document_key(number: str) -> str:
    """A document number as compared: letters and digits only, upper case."""
    return _NOT_ALNUM.sub("", number).upper()


def document(query: str | None, listed: tuple[str, ...]) -> Evidence | None:
    """An exact document-number match is strong evidence; a mismatch says nothing
    (people hold several passports over a life)."""
    if not query or not listed:
        return None
    key = document_key(query)
    if key and key in listed:
        return Evidence("document", DOCUMENT_MATCH, f"document {query} is listed")
    return None


def legal_form(query: tuple[str, ...], listed: tuple[str, ...]) -> Evidence | None:
    """A legal form written in both names and the same ("S.A." and "S.A."); else None."""
    same = [code for code in query if code in listed]
    if not same:
        return None
    return Evidence("legal form", LEGAL_FORM_AGREES, f"legal form {' '.join(same)}, as listed")
