"""The words that say why a hit is a hit, short enough to read in five seconds."""

from __future__ import annotations

from smartborder.screening.evidence import Evidence
from smartborder.screening.names import NameMatch

_SIGN = {"exact": "=", "variant": "≈", "spelling": "~", "one word": "~"}
_HOW = {
    "variant": "spelling variant",
    "spelling": "misspelt",
    "one word": "misspelt, read as one word",
}


def _pair_words(match: NameMatch) -> str:
    words = []
    for pair in match.pairs:
        if pair.how == "exact":
            words.append(pair.listed.upper())
        else:
            words.append(
                f"{pair.query.upper()}{_SIGN[pair.how]}{pair.listed.upper()} ({_HOW[pair.how]})"
            )
    return ", ".join(words)


def explain(match: NameMatch, evidence: list[Evidence]) -> str:
    """One line: the name tokens that matched and how, then each corroborating feature."""
    script = " in original script" if match.script else ""
    parts = [f"name {match.score:.2f}{script}: {_pair_words(match) or 'no token in common'}"]
    if match.query_unmatched:
        parts.append("not listed: " + " ".join(t.upper() for t in match.query_unmatched))
    if match.listed_unmatched:
        parts.append("not in query: " + " ".join(t.upper() for t in match.listed_unmatched))
    for item in evidence:
        sign = "+" if item.adjustment > 0 else ("-" if item.adjustment < 0 else "")
        parts.append(f"{item.words}{f' ({sign})' if sign else ''}")
    return "; ".join(parts)
