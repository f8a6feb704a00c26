"""Names into the comparable form the index and the scorer work on.

One pass per name: transliterate (keeping the original script), fold case and accents,
remove punctuation, honorifics, particles and legal forms (``legal_forms``), join
abbreviations ("A.S.P.", "A S P"), split joined prefixes (Abdulrahman, Abu-Bakr), and
fold known spelling variants. Name order is not
kept: the scorer aligns tokens, whatever their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from smartborder.screening.legal_forms import peel
from smartborder.screening.transliterate import fold_script, script_of, to_latin
from smartborder.screening.variants import canonical, fold, skeleton

# Particles carry no identity: "al-Tikriti", "bin Laden", "Abu Bakr", "van der Berg".
PARTICLES = frozenset(
    "al el ul ad ar as at an az ash bin ben ibn bint binti bte abu abou abd abdul abdel "
    "abdal abdoul abdu de da del della dei di do dos das du van von der den ter le la "
    "y e".split()
)
# Forms of address and ranks that lists and clerks put in front of a name.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir lord lady dame sheikh shaykh sheik shaikh haji hajji "
    "hadji hajj alhaj alhajj mullah mulla maulana maulvi mawlawi moulvi qari imam "
    "sayyid sayed syed general gen colonel col major maj captain capt lieutenant lt "
    "brigadier admiral commander cmdr sergeant sgt his her excellency he hon honourable "
    "honorable rev reverend father".split()
)
# What becomes of the forms of address in a name. "surname": left out, but for the last
# word, which is more likely a surname ("Tariq Sheikh", "Wei He") than a title put after
# the name; "dropped": all left out; "kept": none left out. A query is read "surname";
# a listed name is indexed all three ways, so that however the traveller's name is
# ordered ("Omar Mullah" for a listed "Mullah Omar"), the words on both sides agree.
Address = Literal["surname", "dropped", "kept"]
# Prefixes that clerks write joined to the name they belong to ("Abdulrahman"). The
# article al/el only before a letter that begins Arabic names far more often than it
# follows "Al"/"El" in European ones ("Alhassan", "Elsayed", "Alqahtani", "Alghamdi"):
# "Alexander", "Elizabeth", "Alberto", "Alvarez" and "Electronics" are words of their own.
_JOINED = re.compile(
    r"^(?:(abdul|abdel|abdal|abdoul|abd|abu|abou|bin|ibn)(?=[a-z]{4,}$)"
    r"|(al|el)(?=(?:[hjknqrswz]|[tdg]h)[a-z]{3,}$))"
)
# "Abdullah" is a name of its own, not the particle abd + "ullah".
_ALLAH = re.compile(r"^[aue]?ll?a(h|kh)?$")
_APOSTROPHES = re.compile("['’‘`ʼʻ]")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to compare: Latin tokens, their keys, and the original script."""

    display: str  # as the list or the query wrote it
    tokens: tuple[str, ...]  # folded Latin tokens, particles removed
    keys: tuple[str, ...]  # consonant key of each token's name group (``variants``)
    folded: tuple[str, ...]  # each token with transliteration digraphs folded
    script: str  # "latin", "arabic", "cyrillic"...
    script_tokens: tuple[str, ...] = ()  # the original-script tokens, folded
    weight: float = 0.0  # the summed weights of ``tokens`` (see ``token_weight``)
    weights: tuple[float, ...] = ()  # the weight of each token
    legal_forms: tuple[str, ...] = ()  # left out of ``tokens`` ("S.A.", "Ltd."): weak evidence
    # The form read as an organisation's, when an ambiguous legal form ("Ag", "Co") ends
    # the name: the engine compares it with listed organisations, vessels and aircraft.
    as_organisation: NameForm | None = None
    # Of a person's query: whether each token is itself a word of some listed name (the
    # engine fills it in; ``tokens.KNOWN_FACTOR`` says why).
    known: tuple[bool, ...] = ()
    # The Latin letters of the name without its legal form, particles and all, as one
    # word: an organisation's name is also compared this way (``names.glued``).
    letters: str = ""


def token_weight(token: str) -> float:
    """How much one token says about who someone is: an initial says little."""
    return 1.0 if len(token) > 2 else 0.4


def latin_tokens(
    text: str, *, organisation: bool = False, address: Address = "surname"
) -> tuple[str, ...]:
    """Folded Latin tokens of a name: no case, accents, punctuation, particles or legal
    form (an ambiguous one, "Ag", "Co", only when read as an ``organisation``'s)."""
    raw, glued = _raw_tokens(text)
    peeled = peel(raw, glued)
    return _words(raw, glued, peeled.organisation_end if organisation else peeled.end, address)


def has_forms_of_address(text: str) -> bool:
    """Whether the name holds a word of ``HONORIFICS``: its ``Address`` readings differ."""
    return not HONORIFICS.isdisjoint(_raw_tokens(text)[0])


@lru_cache(maxsize=100_000)
def _raw_tokens(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Every letter-and-digit run, and whether each is one abbreviation with the one
    before: short pieces joined by a lone dot ("A.S.P.", "AR.P.C.")."""
    latin = text if text.isascii() else to_latin(text)
    lowered = _APOSTROPHES.sub("", latin.lower())
    tokens: list[str] = []
    glued: list[bool] = []
    before = -1
    for word in _WORD.finditer(lowered):
        token = word.group()
        glued.append(
            before >= 0
            and lowered[before : word.start()] == "."
            and len(token) <= 2
            and len(tokens[-1]) <= 2
        )
        tokens.append(token)
        before = word.end()
    return tuple(tokens), tuple(glued)


def _words(
    raw: tuple[str, ...], glued: tuple[bool, ...], end: int, address: Address
) -> tuple[str, ...]:
    """The words of the name in ``raw[:end]``: abbreviations joined, particles and forms
    of address dropped (as ``address`` says)."""
    joined: list[str] = []
    for i in range(end):
        token = raw[i]
        if glued[i] or (i and len(token) == 1 and len(raw[i - 1]) == 1):
            # "A.S.P.", "AR.P.C.", "E. S." and "A S P" are one word however written.
            joined[-1] += token
            continue
        joined.append(token)
    tokens: list[str] = []
    last = len(joined) - 1
    for i, token in enumerate(joined):
        if token in PARTICLES or (
            token in HONORIFICS and not _kept_address(address, i == last and bool(tokens))
        ):
            continue
        tokens.append(_unjoined(token) if len(token) > 6 else token)
    # A name that is all particles ("Abu Abbas" is not; "Al" alone is) keeps its words.
    if not tokens:
        tokens = [t for t in joined if t not in HONORIFICS] or joined
    return tuple(tokens)


def _kept_address(address: Address, surname: bool) -> bool:
    """Whether a form of address stays in the name; ``surname``: it is the last word,
    after a word that stays."""
    return address == "kept" or (address == "surname" and surname)


@lru_cache(maxsize=100_000)
def _unjoined(token: str) -> str:
    joined = _JOINED.match(token)
    if joined and not _ALLAH.match(token[joined.end() :]):
        return token[joined.end() :]
    return token


@lru_cache(maxsize=500_000)
def _token_facts(token: str) -> tuple[str, str, float]:
    """A token's consonant key, folded spelling and weight (tokens recur: cached)."""
    return skeleton(canonical(token)), fold(token), token_weight(token)


@lru_cache(maxsize=100_000)
def name_form(text: str, organisation: bool = False, address: Address = "surname") -> NameForm:
    """The comparable form of one name written in any script.

    Read as an ``organisation``'s name (a listed entity), every legal form at its end is
    left out of the tokens. Read as anyone's (a query, a listed person), the ambiguous
    ones ("Moussa Ag") stay, and the form says how it reads as an organisation's.
    """
    script = "latin" if text.isascii() else script_of(text)
    raw, glued = _raw_tokens(text)
    peeled = peel(raw, glued)
    script_tokens: tuple[str, ...] = ()
    if script != "latin":
        folded = re.sub(r"[^\w]+", " ", fold_script(text)).split()
        script_tokens = tuple(_strip_article(t) for t in folded if t not in _SCRIPT_PARTICLES)
    if organisation:
        return _form(
            text,
            script,
            script_tokens,
            _words(raw, glued, peeled.organisation_end, address),
            peeled.organisation_forms,
            letters="".join(raw[: peeled.organisation_end]),
        )
    as_organisation = None
    if peeled.organisation_end != peeled.end:
        as_organisation = _form(
            text,
            script,
            script_tokens,
            _words(raw, glued, peeled.organisation_end, address),
            peeled.organisation_forms,
            letters="".join(raw[: peeled.organisation_end]),
        )
    words = _words(raw, glued, peeled.end, address)
    letters = "".join(raw[: peeled.end])
    return _form(text, script, script_tokens, words, peeled.forms, as_organisation, letters)


def _form(
    text: str,
    script: str,
    script_tokens: tuple[str, ...],
    tokens: tuple[str, ...],
    legal_forms: tuple[str, ...],
    as_organisation: NameForm | None = None,
    letters: str = "",
) -> NameForm:
    facts = [_token_facts(t) for t in tokens]
    weights = tuple(f[2] for f in facts)
    return NameForm(
        display=text.strip(),
        tokens=tokens,
        keys=tuple(f[0] for f in facts),
        folded=tuple(f[1] for f in facts),
        script=script,
        script_tokens=script_tokens,
        weight=sum(weights),
        weights=weights,
        legal_forms=legal_forms,
        as_organisation=as_organisation,
        letters=letters,
    )


# Particles in Arabic and Cyrillic script, dropped like their Latin renderings.
_SCRIPT_PARTICLES = frozenset(["بن", "ابن", "ابو", "بنت", "عبد", "ال"])


def _strip_article(token: str) -> str:
    # Arabic writes the article joined to the word: التكريتي is al-Tikriti.
    return token[2:] if token.startswith("ال") and len(token) > 3 else token
