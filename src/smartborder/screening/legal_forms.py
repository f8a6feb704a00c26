"""Legal forms of organisations ("S.A. de C.V.", "GmbH", "Co., Ltd."), found where they stand.

One table and one reader serve both sides: a listed name and a query name go through
``peel``, so that "EUROCAMBIO S.A.", "EUROCAMBIO SA", "Eurocambio, S. A." all leave the
name EUROCAMBIO and the legal form S.A. A legal form is weak evidence, never a word of the
name: two companies that differ only by it are the same name, and one that agrees adds
little (``evidence.legal_form``).

A legal form stands at the end of a name, alone or chained ("Co., Ltd.", "GmbH & Co. KG",
"y Cía. S. en C.S."), however it is dotted or spaced: the letters of the last tokens are
compared joined, so "S.A. de C.V.", "SA DE CV" and "S.A.DE C.V." are one form. A word in
the middle of a name is a word of the name ("Bah Ag Moussa").

Some forms are also words of people's names: "Ag" is a Tuareg particle, "Co", "Sa" and
"Pao" are surnames, and two initials ("N. V.") look like "N.V.". These are *ambiguous*: a
chain of them alone is peeled only when the name is read as an organisation's (the
engine reads a query both ways, since a query does not say what it is); a chain holding
one unmistakable form ("Co. Ltd.") is peeled in either reading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# (how the form is usually written, ambiguous?, other spellings). The letters of each
# spelling, lower case, without dots or spaces, are what a name's last tokens must join to.
_TABLE: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    ("S.A.", True, ("Sociedad Anonima", "Societe Anonyme")),
    ("S.A. de C.V.", False, ()),
    ("S.A.B. de C.V.", False, ()),
    ("S.A.P.I. de C.V.", False, ()),
    ("S. de R.L.", False, ()),
    ("S. de R.L. de C.V.", False, ()),
    ("S.C. de R.L.", False, ()),
    ("S.C. de R.L. de C.V.", False, ()),
    ("S.P.R. de R.L.", False, ()),
    ("S.P.R. de R.L. de C.V.", False, ()),
    ("E.U.", True, ("Empresa Unipersonal",)),
    ("S.R.L.", False, ()),
    ("S.A.S.", True, ()),
    ("S.A.C.", False, ()),
    ("S.A.A.", False, ()),
    ("S.A.E.", False, ()),
    ("S.A.L.", True, ()),
    ("S.A.R.L.", False, ()),
    ("S.A.R.L.U.", False, ()),
    ("E.U.R.L.", False, ()),
    ("S.P.R.L.", False, ()),
    ("S.P.R.L.U.", False, ()),
    ("A.S.B.L.", False, ()),
    ("S.p.A.", False, ()),
    ("S.C.", True, ()),
    ("S.C.S.", False, ()),
    ("S.C.A.", False, ()),
    ("S. en C.", False, ()),
    ("S. en C.S.", False, ()),
    ("S.L.", True, ()),
    ("C.A.", True, ()),
    ("Ltda.", False, ("Limitada",)),
    ("Cía.", True, ("Compania", "Compagnie")),
    ("Ltd.", False, ("Limited",)),
    ("LLC", False, ()),
    ("LLP", False, ()),
    ("L.P.", False, ()),
    ("PLC", False, ()),
    ("Inc.", False, ("Incorporated",)),
    ("Corp.", False, ("Corporation",)),
    ("Co.", True, ("Company",)),
    ("GmbH", False, ()),
    ("AG", True, ()),
    ("KG", False, ()),
    ("e.V.", True, ()),
    ("B.V.", False, ()),
    ("N.V.", False, ()),
    ("OOO", False, ()),
    ("ZAO", False, ()),
    ("OAO", False, ()),
    ("PAO", True, ()),
    ("AO", True, ()),
    ("PJSC", False, ("P.J.S.",)),
    ("OJSC", False, ()),
    ("CJSC", False, ()),
    ("JSC", False, ()),
    ("TOV", False, ()),
    ("FZE", False, ()),
    ("FZCO", False, ()),
    ("FZC", False, ()),
    ("FZ-LLC", False, ()),
    ("DMCC", False, ()),
    ("AD", True, ()),
    ("EAD", False, ()),
    ("EOOD", False, ()),
    ("OOD", False, ()),
    ("D.O.O.", False, ()),
    ("D.D.", True, ()),
    ("A.S.", True, ()),
    ("A.S.", False, ("Anonim Sirketi",)),  # spelt out, no name's words: unmistakable
    ("Ltd. Sti.", False, ("Limited Sirketi",)),
    ("AB", True, ()),
    ("Oy", True, ()),
    ("Oyj", False, ()),
    ("ApS", False, ()),
    ("ASA", True, ()),
    ("s.r.o.", False, ("spol. s r.o.",)),
    ("Kft.", False, ()),
    ("Zrt.", False, ()),
    ("Pte.", False, ()),
    ("Pvt.", False, ()),
    ("Pty.", False, ()),
    ("Bhd.", False, ("Sdn. Bhd.",)),
    ("W.L.L.", False, ()),
)
# Words that join a legal form to the name before it: "y Cía.", "and Co.", "e Cia".
CONNECTORS = frozenset(("y", "e", "and", "und", "et"))
# Words after which a name goes on, never ends with its legal form: "UNION OF GOOD"
# mistyped "UNION OF OOD" names a union, not a Bulgarian OOD.
PREPOSITIONS = frozenset(("of", "de", "du", "des", "del", "di", "da", "della", "van", "von"))
_LONGEST = 9  # tokens in the longest spelling: "s p r de r l de c v"


@dataclass(frozen=True, slots=True)
class LegalForm:
    code: str  # as usually written ("S.A. de C.V."): what evidence compares and shows
    ambiguous: bool  # also a word of people's names


def _letters(spelling: str) -> str:
    plain = unicodedata.normalize("NFKD", spelling.lower())
    return "".join(c for c in plain if c.isascii() and c.isalnum())


FORMS: dict[str, LegalForm] = {}
for _code, _ambiguous, _others in _TABLE:
    for _spelling in (_code, *_others):
        # The first row that holds a spelling says how it reads ("A.S." ambiguous).
        FORMS.setdefault(_letters(_spelling), LegalForm(_code, _ambiguous))


# A legal form is mistyped as often as the name before it ("SAARL", "FCZO", "AONIM
# SIRKETI"): one slip from a form of SLIPPED_FROM letters or more, two from one of
# TWO_SLIPS_FROM, still say which form it was.
SLIPPED_FROM = 4
TWO_SLIPS_FROM = 12


@lru_cache(maxsize=20_000)
def slipped(letters: str) -> LegalForm | None:
    """The legal form whose letters (the last tokens of a name joined, lower case) are
    a slip or two from ``letters`` (a letter replaced, dropped, added or two swapped),
    if ``letters`` are not a form's own."""
    if len(letters) < SLIPPED_FROM or letters in FORMS:
        return None
    for keys, slips in ((_SHORT_KEYS, 1), (_LONG_KEYS, 2)):
        found = process.extractOne(letters, keys, scorer=OSA.distance, score_cutoff=slips)
        if found is not None:
            return FORMS[found[0]]
    return None


_SHORT_KEYS = [k for k in FORMS if SLIPPED_FROM <= len(k) < TWO_SLIPS_FROM]
_LONG_KEYS = [k for k in FORMS if len(k) >= TWO_SLIPS_FROM]


@dataclass(frozen=True, slots=True)
class Peeled:
    """Where the words of a name end, read as anyone's and as an organisation's."""

    end: int  # tokens[:end] are the name in either reading
    organisation_end: int  # tokens[:organisation_end] when read as an organisation's
    forms: tuple[str, ...]  # codes of the forms after ``end``, in the order written
    organisation_forms: tuple[str, ...]  # codes of the forms after ``organisation_end``


def _form_at_end(
    tokens: Sequence[str], glued: Sequence[bool], end: int
) -> tuple[int, LegalForm] | None:
    """The longest legal form ending at ``end`` that leaves a word of the name before it,
    does not follow a preposition ("UNION OF OOD") and does not begin inside an
    abbreviation ("C.A.D." holds no "A.D.")."""
    for size in range(min(_LONGEST, end - 1), 0, -1):
        start = end - size
        form = FORMS.get("".join(tokens[start:end]))
        if form is not None and tokens[start - 1] in PREPOSITIONS:
            continue
        if form is not None and not (start < len(glued) and glued[start]):
            if not form.ambiguous and size > 1 and all(len(t) == 1 for t in tokens[start:end]):
                # Two or three lone letters ("N V") may be a person's initials.
                form = LegalForm(form.code, ambiguous=size <= 2)
            return start, form
    return None


def peel(tokens: Sequence[str], glued: Sequence[bool] = ()) -> Peeled:
    """The legal forms at the end of a name's tokens (lower case, ``[a-z0-9]+`` each);
    ``glued[i]`` says that token ``i`` is one abbreviation with the one before ("A.D")."""
    end = len(tokens)
    chain: list[LegalForm] = []
    while end > 1:
        found = _form_at_end(tokens, glued, end)
        if found is None:
            break
        end, form = found
        chain.append(form)
        if end > 1 and tokens[end - 1] in CONNECTORS:
            end -= 1
    codes = tuple(f.code for f in reversed(chain))
    if not chain:
        return Peeled(len(tokens), len(tokens), (), ())
    if all(f.ambiguous for f in chain):
        # "Moussa Ag", "Tran Co": a person's name as it stands, an organisation's without.
        return Peeled(len(tokens), end, (), codes)
    return Peeled(end, end, codes, codes)
