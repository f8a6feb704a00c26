"""One agency's vetting of an applicant or member: its lists, and what was declared.

Each node vets with what it holds: its own watch lists and lookouts (the screening
engine), and the applicant's declarations. A ground is written in the applicant's
language, since the notice quotes it.
"""

from __future__ import annotations

from datetime import datetime

from smartborder.domain import Agency, ScreeningQuery, Sex, WatchlistHit
from smartborder.domain.applications import (
    Applicant,
    Ground,
    GroundKind,
    Vetting,
    VettingDecision,
)
from smartborder.screening import ScreeningEngine

_LISTED = {
    "en": "a match with the list entry {ref} ({name}; score {score:.2f})",
    "fr": "une concordance avec l'inscription {ref} ({name}; score {score:.2f})",
}
_DECLARED = {
    "criminal_convictions": {
        "en": "a criminal conviction, as declared in the application",
        "fr": "une condamnation criminelle, déclarée dans la demande",
    },
    "customs_or_immigration_violations": {
        "en": "a customs or immigration violation, as declared in the application",
        "fr": "une infraction aux douanes ou à l'immigration, déclarée dans la demande",
    },
}


def screening_query(applicant: Applicant, query_id: str) -> ScreeningQuery:
    document = applicant.documents[0].number if applicant.documents else None
    return ScreeningQuery(
        id=query_id,
        name=" ".join((*applicant.given_names, applicant.surname)),
        birth_date=applicant.birth_date.isoformat(),
        nationality=applicant.nationality,
        gender=Sex(applicant.sex),
        document_number=document,
    )


def listed_grounds(
    engine: ScreeningEngine, applicant: Applicant, query_id: str
) -> tuple[Ground, ...]:
    """A ground for each list entry the applicant matches."""
    hits = engine.screen(screening_query(applicant, query_id))
    return tuple(hit_ground(hit, applicant.language) for hit in hits)


def hit_ground(hit: WatchlistHit, language: str) -> Ground:
    """The ground a list entry's match gives, in ``language`` (en or fr)."""
    lang = "fr" if language == "fr" else "en"
    text = _LISTED[lang].format(ref=hit.lookout_ref, name=hit.matched_name, score=hit.score)
    return Ground(GroundKind.LIST_ENTRY, hit.lookout_ref, text)


def declared_grounds(applicant: Applicant) -> tuple[Ground, ...]:
    lang = "fr" if applicant.language == "fr" else "en"
    declared = applicant.declarations
    return tuple(
        Ground(GroundKind.DECLARATION, field, _DECLARED[field][lang])
        for field in ("criminal_convictions", "customs_or_immigration_violations")
        if getattr(declared, field)
    )


def vet(
    engine: ScreeningEngine, agency: Agency, applicant: Applicant, query_id: str, at: datetime
) -> Vetting:
    """``agency``'s decision on ``applicant``: deny on any ground, else approve."""
    grounds = listed_grounds(engine, applicant, query_id) + declared_grounds(applicant)
    decision = VettingDecision.DENY if grounds else VettingDecision.APPROVE
    return Vetting(agency, decision, grounds, at)
