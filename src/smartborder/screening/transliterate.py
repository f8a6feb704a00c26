"""Non-Latin names into Latin letters, keeping the original script beside them.

General transliteration is ``anyascii`` (ISC licence; Unidecode would do the same job but
is GPL). Arabic gets our own table first, for two reasons that anyascii cannot serve:
it drops the long vowels (ا و ي) that Latin renderings keep ("sdm" for صدام instead of
"sadam"), and it does not separate the article ال, which the name normaliser must see as
a particle. Cyrillic goes through anyascii, whose output follows BGN/PCGN ("Sergey",
"Khamatovich"); the other systems (GOST "Sergej", French "Sergueï") are met by the
spelling-variant folding in ``variants``, not by a second table.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Letters a clerk may type for the same Arabic letter are folded first (alef forms, teh
# marbuta, alef maqsura, Persian yeh and keheh) so that script-to-script comparison and
# the table below both see one letter.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel, a stretching stroke
    }
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")  # harakat and Quranic marks

_ARABIC_TO_LATIN = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "u",
    "ي": "i",
    "ء": "",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
}


def script_of(text: str) -> str:
    """The first non-Latin script of the letters in ``text``, or "latin"."""
    for char in text:
        if char.isalpha() and ord(char) > 0x24F:
            try:
                return unicodedata.name(char).split()[0].lower()
            except ValueError:
                return "other"
    return "latin"


def fold_arabic(text: str) -> str:
    """Arabic text with vowel marks removed and variant letters folded into one."""
    return _ARABIC_MARKS.sub("", text.translate(_ARABIC_FOLD))


def _arabic_word(word: str) -> str:
    # The article ال opens many names; keep it apart so the normaliser drops it.
    if word.startswith("ال") and len(word) > 3:
        return "al " + _arabic_word(word[2:])
    out = []
    for i, char in enumerate(word):
        latin = _ARABIC_TO_LATIN.get(char)
        if latin is None:
            out.append(anyascii(char))
        elif char == "و" and i == 0:
            out.append("w")
        elif char == "ي" and i == 0:
            out.append("y")
        else:
            out.append(latin)
    return "".join(out)


# Letters with a hacek are one English digraph each (ISO 9, the Czech, Croatian and
# Lithuanian alphabets): "Žukov" is Zhukov, "Stanišić" is Stanishich, not "Zukov".
# ``anyascii`` alone would drop the mark and the sound with it.
_HACEK = str.maketrans(
    {"ž": "zh", "Ž": "Zh", "š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ŝ": "shch", "Ŝ": "Shch"}
)


def to_latin(text: str) -> str:
    """A Latin rendering of a name in any script (Latin input comes back as ASCII)."""
    text = text.translate(_HACEK)
    script = script_of(text)
    if script == "arabic":
        folded = fold_arabic(text)
        return " ".join(
            _arabic_word(w) if script_of(w) == "arabic" else anyascii(w) for w in folded.split()
        )
    return anyascii(text)


def fold_script(text: str) -> str:
    """The original-script form compared script to script: folded, lower case, no marks."""
    if script_of(text) == "arabic":
        text = fold_arabic(text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Keep letters whole (Cyrillic й is и + breve; folding it to и is what clerks do too).
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ё", "е")
