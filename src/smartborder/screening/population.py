"""A population's names indexed the other way round: which people come near a list.

Screening asks, for one person, which listed names are near. Re-vetting two million
trusted-traveller members when a thousand entries change asks the opposite: which
people are near these few names. Screening every member costs a quarter of a
millisecond each; instead the members' words are indexed once (each distinct word with
the members who hold it, its one-deletion neighbourhood and its consonant key) and every
word of every listed name is looked up in it. A member is a candidate when they hold
words near two of a listed name's words (or near its only word); only candidates are
screened, by the engine itself, so that what is found is what screening would find.
The benchmark (``bench/programmes.py``) measures the candidates against screening every
member.

Near means: one slip apart (a deletion on either side meets: a letter replaced,
dropped, added or two swapped), two slips apart where the listed word is long enough
(two deletions on the listed side), or the same consonant key (a transliteration:
"Mohammed", "Muhammad"). Our own code, as ``index`` is: a spelling library maps a word to
dictionary suggestions, not a population to its holders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from smartborder.screening.index import MIN_DELETE_LENGTH, SHORT_TOKEN
from smartborder.screening.normalise import PARTICLES, latin_tokens
from smartborder.screening.variants import canonical, fold, skeleton

# A listed word this long or longer is looked up two slips away as well.
TWO_SLIPS_FROM = SHORT_TOKEN + 1


def _tokens(word: str) -> tuple[str, ...]:
    # The engine's own reading of a word (apostrophes, accents, other scripts, joined
    # prefixes), particles and one-letter pieces left out: they block nothing.
    return tuple(t for t in latin_tokens(word) if len(t) > 1 and t not in PARTICLES)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class PopulationIndex:
    """The words of a population's names, each with the people (numbers) who hold it."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._read: dict[str, tuple[str, ...]] = {}  # a word as written -> its tokens
        self._holders: list[list[int]] = []
        self._by_deletion: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        self.people = 0

    def add(self, person: int, words: Iterable[str]) -> None:
        """Index ``person``'s name, given as its words as written."""
        self.people = max(self.people, person + 1)
        ids, read = self._ids, self._read
        for text in words:
            tokens = read.get(text)
            if tokens is None:
                tokens = read[text] = _tokens(text)
            for word in tokens:
                wid = ids.get(word)
                if wid is None:
                    wid = ids[word] = len(self._holders)
                    self._holders.append([])
                    self._index_word(word, wid)
                holders = self._holders[wid]
                if not holders or holders[-1] != person:
                    holders.append(person)

    def _index_word(self, word: str, wid: int) -> None:
        spellings = {word, fold(word)}
        for spelling in spellings:
            self._by_deletion.setdefault(spelling, []).append(wid)
            if len(spelling) > MIN_DELETE_LENGTH:
                for shorter in _deletions(spelling):
                    self._by_deletion.setdefault(shorter, []).append(wid)
        key = skeleton(canonical(word))
        if len(key) >= 2:
            self._by_key.setdefault(key, []).append(wid)

    @property
    def vocabulary_size(self) -> int:
        return len(self._holders)

    def near_words(self, token: str) -> set[int]:
        """Ids of the population's words near a listed token (lower-case, folded Latin)."""
        found: set[int] = set()
        by_deletion = self._by_deletion
        for spelling in {token, fold(token)}:
            probes = {spelling} | _deletions(spelling)
            if len(spelling) >= TWO_SLIPS_FROM:
                probes |= {p for one in _deletions(spelling) for p in _deletions(one)}
            for probe in probes:
                if len(probe) >= MIN_DELETE_LENGTH or probe == spelling:
                    found.update(by_deletion.get(probe, ()))
        key = skeleton(canonical(token))
        if len(key) >= 2:
            found.update(self._by_key.get(key, ()))
        return found

    def holders(self, words: Iterable[int]) -> set[int]:
        out: set[int] = set()
        for wid in words:
            out.update(self._holders[wid])
        return out

    def near(self, names: Iterable[Sequence[str]]) -> set[int]:
        """The people near any of ``names`` (each a listed name's tokens): holding words
        near two of its tokens, or near its only token."""
        held: dict[str, set[int]] = {}
        found: set[int] = set()
        for tokens in names:
            distinct = sorted({t for t in tokens if len(t) > 1 and t not in PARTICLES})
            for token in distinct:
                if token not in held:
                    held[token] = self.holders(self.near_words(token))
            if len(distinct) == 1:
                found |= held[distinct[0]]
            for a, b in combinations(distinct, 2):
                found |= held[a] & held[b]
        return found
