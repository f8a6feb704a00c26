"""How alike two names are: token alignment that ignores order and forgives spelling.

Each query token is paired with at most one listed token, best pairs first; how alike
two tokens are is ``tokens``' (exact, a variant, a consonant key, a near spelling).
The name score weighs how much of the query is explained (a traveller's name that the
entry does not contain is strong evidence of another person) more than how much of the
entry is (a passport often leaves out a middle name or a nasab).

``similarity`` is the hot path (it runs for every candidate name); ``compare`` gives the
same score with the pairs that explain it, for the few names that become hits.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from smartborder.screening.normalise import NameForm, token_weight
from smartborder.screening.tokens import (
    MIN_PAIR,
    discounted,
    spelling,
    token_similarity,
    with_slips,
)

QUERY_SHARE = 0.55  # weight of "the query is explained" against "the entry is covered"
# An organisation's name written as one word (``glued``): at least GLUED_FROM letters,
# at most GLUED_SLIPS slips apart.
GLUED_FROM = 7
GLUED_SLIPS = 2


@dataclass(frozen=True, slots=True)
class TokenPair:
    query: str
    listed: str
    similarity: float
    how: str  # "exact", "variant", "spelling", "one word" (``glued``)


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
    q_folded: tuple[str, ...] | None,
    c_tokens: tuple[str, ...],
    c_keys: tuple[str, ...] | None,
    c_folded: tuple[str, ...] | None,
    q_known: tuple[bool, ...] = (),
) -> list[tuple[float, int, int, str]]:
    """Every pair of tokens similar enough to pair, best first."""
    found: list[tuple[float, int, int, str]] = []
    for i, qt in enumerate(q_tokens):
        qk = q_keys[i] if q_keys is not None else None
        qf = q_folded[i] if q_folded is not None else None
        known = bool(q_known) and q_known[i]
        for j, ct in enumerate(c_tokens):
            sim, how = token_similarity(
                qt,
                qk,
                qf,
                ct,
                c_keys[j] if c_keys is not None else None,
                c_folded[j] if c_folded is not None else None,
                known=known,
            )
            if sim:
                found.append((sim, i, j, how))
    found.sort(reverse=True)
    return found


def by_token(
    rows: list[dict[int, float]], known: tuple[bool, ...] = ()
) -> dict[int, list[tuple[float, int]]]:
    """The rows turned around: for each vocabulary token id, (similarity, query token);
    the rows of ``known`` query tokens discounted (see ``KNOWN_FACTOR``)."""
    merged: dict[int, list[tuple[float, int]]] = {}
    for i, row in enumerate(rows):
        discount = bool(known) and known[i]
        for tid, sim in row.items():
            if discount and (sim := discounted(sim)) < MIN_PAIR:
                continue
            merged.setdefault(tid, []).append((sim, i))
    return merged


def similarity_by_rows(
    near: dict[int, list[tuple[float, int]]],
    query: NameForm,
    listed: NameForm,
    listed_ids: tuple[int, ...],
) -> float:
    """``similarity`` from precomputed rows (``by_token``): for each vocabulary token,
    its similarity to each query token near it. The hot path of the engine: no string is
    compared here, each listed token is looked up once."""
    found = [
        (sim, i, j)
        for j, pairs in enumerate(map(near.get, listed_ids))
        if pairs
        for sim, i in pairs
    ]
    q_weights, c_weights = query.weights, listed.weights
    if not found:
        best = 0.0
    else:
        if len(found) == 1:  # the commonest case: one token in common
            sim, i, j = found[0]
            q_got, c_got = q_weights[i] * sim, c_weights[j] * sim
        else:
            found.sort(reverse=True)
            q_got = c_got = 0.0
            used_q = used_c = 0  # bit sets of the paired tokens
            for sim, i, j in found:
                if (used_q >> i) & 1 or (used_c >> j) & 1:
                    continue
                used_q |= 1 << i
                used_c |= 1 << j
                q_got += q_weights[i] * sim
                c_got += c_weights[j] * sim
        best = QUERY_SHARE * q_got / (query.weight or 1.0) + (1 - QUERY_SHARE) * c_got / (
            listed.weight or 1.0
        )
    if best < 1.0 and query.script_tokens and listed.script_tokens:
        return _or_in_script(best, query, listed)
    return best


def _or_in_script(best: float, query: NameForm, listed: NameForm) -> float:
    """``best``, or the score of the two names compared in their original script when
    both are written in the same one and that score is higher."""
    if (
        best < 1.0
        and query.script_tokens
        and listed.script_tokens
        and query.script == listed.script
    ):
        q, c = query.script_tokens, listed.script_tokens
        chosen = _assign(_pairs(q, None, None, c, None, None))
        best = max(best, _score(chosen, q, c, _script_total(q), _script_total(c)))
    return best


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
    chosen = _assign(
        _pairs(
            query.tokens,
            query.keys,
            query.folded,
            listed.tokens,
            listed.keys,
            listed.folded,
            query.known,
        )
    )
    best = _score(chosen, query.tokens, listed.tokens, query.weight, listed.weight)
    return _or_in_script(best, query, listed)


def _match(query: NameForm, listed: NameForm, script: bool) -> NameMatch:
    if script:
        q, c = query.script_tokens, listed.script_tokens
        chosen = _assign(_pairs(q, None, None, c, None, None))
    else:
        q, c = query.tokens, listed.tokens
        chosen = _assign(
            _pairs(q, query.keys, query.folded, c, listed.keys, listed.folded, query.known)
        )
    used_q = {i for _, i, _, _ in chosen}
    used_c = {j for _, _, j, _ in chosen}
    return NameMatch(
        score=_score(chosen, q, c, _script_total(q), _script_total(c)),
        pairs=tuple(TokenPair(q[i], c[j], sim, how) for sim, i, j, how in chosen),
        query_unmatched=tuple(t for i, t in enumerate(q) if i not in used_q),
        listed_unmatched=tuple(t for j, t in enumerate(c) if j not in used_c),
        script=script,
    )


def compare(query: NameForm, listed: NameForm, *, whole: bool = False) -> NameMatch:
    """The better of the Latin comparison and, when both have it, the script comparison;
    ``whole``: and of the names written as one word (an organisation's, see ``glued``)."""
    best = _match(query, listed, False)
    if query.script_tokens and listed.script_tokens and query.script == listed.script:
        in_script = _match(query, listed, True)
        if in_script.score > best.score:
            best = in_script
    if whole:
        score = glued(query, listed)
        if score > best.score:
            q, c = query.letters, listed.letters
            best = NameMatch(score, (TokenPair(q, c, score, "one word"),), (), (), False)
    return best


def glued(query: NameForm, listed: NameForm) -> float:
    """How alike two organisations' names are written as one word, when that word is at
    least ``GLUED_FROM`` letters and at most ``GLUED_SLIPS`` slips away; else 0.

    A slip that moves a hyphen, a comma or a space ("JAIH-IM-OHAMMED" for
    "JAISH-I-MOHAMMED", "AUDIO WLARMA,S" for "AUDIO ALARMAS,") cuts words where the
    listed name has none, and the word-by-word comparison then finds two strangers.
    A person's name is not compared this way: its words are given, family and
    patronymic names that do not run into each other.
    """
    q, c = query.letters, listed.letters
    if min(len(q), len(c)) < GLUED_FROM or q == c:
        return 0.0
    if OSA.distance(q, c, score_cutoff=GLUED_SLIPS) > GLUED_SLIPS:
        return 0.0
    return with_slips(spelling(q, c), q, c)
