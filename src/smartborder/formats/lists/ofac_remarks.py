"""The facts OFAC writes into an SDN entry's remarks, as structured values.

Remarks are "; "-separated phrases: "DOB 10 Dec 1948", "alt. DOB 1950", "nationality
Syria", "citizen Mexico", "Gender Male", "Passport 1084010 (Egypt)", "National ID No.
123 (Iraq)", "Cedula No. 79 (Colombia)"... Anything else is kept as free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartborder.domain import ListedDocument, Sex
from smartborder.formats.lists.common import parse_date
from smartborder.screening.countries import to_alpha3

_DOCUMENT = re.compile(
    r"^(?P<kind>Passport|National ID No\.|Cedula No\.|Identification Number|D\.N\.I\.|"
    r"C\.U\.R\.P\.|R\.F\.C\.|Personal ID Card|National Foreign ID Number|Tax ID No\.|"
    r"Residency Number|Driver's License No\.|Citizen's Card Number|Kenyan ID No\.|"
    r"Travel Document Number|Diplomatic Passport|Birth Certificate Number|SSN|"
    r"Registration ID|Public Security and Immigration No\.|Refugee ID Card|"
    r"Matricula Mercantil No)\s+(?P<number>[A-Za-z0-9][A-Za-z0-9 ./-]*?)"
    r"\s*(?:\((?P<country>[^)]*)\))?(?:\s+(?:issued|expires).*)?$"
)


@dataclass(frozen=True, slots=True)
class RemarkFacts:
    birth_dates: tuple[str, ...]
    nationalities: tuple[str, ...]
    sex: Sex | None
    documents: tuple[ListedDocument, ...]


def read_remarks(remarks: str) -> RemarkFacts:
    births: list[str] = []
    nationalities: list[str] = []
    documents: list[ListedDocument] = []
    sex: Sex | None = None
    for raw in remarks.split(";"):
        phrase = raw.strip().rstrip(".").strip()
        if phrase.startswith("alt. "):
            phrase = phrase[5:].strip()
        if phrase.startswith("DOB "):
            births.extend(d for d in parse_date(phrase[4:]) if d not in births)
        elif phrase.startswith(("nationality ", "citizen ")):
            code = to_alpha3(phrase.split(" ", 1)[1])
            if code and code not in nationalities:
                nationalities.append(code)
        elif phrase.startswith("Gender "):
            word = phrase[7:].strip().lower()
            sex = Sex.MALE if word == "male" else Sex.FEMALE if word == "female" else sex
        else:
            found = _DOCUMENT.match(phrase)
            if found:
                kind = found["kind"].rstrip(".").replace(" No", "").lower()
                documents.append(
                    ListedDocument(
                        number=found["number"].strip(),
                        kind=kind,
                        country=to_alpha3(found["country"]) if found["country"] else None,
                    )
                )
    return RemarkFacts(tuple(births), tuple(nationalities), sex, tuple(documents))
