"""One agency's vetting of an applicant or member: its lists, its crossing history, and
what was declared.

Each node vets with what it holds: its own watch lists and lookouts (the screening
engine), what its secondary inspections recorded of the applicant's crossings (a
seizure, a penalty, a refusal of entry: ``DecisionRepository.adverse_outcomes``, by the
identity key of name and birth date that every decision carries), and the applicant's
declarations. A ground is written in the applicant's language, since the notice quotes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from smartborder.clearance.identity import identity_key
from smartborder.domain import Agency, ScreeningQuery, Sex, WatchlistHit
from smartborder.domain.applications import (
    Applicant,
    Ground,
    GroundKind,
    Vetting,
    VettingDecision,
)
from smartborder.domain.decisions import RecordedOutcome
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


_OUTCOME = {
    "en": "{outcome} at secondary inspection at port {port}, on {day}",
    "fr": "{outcome} à l'inspection secondaire au point d'entrée {port}, le {day}",
}
_OUTCOMES = {
    "en": {
        "warning": "a warning",
        "seizure": "a seizure",
        "penalty": "a penalty",
        "refused_entry": "a refusal of entry",
        "arrest": "an arrest",
    },
    "fr": {
        "warning": "un avertissement",
        "seizure": "une saisie",
        "penalty": "une pénalité",
        "refused_entry": "un refus d'entrée",
        "arrest": "une arrestation",
    },
}


def applicant_identity(applicant: Applicant) -> str:
    """The identity key the node's decisions carry for the applicant's crossings."""
    return identity_key(applicant.surname, " ".join(applicant.given_names), applicant.birth_date)


def outcome_grounds(outcomes: Sequence[RecordedOutcome], language: str) -> tuple[Ground, ...]:
    """A ground for each violation, seizure or refusal recorded of the applicant."""
    lang = "fr" if language == "fr" else "en"
    return tuple(
        Ground(
            GroundKind.OUTCOME,
            f"decision:{o.decision_id}",
            _OUTCOME[lang].format(
                outcome=_OUTCOMES[lang].get(o.outcome, o.outcome),
                port=o.port_code or "?",
                day=o.travel_date.isoformat(),
            ),
        )
        for o in outcomes
    )


def decided(agency: Agency, grounds: tuple[Ground, ...], at: datetime) -> Vetting:
    """Deny on any ground, else approve."""
    decision = VettingDecision.DENY if grounds else VettingDecision.APPROVE
    return Vetting(agency, decision, grounds, at)


def vet(
    engine: ScreeningEngine,
    agency: Agency,
    applicant: Applicant,
    query_id: str,
    at: datetime,
    history: Sequence[RecordedOutcome] = (),
) -> Vetting:
    """``agency``'s decision on ``applicant``, from its lists, its ``history`` of the
    applicant's crossings and the declarations."""
    listed = listed_grounds(engine, applicant, query_id)
    return decided(agency, listed + recorded_grounds(applicant, history), at)


def recorded_grounds(
    applicant: Applicant, history: Sequence[RecordedOutcome]
) -> tuple[Ground, ...]:
    """The grounds besides the lists: the crossings' outcomes and the declarations."""
    return outcome_grounds(history, applicant.language) + declared_grounds(applicant)
