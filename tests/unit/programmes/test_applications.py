"""A NEXUS application from the form to the card, and after: vetted by both agencies,
interviewed, re-vetted, suspended with a notice in the member's language, reviewed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Lookout, PersonName, Role, SubjectKind, User
from smartborder.domain.applications import (
    Applicant,
    ApplicationStatus,
    GroundKind,
    NoticeKind,
    Programme,
    RecourseStatus,
    Vetting,
    VettingDecision,
)
from smartborder.domain.hits import OutcomeRecord, SecondaryOutcome
from smartborder.domain.manifests import Manifest
from smartborder.domain.nexus import MembershipStatus
from smartborder.errors import Conflict, PermissionDenied
from smartborder.formats.application import load_application
from smartborder.formats.manifest.schema import to_manifest, validate
from smartborder.programmes import applications as service
from smartborder.programmes import recourse, revetting
from smartborder.programmes.fast import check_fast
from smartborder.screening import ScreeningEngine
from tests.factories import manifest_doc, traveller_decision

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "nexus-application.json"
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)
SUPERVISOR = User(name="chief", role=Role.SUPERVISOR, agency=Agency.CBSA)
PARTNER = User(name="node", role=Role.PARTNER, agency=Agency.CBP)


def applicant(**changes: object) -> Applicant:
    found, problems = load_application(EXAMPLE.read_bytes(), NOW.date())
    assert found is not None, problems
    return replace(found, **changes)  # type: ignore[arg-type]


def listed(surname: str, given: str, born: str, ref: str = "1") -> Lookout:
    return Lookout(
        list_id="cbsa-lookouts",
        source_id=ref,
        kind=SubjectKind.PERSON,
        names=(PersonName(surname, tuple(given.split())),),
        birth_dates=(born,),
    )


CLEAN = ScreeningEngine([listed("OKAFOR", "ADA", "1975-11-11")])
TREMBLAY_LISTED = ScreeningEngine([listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "77")])


def approved_by_cbp(container: Container, application_id: str) -> None:
    service.record_vetting(
        container.units(),
        PARTNER,
        application_id,
        Vetting(Agency.CBP, VettingDecision.APPROVE),
        now=NOW,
    )


def test_a_clean_applicant_is_a_member_after_both_agencies_and_the_interview(
    memory_container: Container,
) -> None:
    units = memory_container.units
    application = service.apply(units(), CLEAN, CLERK, applicant(), now=NOW)
    assert application.status is ApplicationStatus.VETTING  # CBP has yet to decide
    assert application.vetting_of(Agency.CBSA).decision is VettingDecision.APPROVE
    assert application.vetting_of(Agency.CBP).decision is VettingDecision.PENDING
    approved_by_cbp(memory_container, application.id)
    member = service.interview(units(), CLERK, application.id, passed=True, now=NOW)
    assert member.status is ApplicationStatus.APPROVED
    assert member.passid is not None and len(member.passid) == 9 and member.passid.isdigit()
    assert member.expiry_date == date(2031, 12, 3)
    with units() as uow:  # the booth's NEXUS lane check reads this registry
        card = uow.nexus.get(member.passid)
    assert card is not None and card.status is MembershipStatus.ACTIVE
    view = service.as_json(service.show(units(), CLERK, application.id, purpose="status"))
    assert view["status"] == "approved" and view["passid"] == member.passid


def test_a_listed_applicant_is_denied_with_the_entry_in_their_language(
    memory_container: Container,
) -> None:
    application = service.apply(
        memory_container.units(), TREMBLAY_LISTED, CLERK, applicant(), now=NOW
    )
    assert application.status is ApplicationStatus.DENIED
    (notice,) = application.notices
    assert notice.kind is NoticeKind.DENIAL and notice.agency is Agency.CBSA
    assert notice.grounds[0].kind is GroundKind.LIST_ENTRY
    assert notice.grounds[0].ref == "cbsa-lookouts:77"
    assert "l'Agence des services frontaliers du Canada" in notice.text  # in French
    assert "cbsa-lookouts:77" in notice.text
    assert notice.recourse_deadline == date(2027, 3, 3)  # 90 days
    assert application.recourses[0].status is RecourseStatus.OPEN


def test_a_seizure_at_the_agencys_secondary_is_a_ground(memory_container: Container) -> None:
    """Customs found undeclared goods when the applicant crossed: the notice says so."""
    crossed = replace(
        traveller_decision(surname="TREMBLAY", given="MARIE CLAIRE", birth=date(1984, 3, 9)),
        port_code="813",
    )
    other = traveller_decision(surname="TREMBLAY", given="LUC", birth=date(1984, 3, 9))
    with memory_container.units() as uow:
        uow.decisions.add_many([crossed, other])
        for decision in (crossed, other):
            uow.decisions.record_outcome(
                OutcomeRecord(
                    Agency.CBSA, decision.id, SecondaryOutcome.SEIZURE, "", "CBSA/officer-7"
                )
            )
        uow.commit()
    application = service.apply(memory_container.units(), CLEAN, CLERK, applicant(), now=NOW)
    assert application.status is ApplicationStatus.DENIED
    (ground,) = application.vetting_of(Agency.CBSA).grounds
    assert ground.kind is GroundKind.OUTCOME and ground.ref == f"decision:{crossed.id}"
    assert ground.text == (
        "une saisie à l'inspection secondaire au point d'entrée 813, le 2026-07-03"
    )


def test_a_declared_conviction_is_a_ground(memory_container: Container) -> None:
    declared = applicant()
    declared = replace(
        declared, declarations=replace(declared.declarations, criminal_convictions=True)
    )
    application = service.apply(memory_container.units(), CLEAN, CLERK, declared, now=NOW)
    assert application.status is ApplicationStatus.DENIED
    assert [g.ref for g in application.notices[0].grounds] == ["criminal_convictions"]


def test_the_partners_denial_denies_naming_the_partner(memory_container: Container) -> None:
    application = service.apply(memory_container.units(), CLEAN, CLERK, applicant(), now=NOW)
    denied = service.record_vetting(
        memory_container.units(),
        PARTNER,
        application.id,
        Vetting(Agency.CBP, VettingDecision.DENY, ()),
        now=NOW,
    )
    assert denied.status is ApplicationStatus.DENIED
    assert denied.notices[0].agency is Agency.CBP


def test_no_node_records_the_other_agencys_decision(memory_container: Container) -> None:
    application = service.apply(memory_container.units(), CLEAN, CLERK, applicant(), now=NOW)
    forged = Vetting(Agency.CBSA, VettingDecision.APPROVE)  # CBP's node, in CBSA's name
    with pytest.raises(PermissionDenied):
        service.record_vetting(memory_container.units(), PARTNER, application.id, forged, now=NOW)
    approved_by_cbp(memory_container, application.id)
    with pytest.raises(Conflict):  # and a decision once made stands
        approved_by_cbp(memory_container, application.id)


def test_the_same_document_cannot_apply_twice(memory_container: Container) -> None:
    service.apply(memory_container.units(), CLEAN, CLERK, applicant(), now=NOW)
    with pytest.raises(Conflict):
        service.apply(memory_container.units(), CLEAN, CLERK, applicant(), now=NOW)


def test_a_new_listing_suspends_a_member_and_a_review_reinstates(
    memory_container: Container,
) -> None:
    units = memory_container.units
    application = service.apply(units(), CLEAN, CLERK, applicant(), now=NOW)
    approved_by_cbp(memory_container, application.id)
    member = service.interview(units(), CLERK, application.id, passed=True, now=NOW)
    # Only against what changed: an entry not among the changed refs suspends no one.
    unchanged = revetting.revet(units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW, only=set())
    assert (unchanged.members, unchanged.screened, unchanged.suspended) == (1, 1, ())
    # A member none of whose words is near a listed one is not even screened.
    assert revetting.revet(units(), CLEAN, SUPERVISOR, now=NOW).screened == 0
    outcome = revetting.revet(units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW + timedelta(days=30))
    assert outcome.members == 1 and outcome.suspended == (member.passid,)
    with units() as uow:
        card = uow.nexus.get(member.passid or "")
        suspended = uow.applications.get(application.id)
    assert card is not None and card.status is MembershipStatus.SUSPENDED
    assert suspended is not None and suspended.status is ApplicationStatus.SUSPENDED
    notice = suspended.notices[-1]
    assert notice.kind is NoticeKind.SUSPENSION and notice.grounds[0].ref == "cbsa-lookouts:77"
    assert "une concordance avec l'inscription cbsa-lookouts:77" in notice.text
    # The member asks for a review; a supervisor of the deciding agency reinstates.
    recourse.request_recourse(units(), CLERK, application.id, notice.id, "a namesake", now=NOW)
    with pytest.raises(PermissionDenied):
        recourse.decide_recourse(units(), CLERK, application.id, notice.id, reinstate=True, now=NOW)
    back = recourse.decide_recourse(
        units(), SUPERVISOR, application.id, notice.id, reinstate=True, now=NOW
    )
    assert back.status is ApplicationStatus.APPROVED
    assert back.notices[-1].kind is NoticeKind.REINSTATEMENT
    with units() as uow:
        card = uow.nexus.get(member.passid or "")
    assert card is not None and card.status is MembershipStatus.ACTIVE


def test_an_upheld_suspension_revokes(memory_container: Container) -> None:
    units = memory_container.units
    application = service.apply(units(), CLEAN, CLERK, applicant(), now=NOW)
    approved_by_cbp(memory_container, application.id)
    service.interview(units(), CLERK, application.id, passed=True, now=NOW)
    revetting.revet(units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW)
    with units() as uow:
        notice = (uow.applications.get(application.id) or application).notices[-1]
    revoked = recourse.decide_recourse(
        units(), SUPERVISOR, application.id, notice.id, reinstate=False, now=NOW
    )
    assert revoked.status is ApplicationStatus.REVOKED
    assert revoked.notices[-1].kind is NoticeKind.REVOCATION
    assert revoked.notices[-1].recourse_deadline is not None


def test_a_failed_interview_denies_with_a_notice(memory_container: Container) -> None:
    units = memory_container.units
    application = service.apply(units(), CLEAN, CLERK, applicant(language="en"), now=NOW)
    approved_by_cbp(memory_container, application.id)
    denied = service.interview(units(), CLERK, application.id, passed=False, now=NOW)
    assert denied.status is ApplicationStatus.DENIED and denied.passid is None
    assert "the interview did not confirm" in denied.notices[0].text
    with pytest.raises(Conflict):  # nor interviewed again
        service.interview(units(), CLERK, application.id, passed=True, now=NOW)


def test_a_member_loaded_from_the_registry_file_is_suspended_too(
    memory_container: Container,
) -> None:
    from smartborder.domain.nexus import NexusMember

    card = NexusMember(
        "501234567",
        PersonName("TREMBLAY", ("MARIE", "CLAIRE")),
        date(1984, 3, 9),
        "CAN",
        MembershipStatus.ACTIVE,
        date(2030, 1, 31),
    )
    with memory_container.units() as uow:
        uow.nexus.put_many([card])
        uow.commit()
    outcome = revetting.revet(memory_container.units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW)
    assert outcome.suspended == ("501234567",)
    with memory_container.units() as uow:
        found = uow.nexus.get("501234567")
    assert found is not None and found.status is MembershipStatus.SUSPENDED


def test_revet_screens_against_what_changed_since_the_last_one(
    memory_container: Container,
) -> None:
    units = memory_container.units
    application = service.apply(units(), CLEAN, CLERK, applicant(), now=NOW)
    approved_by_cbp(memory_container, application.id)
    service.interview(units(), CLERK, application.id, passed=True, now=NOW)
    okafor = listed("OKAFOR", "ADA", "1975-11-11")
    first, entries = revetting.revet_changes(units(), [okafor], {}, SUPERVISOR, now=NOW)
    assert (entries, first.suspended) == (1, ())  # the first run: every entry
    again, entries = revetting.revet_changes(units(), [okafor], {}, SUPERVISOR, now=NOW)
    assert entries == 0 and again.screened == 0  # nothing changed: nobody screened
    tremblay = listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "77")
    later, entries = revetting.revet_changes(units(), [okafor, tremblay], {}, SUPERVISOR, now=NOW)
    assert entries == 1 and len(later.suspended) == 1  # the new entry only, and it hits
    full, entries = revetting.revet_changes(
        units(), [okafor, tremblay], {}, SUPERVISOR, now=NOW, full=True
    )
    assert entries == 2 and full.members == 0  # the member is suspended now


def test_revet_screens_in_forked_workers_as_in_one_process(
    memory_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smartborder.domain.nexus import NexusMember

    with memory_container.units() as uow:
        uow.nexus.put_many(
            [
                NexusMember(
                    f"50123456{n}",
                    PersonName(surname, given),
                    date(1984, 3, 9),
                    "CAN",
                    MembershipStatus.ACTIVE,
                )
                for n, (surname, given) in enumerate(
                    (
                        ("TREMBLAY", ("MARIE", "CLAIRE")),
                        ("TREMBLAI", ("MARIE", "CLAIRE")),
                        ("NGUYEN", ("MINH",)),
                    )
                )
            ]
        )
        uow.commit()
    monkeypatch.setattr(revetting, "PARALLEL_FROM", 1)
    outcome = revetting.revet(
        memory_container.units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW, workers=2
    )
    assert outcome.suspended == ("501234560", "501234561")  # NGUYEN is not near
    assert outcome.screened == 2


def _trip(driver_card: str) -> Manifest:
    """A highway trip (the factories' eManifest) driven by the holder of ``driver_card``."""
    doc = manifest_doc(fast=True)
    doc["crew"] = [{"name": "Marie Claire Tremblay", "role": "driver", "fast_card": driver_card}]
    form, problems = validate(doc)
    assert form is not None, problems
    return to_manifest(form)


def _driver_problems(container: Container, card: str) -> list[str]:
    with container.units() as uow:
        check = check_fast(uow, Agency.CBSA, _trip(card))
    return [r.text for r in check.reasons if r.ref.startswith("fast:driver")]


def test_a_fast_driver_approved_is_in_the_fast_lane_check_and_re_vetting_suspends_them(
    memory_container: Container,
) -> None:
    """FAST follows NEXUS's lifecycle; its card is the one the goods lane check reads."""
    units = memory_container.units
    made = service.apply(units(), CLEAN, CLERK, applicant(), programme=Programme.FAST, now=NOW)
    approved_by_cbp(memory_container, made.id)
    member = service.interview(units(), CLERK, made.id, passed=True, now=NOW)
    assert member.passid is not None
    assert _driver_problems(memory_container, member.passid) == []
    with units() as uow:
        assert uow.nexus.get(member.passid) is None  # not a NEXUS card: not the NEXUS lane
    outcome = revetting.revet(units(), TREMBLAY_LISTED, SUPERVISOR, now=NOW)
    assert outcome.suspended == (member.passid,)
    assert _driver_problems(memory_container, member.passid) == [
        f"driver {member.passid}'s FAST membership is suspended"
    ]
