"""A query token compared with many listed tokens at once gives, for each, what comparing
the two alone gives: ``token_row`` is the engine's fast twin of ``token_similarity``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smartborder.screening.names import by_token
from smartborder.screening.normalise import name_form
from smartborder.screening.tokens import token_row, token_similarity

# Letters that the folding and reading rules act on, so that every credit is exercised.
WORD = st.text(alphabet="achjkdsxwyzouehmdlt", min_size=1, max_size=9)


def _facts(token: str) -> tuple[str, str, str]:
    form = name_form(token)
    return (form.tokens[0], form.keys[0], form.folded[0]) if form.tokens else (token, "", token)


def _both(query: str, listed: list[str], read: bool) -> tuple[dict[int, float], dict[int, float]]:
    qt, qk, qf = _facts(query)
    facts = [_facts(t) for t in listed]
    one_by_one = {}
    for at, (ct, ck, cf) in enumerate(facts):
        sim, _ = token_similarity(qt, qk, qf, ct, ck, cf, read)
        if sim:
            one_by_one[at] = sim
    at_once = token_row(
        qt, qk, qf, [f[0] for f in facts], [f[1] for f in facts], [f[2] for f in facts], read
    )
    return one_by_one, at_once


def test_a_row_holds_the_spellings_near_the_token_and_how_near() -> None:
    one_by_one, at_once = _both("achmed", ["ahmed", "akhmed", "hamid", "zzz"], read=True)
    assert at_once == one_by_one
    assert set(at_once) == {0, 1, 2}  # "zzz" is no spelling of it
    assert at_once[1] > at_once[2]  # read the German way, "achmed" is "akhmed"


@given(WORD, st.lists(WORD, min_size=1, max_size=12), st.booleans())
def test_a_row_agrees_with_comparing_each_pair(query: str, listed: list[str], read: bool) -> None:
    one_by_one, at_once = _both(query, listed, read)
    assert at_once.keys() == one_by_one.keys()
    for at, sim in one_by_one.items():
        assert at_once[at] == sim


@given(WORD, st.lists(WORD, min_size=1, max_size=12))
def test_a_known_token_is_discounted_alike_in_rows_and_in_pairs(
    query: str, listed: list[str]
) -> None:
    # The engine discounts a known token's row when it turns the rows around (by_token).
    qt, qk, qf = _facts(query)
    facts = [_facts(t) for t in listed]
    one_by_one = {}
    for at, (ct, ck, cf) in enumerate(facts):
        sim, _ = token_similarity(qt, qk, qf, ct, ck, cf, read=False, known=True)
        if sim:
            one_by_one[at] = sim
    row = token_row(
        qt, qk, qf, [f[0] for f in facts], [f[1] for f in facts], [f[2] for f in facts], False
    )
    at_once = {at: pairs[0][0] for at, pairs in by_token([row], (True,)).items()}
    assert at_once == one_by_one
