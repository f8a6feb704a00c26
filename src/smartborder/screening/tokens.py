"""How alike two tokens of names are: a spelling slip, a transliteration, a variant.

A pair of tokens is exact, a known variant or consonant-key match ("Mohamed"/"Muhammad",
"Sergei"/"Sergey"), a reading of German or French spelling, or a near spelling (one or
two typos, by optimal string alignment distance from rapidfuzz's C code: Levenshtein's
edits plus the transposition of two neighbouring letters, a slip of the keyboard that
Levenshtein counts twice). ``names`` aligns the tokens of two names with these figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from smartborder.screening.variants import canonical, folded_readings

MIN_PAIR = 0.55  # below this similarity two tokens are not paired at all
FOLDED_MATCH = 0.97  # credit when the tokens agree once transliteration letters are folded
KEY_MATCH = 0.95  # most credited to a consonant-key (transliteration) match
# Below it, by how much the spellings of a consonant-key match differ: "Hamidi" and
# "Hemed", "Morin" and "Moreno" share their consonants but are other names. 0.3 rather
# than 0.2 keeps out about one namesake in eight on the tuning seeds, and loses no
# transliteration.
KEY_SLOPE = 0.3
# Credit when the query token, read as German or French spelling (``variants.readings``),
# agrees with the listed token once folded: an interpretation, so a little below a fold.
READING_MATCH = 0.95
# A word of a person's name that is itself a word of a listed name ("Omar", "Samir") is
# most likely that name, not a misspelling of another listed word ("Oscar", "Amir"):
# such a pair made by spelling alone (credit below KNOWN_BELOW: one slip in five letters
# or more) is credited KNOWN_FACTOR of it. Known variants and consonant-key matches
# credit 0.85 and more and are untouched. On the benchmark's four tuning seeds (with
# ``engine.KNOWN_HOLDERS``) this keeps out one namesake in three (24 -> 16) and loses 5 of
# 5,868 two-typo variants.
KNOWN_BELOW = 0.85
KNOWN_FACTOR = 0.8
# Two slips in a word of LONG_WORD letters or more ("Cubicaet" for "Cubicafe", "Sooursn"
# for "Souran") are credited TWO_SLIPS, as one slip in five letters is: typing errors
# come with length. 6 rather than 7 finds 0, 0, 3 and 0 more of the ~590 two-slip
# organisations of the four tuning seeds, and the same alarms on seed 1.
LONG_WORD = 6
TWO_SLIPS = 0.8

spelling = OSA.normalized_similarity


def token_similarity(
    qt: str,
    qk: str | None,
    qf: str | None,
    ct: str,
    ck: str | None,
    cf: str | None,
    read: bool = True,
    known: bool = False,
) -> tuple[float, str]:
    """How alike two tokens are (0 when below ``MIN_PAIR``) and in what way; ``read``:
    whether the query token's German and French readings are tried too; ``known``:
    whether the query token is a person's and itself listed (see ``KNOWN_FACTOR``)."""
    if qt == ct:
        return 1.0, "exact"
    sim = with_slips(spelling(qt, ct, score_cutoff=MIN_PAIR), qt, ct)
    how = "spelling"
    if qf is not None and cf is not None and sim < FOLDED_MATCH:
        folded = FOLDED_MATCH * spelling(qf, cf, score_cutoff=MIN_PAIR)
        if folded > sim:
            sim, how = folded, "variant"
    if qk and qk == ck and len(qk) >= 2 and sim < KEY_MATCH:
        credit = _key_credit(qt, ct)
        if credit > sim:
            sim, how = credit, "variant"
    if read and cf is not None and sim < READING_MATCH:
        for reading in folded_readings(qt):
            credit = READING_MATCH * spelling(reading, cf, score_cutoff=MIN_PAIR)
            if credit > sim:
                sim, how = credit, "variant"
    if known:
        sim = discounted(sim)
    return (sim, how) if sim >= MIN_PAIR else (0.0, how)


def with_slips(sim: float, a: str, b: str) -> float:
    """``sim``, or TWO_SLIPS for two slips in words of ``LONG_WORD`` letters or more."""
    if sim >= TWO_SLIPS or min(len(a), len(b)) < LONG_WORD:
        return sim
    return TWO_SLIPS if (1.0 - sim) * max(len(a), len(b)) <= 2.01 else sim


def discounted(sim: float) -> float:
    """The credit of a pair whose query token is a known word (see ``KNOWN_FACTOR``)."""
    return sim * KNOWN_FACTOR if sim < KNOWN_BELOW else sim


def token_row(
    qt: str,
    qk: str,
    qf: str,
    listed: Sequence[str],
    listed_keys: Sequence[str],
    listed_folded: Sequence[str],
    read: bool = True,
) -> dict[int, float]:
    """``token_similarity`` of one query token against many listed tokens at once: the
    positions (in ``listed``) whose similarity is not 0, and that similarity.

    The same figure as ``token_similarity`` for every position (each of its credits is
    tried only where it could beat the ones before, so the result is their maximum), but
    the spellings are compared by rapidfuzz's C loop (``process.extract``) rather than
    one Python call per pair: a new query token meets forty listed ones on average.
    """
    best: dict[int, float] = {}

    def credit(scores: list[tuple[str, float, int]], factor: float) -> None:
        for _, sim, at in scores:
            sim *= factor
            if sim > best.get(at, 0.0):
                best[at] = sim

    credit([(ct, with_slips(sim, qt, ct), at) for ct, sim, at in _extract(qt, listed)], 1.0)
    credit(_extract(qf, listed_folded), FOLDED_MATCH)
    if read:
        for reading in folded_readings(qt):
            credit(_extract(reading, listed_folded), READING_MATCH)
    if len(qk) >= 2:
        for at, ck in enumerate(listed_keys):
            if ck == qk and best.get(at, 0.0) < KEY_MATCH:
                sim = _key_credit(qt, listed[at])
                if sim > best.get(at, 0.0):
                    best[at] = sim
    for at, ct in enumerate(listed):
        if ct == qt:
            best[at] = 1.0
    return {at: sim for at, sim in best.items() if sim >= MIN_PAIR}


def _extract(token: str, choices: Sequence[str]) -> list[tuple[str, float, int]]:
    return process.extract(
        token, choices, scorer=spelling, score_cutoff=MIN_PAIR, limit=None, processor=None
    )


def _key_credit(qt: str, ct: str) -> float:
    """Credit for two tokens with the same consonant key."""
    if canonical(qt) == canonical(ct):
        return KEY_MATCH  # spellings of one name in the variants table
    if not _same_onset(qt, ct) or min(len(qt), len(ct)) <= 3:
        # Three letters or fewer leave a key of one or two consonants, which says little:
        # "Yan", "Yun", "Yin" are three names, not three spellings of one.
        return 0.0
    # Same consonants, vowels written another way: credit grows with how much of the
    # spelling agrees, so "Hans" is not quite "Khansa".
    plain = spelling(qt, ct)
    return KEY_MATCH - KEY_SLOPE * (1 - plain) if plain >= 0.5 else 0.0


_VOWELS = frozenset("aeiouy")


def _same_onset(a: str, b: str) -> bool:
    """Both start with a vowel, or with the same consonant sound (kh/h, q/k, j/dj...)."""
    if a[0] in _VOWELS or b[0] in _VOWELS:
        return a[0] in _VOWELS and b[0] in _VOWELS
    return a[0] == b[0] or {a[0], b[0]} <= {"k", "q", "c", "h"} or {a[0], b[0]} <= {"j", "d", "y"}
