"""How alike two names are: token alignment that ignores order and forgives spelling.

Each query token is paired with at most one listed token, best pairs first. A pair is
exact, a known variant or consonant-key match ("Mohamed"/"Muhammad", "Sergei"/"Sergey"),
or a near spelling (one or two typos, by Levenshtein distance from rapidfuzz's C code).
The name score weighs how much of the query is explained (a traveller's name that the
entry does not contain is strong evidence of another person) more than how much of the
entry is (a passport often leaves out a middle name or a nasab).

``similarity`` is the hot path (it runs for every candidate name); ``compare`` gives the
same score with the pairs that explain it, for the few names that become hits.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from smartborder.screening.normalise import NameForm, token_weight

QUERY_SHARE = 0.6  # weight of "the query is explained" against "the entry is covered"
MIN_PAIR = 0.6  # below this similarity two tokens are not paired at all
KEY_MATCH = 0.92  # similarity credited to a consonant-key (transliteration) match

_similarity = Levenshtein.normalized_similarity


@dataclass(frozen=True, slots=True)
class TokenPair:
    query: str
    listed: str
    similarity: float
    how: str  # "exact", "variant", "spelling"


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: float
    pairs: tuple[TokenPair, ...]
    query_unmatched: tuple[str, ...]
    listed_unmatched: tuple[str, ...]
    script: bool  # compared in the original script


def _pairs(
    q_tokens: tuple[str, ...],
    q_keys: tuple[str, ...] | None,
    c_tokens: tuple[str, ...],
    c_keys: tuple[str, ...] | None,
) -> list[tuple[float, int, int, str]]:
    """Every pair of tokens similar enough to pair, best first."""
    found: list[tuple[float, int, int, str]] = []
    for i, qt in enumerate(q_tokens):
        qk = q_keys[i] if q_keys is not None else ""
        for j, ct in enumerate(c_tokens):
            if qt == ct:
                found.append((1.0, i, j, "exact"))
                continue
            sim = _similarity(qt, ct, score_cutoff=MIN_PAIR)
            if (
                qk
                and c_keys is not None
                and sim < KEY_MATCH
                and qk == c_keys[j]
                and (len(qk) >= 3 or qt[0] == ct[0])
            ):
                found.append((KEY_MATCH, i, j, "variant"))
            elif sim:
                found.append((sim, i, j, "spelling"))
    found.sort(reverse=True)
    return found


def _assign(
    pairs: list[tuple[float, int, int, str]],
) -> list[tuple[float, int, int, str]]:
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen = []
    for pair in pairs:
        _, i, j, _ = pair
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        chosen.append(pair)
    return chosen


def _score(
    chosen: list[tuple[float, int, int, str]],
    q_tokens: tuple[str, ...],
    c_tokens: tuple[str, ...],
    q_total: float,
    c_total: float,
) -> float:
    q_got = c_got = 0.0
    for sim, i, j, _ in chosen:
        q_got += token_weight(q_tokens[i]) * sim
        c_got += token_weight(c_tokens[j]) * sim
    return QUERY_SHARE * q_got / (q_total or 1.0) + (1 - QUERY_SHARE) * c_got / (c_total or 1.0)


def _script_total(tokens: tuple[str, ...]) -> float:
    return sum(token_weight(t) for t in tokens)


def similarity(query: NameForm, listed: NameForm) -> float:
    """The name score of ``compare`` without the explanation (the hot path)."""
    chosen = _assign(_pairs(query.tokens, query.keys, listed.tokens, listed.keys))
    best = _score(chosen, query.tokens, listed.tokens, query.weight, listed.weight)
    if (
        best < 1.0
        and query.script_tokens
        and listed.script_tokens
        and query.script == listed.script
    ):
        q, c = query.script_tokens, listed.script_tokens
        chosen = _assign(_pairs(q, None, c, None))
        best = max(best, _score(chosen, q, c, _script_total(q), _script_total(c)))
    return best


def _match(
    q: tuple[str, ...],
    q_keys: tuple[str, ...] | None,
    c: tuple[str, ...],
    c_keys: tuple[str, ...] | None,
    script: bool,
) -> NameMatch:
    chosen = _assign(_pairs(q, q_keys, c, c_keys))
    used_q = {i for _, i, _, _ in chosen}
    used_c = {j for _, _, j, _ in chosen}
    return NameMatch(
        score=_score(chosen, q, c, _script_total(q), _script_total(c)),
        pairs=tuple(TokenPair(q[i], c[j], sim, how) for sim, i, j, how in chosen),
        query_unmatched=tuple(t for i, t in enumerate(q) if i not in used_q),
        listed_unmatched=tuple(t for j, t in enumerate(c) if j not in used_c),
        script=script,
    )


def compare(query: NameForm, listed: NameForm) -> NameMatch:
    """The better of the Latin comparison and, when both have it, the script comparison."""
    best = _match(query.tokens, query.keys, listed.tokens, listed.keys, False)
    if query.script_tokens and listed.script_tokens and query.script == listed.script:
        in_script = _match(query.script_tokens, None, listed.script_tokens, None, True)
        if in_script.score > best.score:
            best = in_script
    return best
