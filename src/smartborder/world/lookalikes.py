"""Who looks like a listed person and is not: the demo's namesakes and same-surname travellers.

Both the clearance and the screening sections count false alarms among them, so that
"no false alarms" is a measure on people a matcher could confuse, not on strangers only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from smartborder.domain import Lookout, SubjectKind

#: (surname, given names, birth date, document number), each as plain upper-case text
Key = tuple[str, str, str, str]


def plain(text: object) -> str:
    """A name as both paths write it (an MRZ upper-cases; API data may not)."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", str(text or "").upper()).split())


class LookAlikes:
    """Who, among travellers not planted as listed, shares a listed person's name."""

    def __init__(self, lookouts: Iterable[Lookout]) -> None:
        self.births: dict[tuple[str, str], set[str]] = {}  # (surname, first given) -> births
        self.surnames: set[str] = set()
        for lookout in lookouts:
            if lookout.kind is not SubjectKind.PERSON:
                continue
            for name in lookout.names:
                if not name.full.isascii() or not name.given_names:
                    continue
                surname = plain(name.surname)
                given = plain(name.given_names[0])
                self.births.setdefault((surname, given), set()).update(lookout.birth_dates)
                self.surnames.add(surname)

    def kind(self, key: Key) -> str:
        """What ``key`` is to the list: a namesake (the surname and first given name of a
        listed person, another birth date), "same surname" only, "listed name and birth
        date" (the listed person, or a double not planted), or "other"."""
        surname, given, birth, _ = key
        first = given.split(" ")[0] if given else ""
        births = self.births.get((surname, first))
        if births is not None:
            return "listed name and birth date" if birth in births else "namesake"
        return "same surname" if surname in self.surnames else "other"
