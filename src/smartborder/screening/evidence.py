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
NATIONALITY_AGREES = 0.03
NATIONALITY_DIFFERS = -0.05
SEX_DIFFERS = -0.10
DOCUMENT_MATCH = 0.30

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class Evidence:
    feature: str  # "birth date", "nationality", "sex", "document"
    adjustment: float
    words: str  # what an officer reads


def _parts(value: str) -> tuple[str, str, str]:
    pieces = value.split("-")
    return (pieces[0], pieces[1] if len(pieces) > 1 else "", pieces[2] if len(pieces) > 2 else "")


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def birth_date(query: str | None, listed: tuple[str, ...]) -> Evidence | None:
    """Exact, day/month swapped, same year, nearly (a typo) or different; None if unknown."""
    if not query or not listed:
        return None
    qy, qm, qd = _parts(query)
    best: Evidence | None = None
    for value in listed:
        ly, lm, ld = _parts(value)
        if qm and lm and qd and ld:
            if (qy, qm, qd) == (ly, lm, ld):
                return Evidence("birth date", DOB_EXACT, f"born {query}, as listed")
            if qy == ly and (qm, qd) == (ld, lm):
                found = Evidence(
                    "birth date",
                    DOB_SWAPPED,
                    f"born {query}: listed {value}, day and month swapped",
                )
            elif _one_digit_apart(query, value):
                found = Evidence(
                    "birth date", 0.0, f"born {query}: listed {value}, one digit apart"
                )
            elif qy == ly:
                found = Evidence(
                    "birth date", DOB_SAME_YEAR, f"born {query}: listed {value}, same year only"
                )
            else:
                found = Evidence("birth date", DOB_DIFFERS, f"born {query}: listed {value}")
        elif qy == ly:
            found = Evidence("birth date", DOB_YEAR, f"born {query}: listed year {value[:4]}")
        elif qy.isdigit() and ly.isdigit() and abs(int(qy) - int(ly)) <= 1:
            found = Evidence("birth date", 0.0, f"born {query}: listed {value}, a year apart")
        else:
            found = Evidence("birth date", DOB_DIFFERS, f"born {query}: listed {value}")
        if best is None or found.adjustment > best.adjustment:
            best = found
    return best


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
