"""Strings kept by length, to find those a few slips from a query by comparing with
every one of about its length.

The deletion neighbourhoods of ``index`` reach two slips only where one side is short,
and the token postings cannot reach a name whose slips moved a space. Both gaps are
filled by brute force that stays cheap: only strings within ``slips`` letters of the
query's length can be that few slips away (optimal string alignment), and rapidfuzz's
C loop compares a few thousand of them in a fraction of a millisecond.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA


class ByLength:
    """Strings with a value each (a token id, an entry number), grouped by length."""

    def __init__(self) -> None:
        self._groups: dict[int, tuple[list[str], list[int]]] = {}

    def add(self, text: str, value: int) -> None:
        texts, values = self._groups.setdefault(len(text), ([], []))
        texts.append(text)
        values.append(value)

    def within(self, text: str, slips: int) -> list[int]:
        """The values of the strings at most ``slips`` slips from ``text``."""
        found: list[int] = []
        for length in range(len(text) - slips, len(text) + slips + 1):
            texts, values = self._groups.get(length, ((), ()))
            found.extend(
                values[at]
                for _, _, at in process.extract(
                    text, texts, scorer=OSA.distance, score_cutoff=slips, limit=None
                )
            )
        return found
