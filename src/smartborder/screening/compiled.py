"""Lookouts and queries put into the form the engine compares.

A lookout becomes an ``Entry``: each of its names (and their original-script and
undotted spellings, and the readings of a form of address) as a ``NameForm``. A query is
checked and becomes a ``PreparedQuery``; ``mended`` then leaves out the words it
misspells that normalisation would have left out ("Abduul", "Egneral").
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from rapidfuzz.distance import OSA

from smartborder.domain import Lookout, ScreeningQuery, SubjectKind
from smartborder.errors import ValidationFailed
from smartborder.screening import evidence as ev
from smartborder.screening.countries import to_alpha3
from smartborder.screening.legal_forms import slipped
from smartborder.screening.normalise import (
    HONORIFICS,
    Address,
    NameForm,
    has_forms_of_address,
    name_form,
)

MAX_NAME_LENGTH = 400
_INNER_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_BIRTH_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
T = TypeVar("T")
# A listed name with a form of address is held as the traveller may give it: the word
# after the name ("Mullah Omar" keyed "Omar Mullah"), or left out wherever it stood.
_ADDRESS_READINGS: tuple[Address, ...] = ("surname", "dropped", "kept")
# Words that ``normalise`` leaves out of a name (particles, forms of address and ranks,
# spelt-out legal forms) and that are mistyped as often as the name itself: "Abduul",
# "Egneral Trading", "Limted". Long enough that one slip still says which word it was.
DROPPED_WORDS = frozenset(
    "abdul abdel abdal abdoul binti sheikh shaykh shaikh hajji hadji mullah maulana "
    "maulvi mawlawi moulvi sayyid general colonel captain lieutenant brigadier admiral "
    "commander sergeant excellency limited company corporation incorporated limitada "
    "compania sociedad anonima".split()
)

_NOT_ADDRESS = DROPPED_WORDS - HONORIFICS
# A mistyped legal form is looked for in this many last words ("Anonim Sirketi").
_SLIPPED_WORDS = 3


@dataclass(frozen=True, slots=True)
class Entry:
    """A lookout compiled for matching: its names in comparable form."""

    lookout: Lookout
    forms: tuple[NameForm, ...]
    documents: tuple[str, ...]
    version: str
    token_ids: tuple[tuple[int, ...], ...] = ()  # the index's ids of each form's tokens


def compile_lookout(lookout: Lookout, version: str = "") -> Entry:
    organisation = lookout.kind is not SubjectKind.PERSON
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for name in lookout.names:
        texts = [name.full] + ([name.original_script] if name.original_script else [])
        if _INNER_DOT.search(name.full):
            # "TELE.COM", "IR.SHALAMCHE", "S.A.S. E.U.": whoever keys the name writes the
            # dot as a space or leaves it out, so the entry holds both readings.
            texts.append(_INNER_DOT.sub("", name.full))
        for text in texts:
            if not text.strip():
                continue
            text = text[:MAX_NAME_LENGTH]
            for address in _ADDRESS_READINGS if has_forms_of_address(text) else ("surname",):
                form = name_form(text, organisation, address)
                marker = form.tokens + form.script_tokens
                if form.tokens and marker not in seen:
                    seen.add(marker)
                    forms.append(form)
    documents = tuple(
        {ev.document_key(d.number) for d in lookout.documents if ev.document_key(d.number)}
    )
    return Entry(lookout, tuple(forms), documents, version)


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    query: ScreeningQuery
    form: NameForm
    nationality: str | None
    document: str | None


def prepare(query: ScreeningQuery) -> PreparedQuery:
    """Check a query and put its name and nationality into comparable form."""
    if not query.name.strip():
        raise ValidationFailed(f"query {query.id!r} has no name")
    if len(query.name) > MAX_NAME_LENGTH:
        raise ValidationFailed(f"query {query.id!r}: name longer than {MAX_NAME_LENGTH}")
    if query.birth_date and not _BIRTH_DATE.match(query.birth_date):
        raise ValidationFailed(
            f"query {query.id!r}: birth date {query.birth_date!r} is not YYYY-MM-DD or YYYY"
        )
    nationality = to_alpha3(query.nationality) if query.nationality else None
    document = ev.document_key(query.document_number) if query.document_number else None
    return PreparedQuery(query, name_form(query.name), nationality, document or None)


def mended(
    prepared: PreparedQuery, vocabulary: Container[str], *, organisation: bool = True
) -> PreparedQuery:
    """``prepared`` without the left-out words it misspells: a query token one slip
    from one of ``DROPPED_WORDS`` ("Abduul", "Egneral") that no listed name holds (none of
    ``vocabulary``) is that word mistyped, not a word of the name that the entry must
    explain. Read as an ``organisation``'s name too, its last words may be a mistyped
    legal form (``_without_slipped_form``)."""
    form = prepared.form
    last = len(form.tokens) - 1
    keep = [
        t in vocabulary or not _misspelt_dropped_word(t, i == last)
        for i, t in enumerate(form.tokens)
    ]
    if not all(keep) and any(keep):
        form = _kept(form, keep)
    if organisation and form.as_organisation is None and len(form.tokens) >= 2:
        without = _without_slipped_form(form, vocabulary)
        if without is not None:
            form = replace(form, as_organisation=without)
    return prepared if form is prepared.form else replace(prepared, form=form)


def _without_slipped_form(form: NameForm, vocabulary: Container[str]) -> NameForm | None:
    """``form`` read as an organisation's name whose legal form is mistyped ("JARVIS
    CONGO SAARL", "GURGEN HOUSE FCZO", "... AONIM SIRKETI"): its last words, not all
    words of listed names and a slip or two from a legal form (``legal_forms.slipped``), left out
    as that form. Only an organisation's reading: the words stay words of the name in
    the form as written."""
    for size in range(min(_SLIPPED_WORDS, len(form.tokens) - 1), 0, -1):
        words = form.tokens[-size:]
        if all(w in vocabulary for w in words):
            continue  # a listed name's words ("WOOD"), not a mistyped form
        legal = slipped("".join(words))
        if legal is None:
            continue
        joined = "".join(words)
        keep = [True] * (len(form.tokens) - size) + [False] * size
        letters = form.letters
        letters = letters[: -len(joined)] if letters.endswith(joined) else letters
        return replace(
            _kept(form, keep), legal_forms=(legal.code, *form.legal_forms), letters=letters
        )
    return None


@lru_cache(maxsize=20_000)
def _misspelt_dropped_word(token: str, last: bool) -> bool:
    # Five letters and more only: "Hazi" is a name one slip from "haji". The last word
    # of a name is not taken for a mistyped form of address: as in ``normalise``, it is
    # more likely a surname ("Tariq Shiekh").
    words = _NOT_ADDRESS if last else DROPPED_WORDS
    return len(token) >= 5 and any(OSA.distance(token, word, score_cutoff=1) <= 1 for word in words)


def _kept(form: NameForm, keep: list[bool]) -> NameForm:
    def only(values: tuple[T, ...]) -> tuple[T, ...]:
        return tuple(v for v, k in zip(values, keep, strict=True) if k)

    weights = only(form.weights)
    return replace(
        form,
        tokens=only(form.tokens),
        keys=only(form.keys),
        folded=only(form.folded),
        weights=weights,
        weight=sum(weights),
    )
