"""The hit queue: suppression of dismissed pairs, agency isolation, an audited review."""

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance import hits as service
from smartborder.domain import Agency, AuditAction, Role, User
from smartborder.domain.decisions import TravellerDecision
from smartborder.domain.hits import Hit, HitStatus, SecondaryOutcome
from smartborder.errors import Conflict, NotFound, ValidationFailed
from tests.factories import hit_on, traveller_decision


def _user(container: Container, agency: Agency, role: Role = Role.ANALYST) -> User:
    return ensure_user(
        container.units(),
        name=f"{role}-{agency}",
        role=role,
        agency=agency,
        secret=container.secret,
    )


def _raise(container: Container, *candidates: Hit) -> list[Hit]:
    """What the clearance pipeline does with candidate hits: drop dismissed pairs, store."""
    with container.units() as uow:
        kept, _ = service.without_dismissed(uow, list(candidates))
        uow.hits.add_many(kept)
        uow.commit()
    return kept


@pytest.fixture
def decision(memory_container: Container) -> TravellerDecision:
    item = traveller_decision()
    with memory_container.units() as uow:
        uow.decisions.add_many([item])
        uow.commit()
    return item


def test_a_dismissed_pair_does_not_alert_again(
    memory_container: Container, decision: TravellerDecision
) -> None:
    analyst = _user(memory_container, Agency.CBSA)
    (first,) = _raise(memory_container, hit_on(decision))
    service.dispose(
        memory_container.units(),
        analyst,
        first.id,
        HitStatus.DISMISSED,
        "different person: birth year and passport differ",
    )
    assert _raise(memory_container, hit_on(decision)) == []


def test_the_pair_alerts_again_when_either_sides_data_changes(
    memory_container: Container, decision: TravellerDecision
) -> None:
    analyst = _user(memory_container, Agency.CBSA)
    (first,) = _raise(memory_container, hit_on(decision))
    service.dispose(memory_container.units(), analyst, first.id, HitStatus.DISMISSED, "not him")
    assert len(_raise(memory_container, hit_on(decision, traveller_fingerprint="t2"))) == 1
    assert len(_raise(memory_container, hit_on(decision, subject_fingerprint="s2"))) == 1
    assert len(_raise(memory_container, hit_on(decision, ref="ofac-sdn:12345"))) == 1


def test_a_confirmed_hit_is_not_a_dismissal(
    memory_container: Container, decision: TravellerDecision
) -> None:
    analyst = _user(memory_container, Agency.CBSA)
    (first,) = _raise(memory_container, hit_on(decision))
    service.dispose(memory_container.units(), analyst, first.id, HitStatus.CONFIRMED, "same man")
    assert len(_raise(memory_container, hit_on(decision))) == 1


def test_hits_are_isolated_by_agency(
    memory_container: Container, decision: TravellerDecision
) -> None:
    (hit,) = _raise(memory_container, hit_on(decision))
    partner = _user(memory_container, Agency.CBP)
    assert service.hit_queue(memory_container.units(), partner, purpose="hit review") == []
    with pytest.raises(NotFound):
        service.hit_detail(memory_container.units(), partner, hit.id, purpose="curiosity")
    with pytest.raises(NotFound):
        service.dispose(memory_container.units(), partner, hit.id, HitStatus.DISMISSED, "not ours")


def test_the_review_of_a_hit_leaves_an_audit_trail(
    memory_container: Container, decision: TravellerDecision
) -> None:
    analyst = _user(memory_container, Agency.CBSA)
    supervisor = _user(memory_container, Agency.CBSA, Role.SUPERVISOR)
    (hit,) = _raise(memory_container, hit_on(decision))
    service.hit_queue(memory_container.units(), analyst, purpose="hit review")
    detail = service.hit_detail(memory_container.units(), analyst, hit.id, purpose="hit review")
    assert detail.decision.id == decision.id
    service.dispose(memory_container.units(), analyst, hit.id, HitStatus.REFERRED, "to secondary")
    service.dispose(memory_container.units(), supervisor, hit.id, HitStatus.CONFIRMED, "confirmed")
    with memory_container.units() as uow:
        trail = [
            (e.event.actor, e.event.action, e.event.detail.get("status"))
            for e in uow.audit.entries()
            if e.event.record_type == "hit"
        ]
    assert trail == [
        ("CBSA/analyst-CBSA", AuditAction.READ, "open"),
        ("CBSA/analyst-CBSA", AuditAction.READ, None),
        ("CBSA/analyst-CBSA", AuditAction.DECIDE, "referred"),
        ("CBSA/supervisor-CBSA", AuditAction.DECIDE, "confirmed"),
    ]


def test_a_disposition_needs_a_note_and_a_legal_transition(
    memory_container: Container, decision: TravellerDecision
) -> None:
    analyst = _user(memory_container, Agency.CBSA)
    (hit,) = _raise(memory_container, hit_on(decision))
    with pytest.raises(ValidationFailed, match="note"):
        service.dispose(memory_container.units(), analyst, hit.id, HitStatus.DISMISSED, "  ")
    service.dispose(memory_container.units(), analyst, hit.id, HitStatus.DISMISSED, "not him")
    with pytest.raises(Conflict, match="cannot become confirmed"):
        service.dispose(memory_container.units(), analyst, hit.id, HitStatus.CONFIRMED, "oops")


def test_a_secondary_outcome_is_recorded_once(
    memory_container: Container, decision: TravellerDecision
) -> None:
    officer = _user(memory_container, Agency.CBSA, Role.OFFICER)
    service.record_outcome(
        memory_container.units(),
        officer,
        decision.id,
        SecondaryOutcome.SEIZURE,
        "undeclared currency",
    )
    with pytest.raises(Conflict):
        service.record_outcome(
            memory_container.units(), officer, decision.id, SecondaryOutcome.NO_ACTION, "again"
        )
