"""Names in the MRZ: ``SURNAME<<GIVEN<NAMES`` padded with ``<``, and how to write them.

Writing a name follows Doc 9303 part 3 section 6: upper case Latin letters only, the
recommended transliterations for letters with diacritics (Ä → AE, ß → SS, Ø → OE...),
spaces and hyphens become ``<``, apostrophes and other punctuation are dropped. When the
name does not fit, the given names are cut first and the surname last.
"""

from __future__ import annotations

import unicodedata

# Doc 9303 part 3, table of recommended transliterations for Latin letters that do not
# decompose into a base letter and a mark. The others lose their marks through NFKD.
_TRANSLITERATIONS = {
    "Ä": "AE",
    "Å": "AA",
    "Æ": "AE",
    "Ð": "D",
    "Đ": "D",
    "Ö": "OE",
    "Ø": "OE",
    "Ü": "UE",
    "ß": "SS",
    "Þ": "TH",
    "Œ": "OE",
    "Ł": "L",
    "Ħ": "H",
    "Ŧ": "T",
    "Ŋ": "N",
    "Ĳ": "IJ",
    "ẞ": "SS",
}


def transliterate(text: str) -> str:
    """``text`` in MRZ characters: upper case A-Z, ``<`` for spaces and hyphens."""
    out: list[str] = []
    for char in text.upper():
        if "A" <= char <= "Z":
            out.append(char)
        elif char in " -":
            out.append("<")
        elif char in _TRANSLITERATIONS:
            out.append(_TRANSLITERATIONS[char])
        else:
            base = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in base if "A" <= c <= "Z"))
    return "".join(out)


def encode_name(surname: str, given_names: tuple[str, ...], width: int) -> tuple[str, bool]:
    """The name field of ``width`` characters, and whether anything had to be cut."""
    primary = "<".join(p for p in transliterate(surname).split("<") if p)
    secondary = "<".join(p for g in given_names for p in transliterate(g).split("<") if p)
    field = f"{primary}<<{secondary}" if secondary else primary
    if len(field) <= width:
        return field.ljust(width, "<"), False
    # Cut the given names first; keep at least their initial when the surname allows.
    room = width - len(primary) - 2
    if room >= 1:
        return (f"{primary}<<{secondary[:room]}").ljust(width, "<"), True
    return primary[:width].ljust(width, "<"), True


def decode_name(field: str) -> tuple[str, tuple[str, ...]]:
    """The surname and the given names of a name field (fillers become spaces)."""
    body = field.rstrip("<")
    surname, _, given = body.partition("<<")
    surname = " ".join(p for p in surname.split("<") if p)
    given_names = tuple(p for p in given.split("<") if p)
    return surname, given_names
