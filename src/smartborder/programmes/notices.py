"""The notices of adverse decisions, in the applicant's language, with their reasons.

A notice states the decision, the agency that made it, every ground it rests on (which
list entry, which declaration, which condition) and the deadline to ask for a review.
"No longer meets the conditions" alone is never a notice.
"""

from __future__ import annotations

from datetime import date

from smartborder.domain import Agency
from smartborder.domain.applications import Ground, NoticeKind, Programme

RECOURSE_DAYS = 90

_AGENCY = {
    "en": {
        Agency.CBSA: "the Canada Border Services Agency",
        Agency.CBP: "U.S. Customs and Border Protection",
    },
    "fr": {
        Agency.CBSA: "l'Agence des services frontaliers du Canada",
        Agency.CBP: "le Service des douanes et de la protection des frontières des États-Unis",
    },
}

_DECISION = {
    "en": {
        NoticeKind.DENIAL: "Your {programme} application is denied by {agency}.",
        NoticeKind.SUSPENSION: "Your {programme} membership is suspended by {agency}.",
        NoticeKind.REVOCATION: "Your {programme} membership is revoked by {agency}.",
        NoticeKind.REINSTATEMENT: "Your {programme} membership is reinstated by {agency}.",
    },
    "fr": {
        NoticeKind.DENIAL: "Votre demande d'adhésion à {programme} est refusée par {agency}.",
        NoticeKind.SUSPENSION: "Votre adhésion à {programme} est suspendue par {agency}.",
        NoticeKind.REVOCATION: "Votre adhésion à {programme} est révoquée par {agency}.",
        NoticeKind.REINSTATEMENT: "Votre adhésion à {programme} est rétablie par {agency}.",
    },
}

_BECAUSE = {"en": "The decision rests on:", "fr": "La décision repose sur :"}

_RECOURSE = {
    "en": "You may ask for a review of this decision until {deadline}, with any facts "
    "or documents that bear on it.",
    "fr": "Vous pouvez demander la révision de cette décision jusqu'au {deadline}, en y "
    "joignant tout fait ou document pertinent.",
}


def notice_text(
    kind: NoticeKind,
    programme: Programme,
    agency: Agency,
    language: str,
    grounds: tuple[Ground, ...],
    deadline: date | None,
) -> str:
    """The notice's text in ``language`` (en or fr): decision, grounds, recourse."""
    lang = "fr" if language == "fr" else "en"
    lines = [
        _DECISION[lang][kind].format(programme=programme.upper(), agency=_AGENCY[lang][agency])
    ]
    if grounds:
        lines.append(_BECAUSE[lang])
        lines += [f"- {g.text}" for g in grounds]
    if deadline is not None:
        lines.append(_RECOURSE[lang].format(deadline=deadline.isoformat()))
    return "\n".join(lines)
