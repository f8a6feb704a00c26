"""How the benchmark misspells and respells a listed name, independently of the engine.

Nothing here is taken from ``smartborder.screening``: the typo model is a keyboard's, and
the respellings come from published romanisation tables that the engine does not use.

- Typos (``mistype``): a key's neighbour on a QWERTY keyboard struck instead, two
  neighbouring letters transposed, a letter dropped or doubled, anywhere in a word (the
  first and the last letters included).
- Cyrillic romanisations (``romanise``): the engine reads Cyrillic through ``anyascii``,
  whose output follows BGN/PCGN. The bench writes a Russian rendering of the name
  (``to_cyrillic``) and romanises it back with one of six other published systems, as
  tabulated in Wikipedia's "Romanization of Russian" comparison table:
  ISO 9:1995 (with its diacritics), GOST 7.79-2000 system B, ALA-LC (Library of
  Congress, 1997 tables, as typed without the tie marks), the ICAO Doc 9303 table that
  Russian passports use since 2013, the German Duden transcription and the usual French
  transcription.
- Arabic names written the French or the German way (``arabic_rendering``): the lists
  write Arabic names in an English transcription (sh, kh, j, u, w, y); French usage
  (Wikipedia, "Transcription de l'arabe", transcription usuelle: ch, kh, dj, ou, k for
  qaf, ss between vowels) and German usage (Wikipedia, "Arabisches Alphabet" and Duden's
  "Deutsche Transkription": sch, ch, dsch, j, s) write the same letters otherwise.
"""

from __future__ import annotations

import random
import re
import unicodedata

# A US QWERTY keyboard, row by row; each row sits about half a key right of the one above.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    near: dict[str, str] = {}
    for r, row in enumerate(_ROWS):
        for i, key in enumerate(row):
            keys = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:  # the two keys above: same index and the next one
                keys += [_ROWS[r - 1][j] for j in (i, i + 1) if j < len(_ROWS[r - 1])]
            if r < 2:  # the two keys below: the previous index and the same one
                keys += [_ROWS[r + 1][j] for j in (i - 1, i) if 0 <= j < len(_ROWS[r + 1])]
            near[key] = "".join(keys)
    return near


QWERTY_NEIGHBOURS = _neighbours()  # "s" -> "adwezx", "m" -> "njk"
TYPO_OPERATIONS = ("neighbour key", "transposed", "dropped", "doubled")


def typo(rng: random.Random, word: str) -> str:
    """``word`` with one keyboard slip at a random position (its case kept)."""
    lower = word.lower()
    for _ in range(20):
        op = rng.choice(TYPO_OPERATIONS)
        i = rng.randrange(len(word))
        if op == "neighbour key" and lower[i] in QWERTY_NEIGHBOURS:
            key = rng.choice(QWERTY_NEIGHBOURS[lower[i]])
            changed = word[:i] + (key.upper() if word[i].isupper() else key) + word[i + 1 :]
        elif op == "transposed" and i < len(word) - 1 and lower[i] != lower[i + 1]:
            changed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "dropped" and len(word) > 2:
            changed = word[:i] + word[i + 1 :]
        elif op == "doubled":
            changed = word[:i] + word[i] + word[i:]
        else:
            continue
        if changed.lower() != lower:
            return changed
    return word


def mistype(
    rng: random.Random, name: str, typos: int, keep: frozenset[str] = frozenset()
) -> str | None:
    """``name`` with ``typos`` slips, each in a word of four letters or more chosen at
    random (two may fall in the same word); words in ``keep`` (lower case) are left."""
    tokens = name.split()
    long = [
        i
        for i, t in enumerate(tokens)
        if sum(c.isalpha() for c in t) >= 4 and t.lower().strip(".,") not in keep
    ]
    if not long:
        return None
    for _ in range(typos):
        i = rng.choice(long)
        tokens[i] = typo(rng, tokens[i])
    changed = " ".join(tokens)
    return changed if changed.lower() != name.lower() else None


def words(text: str) -> list[str]:
    """Lower-case ASCII words of a name (the bench's own folding, not the engine's)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded.replace("'", ""))


# An English-reading Russian rendering of a Latin name, for the "cyrillic rendering" kind
# and as the first half of a round trip through another romanisation system.
_TO_CYRILLIC = (
    ("shch", "щ"), ("sch", "щ"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"),
    ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"),
    ("c", "к"), ("q", "к"), ("w", "в"), ("x", "кс"), ("j", "дж"),
)  # fmt: skip


def to_cyrillic(name: str) -> str:
    out = []
    for word in words(name):
        i, built = 0, ""
        while i < len(word):
            for latin, cyr in _TO_CYRILLIC:
                if word.startswith(latin, i):
                    built += cyr
                    i += len(latin)
                    break
            else:
                built += word[i]
                i += 1
        out.append(built.capitalize())
    return " ".join(out)


_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _table(*letters: str) -> dict[str, str]:
    assert len(letters) == len(_RU), len(letters)
    return dict(zip(_RU, letters, strict=True))


# Column by column from the comparison table (а б в г д е ё ж з и й к л м н о п р с т у
# ф х ц ч ш щ ъ ы ь э ю я). Context rules (Duden's je-, French gu-, ss) are in ``romanise``.
SYSTEMS: dict[str, dict[str, str]] = {
    "ISO 9": _table(
        "a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "h", "c", "č", "š", "ŝ", "ʺ", "y", "ʹ", "è", "û", "â",
    ),
    "GOST 7.79 B": _table(
        "a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "j", "k", "l", "m", "n", "o",
        "p", "r", "s", "t", "u", "f", "x", "c", "ch", "sh", "shh", "``", "y'", "`", "e`",
        "yu", "ya",
    ),
    "ALA-LC": _table(
        "a", "b", "v", "g", "d", "e", "ë", "zh", "z", "i", "ĭ", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ʺ", "y", "ʹ", "ė", "iu",
        "ia",
    ),
    "ICAO 9303": _table(
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu",
        "ia",
    ),
    "Duden": _table(
        "a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "i", "k", "l", "m", "n", "o",
        "p", "r", "s", "t", "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e",
        "ju", "ja",
    ),
    "French": _table(
        "a", "b", "v", "g", "d", "e", "io", "j", "z", "i", "ï", "k", "l", "m", "n", "o",
        "p", "r", "s", "t", "ou", "f", "kh", "ts", "tch", "ch", "chtch", "", "y", "", "e",
        "iou", "ia",
    ),
}  # fmt: skip
_RU_VOWELS = set("аеёиоуыэюя")


def romanise(cyrillic: str, system: str) -> str:
    """Russian Cyrillic in ``system``'s Latin letters, with Duden's and the French
    system's rules of position (е as je/ie after a vowel or at the start, с as ss
    between vowels, French г as gu before е and и, и and й as ï after a vowel)."""
    table = SYSTEMS[system]
    out = []
    for word in cyrillic.split():
        low = word.lower()
        built = ""
        for i, char in enumerate(low):
            before = low[i - 1] if i else ""
            after = low[i + 1] if i + 1 < len(low) else ""
            latin = table.get(char, char)
            if system in ("Duden", "French"):
                if char == "е" and (not before or before in _RU_VOWELS | {"ь", "ъ"}):
                    latin = "je" if system == "Duden" else "ie"
                elif char == "с" and before in _RU_VOWELS and after in _RU_VOWELS:
                    latin = "ss"
            if system == "French":
                if char == "г" and after in ("е", "и", "э", "ы"):
                    latin = "gu"
                elif char in "ий" and before in _RU_VOWELS:
                    latin = "ï"
            built += latin
        out.append(built[:1].upper() + built[1:])
    return " ".join(out)


# English transcription of Arabic names -> French and German usage, applied in order.
ARABIC_RENDERINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "French": (
        (r"ch", "tch"),  # English ch (Persian che) is French tch
        (r"sh", "ch"),
        (r"j", "dj"),
        (r"q", "k"),
        (r"ee|ie", "i"),
        (r"oo", "ou"),
        (r"(?<!o)u", "ou"),
        (r"w(?=[aeiy])", "ou"),
        (r"(?<=[aeiou])s(?=[aeiou])", "ss"),
        (r"g(?=[ei])", "gu"),
    ),
    "German": (
        (r"ch", "tsch"),
        (r"sh", "sch"),
        (r"kh", "ch"),
        (r"j", "dsch"),
        (r"y(?=[aeiou])", "j"),
        (r"z", "s"),
        (r"ee|ie", "i"),
        (r"oo|ou", "u"),
        (r"v", "w"),
    ),
}


def arabic_rendering(rng: random.Random, name: str, usage: str) -> str | None:
    """``name`` (an English transcription) as ``usage`` writes it, one or two words
    changed (a clerk rarely respells every word), or None if no rule applies."""
    tokens = name.split()
    order = list(range(len(tokens)))
    rng.shuffle(order)
    wanted, changed = rng.choice((1, 2, 2)), 0
    for i in order:
        low = tokens[i].lower()
        new = low
        for pattern, replacement in ARABIC_RENDERINGS[usage]:
            new = re.sub(pattern, replacement, new)
        if new != low:
            tokens[i] = new.capitalize()
            changed += 1
            if changed >= wanted:
                break
    result = " ".join(tokens)
    return result if changed else None


# Legal forms as the benchmark writes them (its own list, each with other spellings).
LEGAL_FORMS = (
    ("LIMITED", "LTD", "LTD."),
    ("COMPANY LIMITED", "CO., LTD.", "CO. LTD"),
    ("LLC", "L.L.C."),
    ("INC.", "INC", "INCORPORATED"),
    ("CORPORATION", "CORP.", "CORP"),
    ("S.A.", "SA", "S.A"),
    ("S.A. DE C.V.", "SA DE CV"),
    ("S.R.L.", "SRL"),
    ("GMBH", "GmbH"),
    ("FZE", "F.Z.E."),
    ("JSC", "J.S.C."),
    ("LTDA.", "LTDA"),
)
_FORM_OF = {s: group for group in LEGAL_FORMS for s in group}
_LONGEST_FIRST = sorted(_FORM_OF, key=len, reverse=True)
LEGAL_WORDS = frozenset(w.lower().strip(".,") for s in _FORM_OF for w in s.split())


def split_legal_form(name: str) -> tuple[str, str]:
    """(name without its legal form, the form) when it ends with one of ``LEGAL_FORMS``."""
    upper = name.upper().rstrip()
    for form in _LONGEST_FIRST:
        if upper.endswith(" " + form.upper()):
            base = name[: len(upper) - len(form)].rstrip(" ,")
            return base, form
    return name, ""


def other_legal_form(rng: random.Random, name: str) -> str:
    """``name`` with its legal form dropped or spelt another way, or with one added."""
    base, form = split_legal_form(name)
    if not form:
        return f"{base} {rng.choice(rng.choice(LEGAL_FORMS))}"
    others = [s for s in _FORM_OF[form.upper()] if s.upper() != form.upper()]
    if others and rng.random() < 0.5:
        return f"{base}{',' if rng.random() < 0.3 else ''} {rng.choice(others)}"
    return base
