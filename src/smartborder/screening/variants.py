"""Spellings of one name across transliteration systems, folded to one form.

Two layers, both ours because no permissively licensed library covers Arabic and
Cyrillic personal names this way (phonetic libraries such as Metaphone target English
spelling and merge too much or too little for "Muhammad"/"Mohamed"/"Mukhammad"):

1. ``canonical``: a small table of name groups that rules cannot join (Mikhail and
   Michael, Iosif and Yusuf...), each spelling mapped to the group's first member.
2. ``skeleton``: a consonant key that joins what the rules can: vowels dropped, doubled
   letters collapsed, and letters that transliteration systems render differently
   folded together (kh/h, q/k/c, j/dj/dzh/zh, v/w, ph/f, ou/u...). "Muhammad",
   "Mohamed" and "Mukhammad" all give "mhmd"; "Youssef", "Yusuf" and "Jusuf" give "ysf".
"""

from __future__ import annotations

import re
from functools import lru_cache

_GROUPS = (
    "muhammad mohammed mohammad mohamed mohamad muhammed mohamud mukhammad mukhamed "
    "mehmet mahomed muhamed mouhamed mohammod mohd",
    "ahmad ahmed akhmed achmed ahmet",
    "yusuf yousef youssef yusef jusuf yousuf yussuf iosif",
    "husayn hussein hussain hussien husein hossein huseyn gusein khusein",
    "hasan hassan hasen khasan",
    "abdullah abdulla abdallah abdalla",
    "umar omar omer oumar",
    "uthman othman osman usman",
    "usama osama oussama",
    "ibrahim ebrahim ibragim brahim",
    "ismail ismael ismayil",
    "yahya yahia yehia",
    "sergey sergei serguei sergej sergiy serhiy",
    "aleksandr alexander aleksander alexandre oleksandr alexandr",
    "yevgeny yevgeniy evgeny evgeniy evgenij eugene yevhen",
    "dmitry dmitri dmitriy dmitrij",
    "yuri yuriy yury jurij yurii",
    "mikhail michael mikhael mykhailo michail",
    "nikolay nikolai nicolai mykola nicholas",
    "pyotr petr peter petro",
    "aleksey alexey alexei aleksei oleksiy",
    "vyacheslav viacheslav wiaczeslaw",
    "andrey andrei andriy andrew",
    "vladimir volodymyr wladimir",
    "grigory grigoriy gregory hryhoriy",
    "fyodor fedor feodor theodore",
)


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _GROUPS:
        members = group.split()
        for member in members:
            table[member] = members[0]
    return table


_CANONICAL = _table()


def canonical(token: str) -> str:
    """The group's form of a known name spelling; any other token unchanged."""
    return _CANONICAL.get(token, token)


# Multi-letter renderings first, so that "dzh" is not read as "d" + "zh".
_FOLDS = (
    ("shch", "s"),
    ("tsch", "c"),
    ("dzh", "j"),
    ("sch", "s"),
    ("tch", "c"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
)
_FOLD_RE = re.compile("|".join(re.escape(a) for a, _ in _FOLDS))
_FOLD_MAP = dict(_FOLDS)
_VOWELS = re.compile("[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


_VOWEL_FOLDS = re.compile("ee|ou|oo|(?<=.)y")
_VOWEL_MAP = {"ee": "i", "ou": "u", "oo": "u", "y": "i"}


def fold(token: str) -> str:
    """A token with the letters transliteration systems disagree on folded, vowels kept:
    "dzhavkhar" and "jawhar" both give "javhar", "Aly" and "Alee" give "ali"."""
    consonants = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], token)
    vowels = _VOWEL_FOLDS.sub(lambda m: _VOWEL_MAP[m.group(0)], consonants)
    return _DOUBLES.sub(r"\1", vowels)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant key of a Latin token (lower-case ASCII letters expected)."""
    folded = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], token)
    # A final h is a vowel marker in romanised Arabic and Persian (Abdullah, Fatimah).
    if folded.endswith("h") and len(folded) > 3:
        folded = folded[:-1]
    # An initial y is a consonant (Yahya, Yusuf); everywhere else it is a vowel.
    head = "y" if folded.startswith("y") else ""
    consonants = head + _VOWELS.sub("", folded[1:] if head else folded)
    return _DOUBLES.sub(r"\1", consonants)


# Other alphabets' letters for the sounds the lists write the English way. German (Duden)
# and the Slavic and Turkic Latin alphabets (GOST 7.79, Uzbek) write kh as ch or x, j as
# dsch, y as j, v as w and a z between vowels as s; French writes sh as ch and
# ch as tch. One pass per reading, so that a rendering is never read twice.
_GERMAN = re.compile(r"dsch|tsch|sch|ch|x|w|j(?=[aeiouj])|(?<=[aeiou])j$|(?<=[aeiou])s(?=[aeiou])")
_GERMAN_MAP = {"dsch": "j", "tsch": "ch", "sch": "sh", "ch": "kh", "x": "kh", "w": "v"}
_FRENCH = re.compile(r"tch|ch|dj")
_FRENCH_MAP = {"tch": "ch", "ch": "sh", "dj": "j"}


def _german(match: re.Match[str]) -> str:
    text = match.group(0)
    if text == "j":
        return "y"
    if text == "s":
        return "z"
    return _GERMAN_MAP[text]


@lru_cache(maxsize=100_000)
def other_readings(token: str) -> tuple[str, ...]:
    """A token read as German (or Slavic, Turkic) and as French spelling would, written
    the lists' English way: "achmed" and "dschafar" give "akhmed" and "jafar",
    "chaykh" gives "shaykh". Only the readings that differ from the token."""
    found = []
    for pattern, repl in ((_GERMAN, _german), (_FRENCH, lambda m: _FRENCH_MAP[m.group(0)])):
        read = pattern.sub(repl, token)
        if read != token and read not in found:
            found.append(read)
    return tuple(found)


@lru_cache(maxsize=100_000)
def folded_readings(token: str) -> tuple[str, ...]:
    """``other_readings`` of a token, each folded (``fold``): what the scorer compares."""
    return tuple(fold(read) for read in other_readings(token))
