"""Which people of a population come near a list: the listed names indexed for the look-up.

Screening asks, for one person, which listed names are near. Re-vetting two million
trusted-traveller members when a thousand entries change asks the opposite: which
people are near these few names. Screening every member costs a fifth of a millisecond
each; instead the listed names' words are indexed (each with its one-deletion
neighbourhood, two deletions for a long word, and its consonant key) and every member's
words are looked up in it as the registry streams past, each distinct word once. A
member is a candidate when they hold words near two of a listed name's words (or near
its only word); only candidates are screened, by the engine itself, so that what is
found is what screening would find. The benchmark (``bench/programmes.py``) measures
the candidates against screening every member.

Near means: one slip apart (a deletion on either side meets: a letter replaced,
dropped, added or two swapped), two slips apart where the listed word is long enough
(two deletions on the listed side), or the same consonant key (a transliteration:
"Mohammed", "Muhammad"). Our own code, as ``index`` is: a spelling library maps a word to
dictionary suggestions, not a population to the names it comes near.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from smartborder.screening.index import MIN_DELETE_LENGTH, SHORT_TOKEN
from smartborder.screening.normalise import PARTICLES, latin_tokens
from smartborder.screening.variants import canonical, fold, skeleton

# A listed word this long or longer is looked up two slips away as well.
TWO_SLIPS_FROM = SHORT_TOKEN + 1
#: Distinct words (as written) whose near listed words are kept: a registry's common
#: names come back on every page; a rare word is looked up again if it returns.
WORD_CACHE = 500_000
#: Up to this many listed words held, their pairs are looked up; beyond, the names
#: holding each are counted (fewer steps than the pairs of many words).
PAIRS_UP_TO = 12


def _tokens(word: str) -> tuple[str, ...]:
    # The engine's own reading of a word (apostrophes, accents, other scripts, joined
    # prefixes), particles and one-letter pieces left out: they block nothing.
    return tuple(t for t in latin_tokens(word) if len(t) > 1 and t not in PARTICLES)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _probes(token: str) -> set[str]:
    """What a listed token meets: itself, its deletions (two deep when it is long), in
    each spelling; a deletion shorter than the shortest indexed one only as the word."""
    found: set[str] = set()
    for spelling in {token, fold(token)}:
        probes = {spelling} | _deletions(spelling)
        if len(spelling) >= TWO_SLIPS_FROM:
            probes |= {p for one in _deletions(spelling) for p in _deletions(one)}
        found |= {p for p in probes if len(p) >= MIN_DELETE_LENGTH or p == spelling}
    return found


def _keys(word: str) -> set[str]:
    """What a population's word offers to be met by: itself and, when long enough, its
    deletions, in each spelling."""
    found: set[str] = set()
    for spelling in {word, fold(word)}:
        found.add(spelling)
        if len(spelling) > MIN_DELETE_LENGTH:
            found |= _deletions(spelling)
    return found


def _skeleton(word: str) -> str | None:
    key = skeleton(canonical(word))
    return key if len(key) >= 2 else None


class ListedNames:
    """The words of a list's person names, to tell which people come near one."""

    def __init__(self, names: Iterable[Sequence[str]]) -> None:
        ids: dict[str, int] = {}
        self._single: set[int] = set()  # words that are a name's only word
        self._names_of: list[list[int]] = []  # word id -> names of two words or more
        self._pairs: set[tuple[int, int]] = set()  # two words of one name, lower id first
        self._by_probe: dict[str, set[int]] = {}
        self._by_key: dict[str, set[int]] = {}
        self._near: dict[str, frozenset[int]] = {}  # a population word -> listed word ids
        count = 0
        for tokens in names:
            distinct = sorted({t for t in tokens if len(t) > 1 and t not in PARTICLES})
            if not distinct:
                continue
            word_ids = []
            for token in distinct:
                wid = ids.get(token)
                if wid is None:
                    wid = ids[token] = len(self._names_of)
                    self._names_of.append([])
                    for probe in _probes(token):
                        self._by_probe.setdefault(probe, set()).add(wid)
                    if (key := _skeleton(token)) is not None:
                        self._by_key.setdefault(key, set()).add(wid)
                word_ids.append(wid)
            if len(word_ids) == 1:
                self._single.add(word_ids[0])
            else:
                for wid in word_ids:
                    self._names_of[wid].append(count)
                self._pairs.update(combinations(sorted(word_ids), 2))
                count += 1
        self.names = count + len(self._single)

    def near_words(self, word: str) -> frozenset[int]:
        """The listed words near any token of ``word`` (a population's word as written)."""
        found = self._near.get(word)
        if found is None:
            near: set[int] = set()
            for token in _tokens(word):
                for key in _keys(token):
                    near |= self._by_probe.get(key, set())
                if (skeleton_key := _skeleton(token)) is not None:
                    near |= self._by_key.get(skeleton_key, set())
            if len(self._near) >= WORD_CACHE:
                self._near.clear()
            found = self._near[word] = frozenset(near)
        return found

    def is_near(self, words: Iterable[str]) -> bool:
        """Whether a person whose name has these words (as written) holds words near two
        of a listed name's words, or near its only word."""
        held: set[int] = set()
        for word in words:
            held |= self.near_words(word)
        if not held:
            return False
        if not self._single.isdisjoint(held):
            return True
        if len(held) <= PAIRS_UP_TO:
            # A few words held (the common case): is any two of them one name's?
            pairs = self._pairs
            return any(pair in pairs for pair in combinations(sorted(held), 2))
        seen: set[int] = set()
        for wid in held:
            for name in self._names_of[wid]:
                if name in seen:
                    return True
                seen.add(name)
        return False
