"""Names packed into one field of a list, taken apart so that each is a name of its own.

The UN consolidated list writes several spellings into one ``ALIAS_NAME`` (and now and
then into an entity's ``FIRST_NAME``): "Javad Rahigi; Jawad Rahigi; Jawad Rahiqi",
"Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet", a spelling in another script
in brackets ("Jin Tiesan (金铁三)", "Abubakar (original script: Абубакар)", "حسن غول
(Hassan Ghul; Hassan Gul)"), and notes that are no part of the name ("(birth name)",
"(previously listed as)", ", born 1 Jan. 1953 (...)"). Screened whole, such a field is
no one's name; taken apart, each spelling finds its entry.

Brackets that hold neither another script, nor a list, nor a note stay in the name:
"Al-Qaida in Yemen (AQY)", "Leader (Hong Kong) International Trading Limited".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NOTES = re.compile(
    r"^(birth name|previously listed as|combat name|third|original script|"
    r"false identity\b.*|formerly listed as|nom de guerre)$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(r"^original script\s*:\s*", re.IGNORECASE)
_BORN = re.compile(r",?\s+born\b.*$", re.IGNORECASE | re.DOTALL)
# "... Sabet b) M. Javad ...": the UN's enumeration of the second and later spellings.
_ENUMERATOR = re.compile(r"(?:^|\s)[a-h]\)\s+")


@dataclass(frozen=True, slots=True)
class PackedName:
    """One name taken out of a packed field, with its spelling in another script."""

    text: str
    original_script: str | None = None


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (accented or not)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it stands outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _groups(text: str) -> tuple[str, list[str]]:
    """``text`` without its top-level bracketed groups, and the groups' contents."""
    outside: list[str] = []
    groups: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                outside.append(text[start:i])
                start = i + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
                start = i + 1
    if depth:  # an unclosed bracket: the rest is the group
        groups.append(text[start:])
    else:
        outside.append(text[start:])
    return "".join(outside), groups


def _one(text: str) -> list[PackedName]:
    """The names in one spelling that has no top-level ";" left."""
    text = _BORN.sub("", text).strip(" ,;")
    if "(" not in text:
        return [PackedName(" ".join(text.split()))] if text.strip(" ,;") else []
    outside, groups = _groups(text)
    kept: list[str] = []  # groups that are part of the name: acronyms, places
    script: str | None = None
    more: list[PackedName] = []
    for group in groups:
        inner = group.strip()
        if not inner or _NOTES.match(inner):
            continue
        if _ORIGINAL.match(inner):
            script = _ORIGINAL.sub("", inner).strip() or script
        elif len(_split_top(inner, ";")) > 1 or is_latin(inner) != is_latin(outside):
            more.extend(n for part in _split_top(inner, ";") for n in _one(part))
        else:
            kept.append(f"({inner})")
    if kept:
        # Put the kept groups back where they stood, dropping only what was taken out.
        name = text
        for group in groups:
            if f"({group.strip()})" not in kept:
                name = name.replace(f"({group})", " ")
        outside = name
    name = " ".join(outside.split()).strip(" ,;")
    if not is_latin(name) and more and is_latin(more[0].text) and script is None:
        # "حسن غول (Hassan Ghul; Hassan Gul)": the Latin spellings, the first with the script.
        return [PackedName(more[0].text, name), *more[1:]]
    if is_latin(name) and script is None:
        others = [m for m in more if not is_latin(m.text)]
        if others:  # "Jin Tiesan (金铁三)"
            script = others[0].text
            more = [m for m in more if m is not others[0]]
    found = [PackedName(name, script)] if name else []
    return found + more


def unpack(text: str) -> list[PackedName]:
    """Every name packed into one field, in the order written, without repeats."""
    names: list[PackedName] = []
    for part in _split_top(text, ";"):
        for piece in _ENUMERATOR.split(part):
            for name in _one(piece):
                if name.text and name not in names:
                    names.append(name)
    return names
