"""Names into the comparable form the index and the scorer work on.

One pass per name: transliterate (keeping the original script), fold case and accents,
remove punctuation, honorifics, particles and organisation suffixes, split joined
prefixes (Abdulrahman, Abu-Bakr), and fold known spelling variants. Name order is not
kept: the scorer aligns tokens, whatever their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
# Legal forms of organisations, written with or without dots ("S.A." -> "s a").
ORG_SUFFIXES = frozenset(
    "ltd limited llc inc incorporated corp corporation co company plc gmbh ag kg bv nv "
    "sa sarl sas srl spa spol sro as ab oy oyj aps asa kft zrt doo dd ad jsc ojsc cjsc "
    "pjsc oao ooo zao pao ao tov llp lp pte pvt pty bhd sdn fze fzco fzc fzllc wll "
    "est establishment cv sab de rl trading group holding holdings international "
    "intl".split()
)
_DROPPED = HONORIFICS | PARTICLES
# Prefixes that clerks write joined to the name they belong to ("Abdulrahman").
_JOINED = re.compile(r"^(abdul|abdel|abdal|abdoul|abd|abu|abou|bin|ibn|al|el)(?=[a-z]{4,}$)")
# "Abdullah" is a name of its own, not the particle abd + "ullah".
_ALLAH = re.compile(r"^[aue]?ll?a(h|kh)?$")
_APOSTROPHES = re.compile("['’‘`ʼʻ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


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


def token_weight(token: str) -> float:
    """How much one token says about who someone is: an initial says little."""
    return 1.0 if len(token) > 2 else 0.4


def latin_tokens(text: str, *, organisation: bool = False) -> tuple[str, ...]:
    """Folded Latin tokens of a name: no case, accents, punctuation or particles."""
    latin = text if text.isascii() else to_latin(text)
    raw = _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", latin.lower())).split()
    tokens: list[str] = []
    for token in raw:
        if token in _DROPPED:
            continue
        tokens.append(_unjoined(token) if len(token) > 6 else token)
    if organisation or _looks_like_organisation(raw):
        while len(tokens) > 1 and tokens[-1] in ORG_SUFFIXES:
            tokens.pop()
        tokens = [t for t in tokens if t not in ("s", "a", "c", "v")] or tokens
    # A name that is all particles ("Abu Abbas" is not; "Al" alone is) keeps its words.
    if not tokens:
        tokens = [t for t in raw if t not in HONORIFICS] or raw
    return tuple(tokens)


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


def _looks_like_organisation(raw: list[str]) -> bool:
    return len(raw) > 1 and raw[-1] in ORG_SUFFIXES and raw[-1] not in ("co", "sa", "as")


@lru_cache(maxsize=100_000)
def name_form(text: str, organisation: bool = False) -> NameForm:
    """The comparable form of one name written in any script."""
    script = "latin" if text.isascii() else script_of(text)
    tokens = latin_tokens(text, organisation=organisation)
    script_tokens: tuple[str, ...] = ()
    if script != "latin":
        folded = re.sub(r"[^\w]+", " ", fold_script(text)).split()
        script_tokens = tuple(_strip_article(t) for t in folded if t not in _SCRIPT_PARTICLES)
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
    )


# Particles in Arabic and Cyrillic script, dropped like their Latin renderings.
_SCRIPT_PARTICLES = frozenset(["بن", "ابن", "ابو", "بنت", "عبد", "ال"])


def _strip_article(token: str) -> str:
    # Arabic writes the article joined to the word: التكريتي is al-Tikriti.
    return token[2:] if token.startswith("ال") and len(token) > 3 else token
