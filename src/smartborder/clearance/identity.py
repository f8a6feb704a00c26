"""Stable keys for "this traveller" and fingerprints of the data a hit was judged on.

A dismissed hit is the pair (identity key, list entry or rule). It stays dismissed only
while both fingerprints are unchanged: a new passport number for the traveller, or a new
date of birth on the list entry, makes the pair alert again.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from datetime import date

from smartborder.domain import Lookout, Traveller


def _plain(text: str) -> str:
    """Upper case, accents removed, anything but letters and digits as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in kept.upper()).split())


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def identity_key(surname: str, given_names: str, birth_date: date | None) -> str:
    """The same person under the same name and birth date, whatever message carries them."""
    return _digest(
        (_plain(surname), _plain(given_names), birth_date.isoformat() if birth_date else "")
    )


def traveller_identity(traveller: Traveller) -> str:
    return identity_key(traveller.name.surname, traveller.name.given, traveller.birth_date)


def traveller_fingerprint(traveller: Traveller, identity: str | None = None) -> str:
    """Everything about the traveller that screening and the rules compared."""
    documents = sorted(
        f"{d.type}:{_plain(d.number)}:{d.issuing_state or ''}" for d in traveller.documents
    )
    return _digest(
        (
            identity or traveller_identity(traveller),
            traveller.nationality or "",
            str(traveller.sex),
            *documents,
        )
    )


def lookout_fingerprint(lookout: Lookout) -> str:
    """Everything about a list entry that a match is judged on."""
    names = sorted(_plain(n.full) for n in lookout.names)
    documents = sorted(_plain(d.number) for d in lookout.documents)
    return _digest(
        (
            lookout.ref,
            *names,
            "|".join(sorted(lookout.birth_dates)),
            "|".join(sorted(lookout.nationalities)),
            str(lookout.sex or ""),
            *documents,
        )
    )


def rule_fingerprint(rule_id: str, version: int) -> str:
    return _digest((rule_id, str(version)))
