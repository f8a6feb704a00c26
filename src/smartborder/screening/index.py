"""The in-memory index that turns a query into a few dozen candidate entries.

Three kinds of postings lead from a query token to the entries whose names hold a
similar token, all keyed by the vocabulary (the distinct tokens of every listed name),
so that a million names with a hundred thousand distinct tokens stay compact:

- the token itself;
- its consonant key (``variants.skeleton``), which joins transliteration variants;
- its one-deletion neighbourhood (the SymSpell idea): two tokens within two edits of
  each other share a deletion, so a misspelt token still finds its listed form
  without comparing it to the whole vocabulary.

Document numbers are indexed too, so that an exact document match is always a candidate.
Candidates are ranked by the rarity (inverse document frequency) of the query tokens
they share, and only the best ``limit`` go on to the full scorer.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable

from smartborder.screening.normalise import NameForm
from smartborder.screening.variants import skeleton

MIN_DELETE_LENGTH = 4  # shorter tokens are too ambiguous for the deletion neighbourhood
MAX_KEY_FANOUT = 64  # a consonant key that joins more tokens than this is too common
RELATIVE_FLOOR = 0.35  # candidates sharing less than this share of the best's weight are dropped


def _deletions(token: str) -> list[str]:
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


class NameIndex:
    """Postings from tokens (exact, key, one deletion away) to entry numbers."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._postings: list[array[int]] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_deletion: dict[str, list[int]] = {}
        self._script: dict[str, array[int]] = {}
        self._documents: dict[str, array[int]] = {}
        self._entries = 0

    def __len__(self) -> int:
        return self._entries

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocab)

    def add(self, entry: int, forms: Iterable[NameForm], documents: Iterable[str] = ()) -> None:
        """Index entry number ``entry`` (entries must be added in increasing order)."""
        self._entries = max(self._entries, entry + 1)
        seen: set[int] = set()
        seen_script: set[str] = set()
        for form in forms:
            for token in form.tokens:
                tid = self._vocab.get(token)
                if tid is None:
                    tid = self._new_token(token)
                if tid not in seen:
                    seen.add(tid)
                    self._postings[tid].append(entry)
            for token in form.script_tokens:
                if token not in seen_script:
                    seen_script.add(token)
                    self._script.setdefault(token, array("i")).append(entry)
        for number in documents:
            posting = self._documents.setdefault(number, array("i"))
            if not posting or posting[-1] != entry:
                posting.append(entry)

    def _new_token(self, token: str) -> int:
        tid = len(self._postings)
        self._vocab[token] = tid
        self._postings.append(array("i"))
        key = skeleton(token)
        if len(key) >= 2:
            self._by_key.setdefault(key, []).append(tid)
        if len(token) >= MIN_DELETE_LENGTH:
            for deletion in _deletions(token):
                self._by_deletion.setdefault(deletion, []).append(tid)
            self._by_deletion.setdefault(token, []).append(tid)
        return tid

    def _similar_tokens(self, token: str, key: str) -> set[int]:
        found: set[int] = set()
        tid = self._vocab.get(token)
        if tid is not None:
            found.add(tid)
        if len(key) >= 2:
            by_key = self._by_key.get(key, ())
            if len(by_key) <= MAX_KEY_FANOUT:
                found.update(by_key)
        if len(token) >= MIN_DELETE_LENGTH:
            by_deletion = self._by_deletion
            for tid in by_deletion.get(token, ()):
                found.add(tid)
            for deletion in _deletions(token):
                for tid in by_deletion.get(deletion, ()):
                    found.add(tid)
        return found

    def candidates(
        self, form: NameForm, documents: Iterable[str] = (), *, limit: int = 24
    ) -> list[int]:
        """The entry numbers most worth scoring for ``form``, best first."""
        total = max(self._entries, 1)
        weight: dict[int, float] = {}
        postings = self._postings
        for token, key in dict(zip(form.tokens, form.keys, strict=True)).items():
            entries: set[int] = set()
            for tid in self._similar_tokens(token, key):
                entries.update(postings[tid])
            if not entries:
                continue
            idf = math.log(1.0 + total / len(entries)) * (1.0 if len(token) > 2 else 0.4)
            for entry in entries:
                weight[entry] = weight.get(entry, 0.0) + idf
        for token in set(form.script_tokens):
            posting = self._script.get(token)
            if posting:
                idf = math.log(1.0 + total / len(posting))
                for entry in posting:
                    weight[entry] = weight.get(entry, 0.0) + idf
        for number in documents:
            for entry in self._documents.get(number, ()):
                weight[entry] = weight.get(entry, 0.0) + 100.0  # always scored
        if not weight:
            return []
        best = heapq.nlargest(limit, weight, key=weight.__getitem__)
        # Entries that share only a small part of what the best share are not worth scoring.
        floor = weight[best[0]] * RELATIVE_FLOOR
        return [entry for entry in best if weight[entry] >= floor]
