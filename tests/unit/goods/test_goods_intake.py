"""eManifest intake on the in-memory store: acknowledgements, notice, amendments, FAST,
screening, lanes, the exam queue, outcomes and retraining."""

from __future__ import annotations

import json
import logging
import random
from datetime import date
from typing import Any

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import (
    Agency,
    AuditAction,
    ExamOutcome,
    MembershipStatus,
    ReasonKind,
    Role,
    SelectivityLane,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.domain.intake import REFERENCE_REUSED
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.goods import examinations, risk_models, shipments
from smartborder.goods.parties import InMemoryPartyScreener, ListedParty
from smartborder.programmes import traders
from smartborder.world.catalogue import ports
from tests.factories import ARRIVAL, at, manifest_doc

OFFICER = User(name="officer", role=Role.OFFICER, agency=Agency.CBSA)
RULES = shipments.IntakeRules(screener=InMemoryPartyScreener())


@pytest.fixture
def node(memory_container: Container) -> Container:
    register_ports(memory_container.units(), ports())
    return memory_container


def submit(
    node: Container,
    doc: dict[str, Any] | str,
    minutes_before: float,
    rules: shipments.IntakeRules = RULES,
) -> Any:
    return shipments.submit_manifest(
        node.units(), OFFICER, doc, rules=rules, received_at=at(minutes_before)
    )


def enrol_fast_trip(node: Container) -> dict[str, TrustedTrader]:
    members = {
        "carrier": TrustedTrader(
            Agency.CBSA, TraderProgramme.PIP, TraderKind.CARRIER, "CXTR", "Cascade Express"
        ),
        "driver": TrustedTrader(
            Agency.CBSA, TraderProgramme.FAST, TraderKind.DRIVER, "FAST0001", "Dana Driver"
        ),
        "imp1": TrustedTrader(
            Agency.CBSA, TraderProgramme.PIP, TraderKind.IMPORTER, "IMP-1", "Cascadia"
        ),
        "imp2": TrustedTrader(
            Agency.CBSA, TraderProgramme.PIP, TraderKind.IMPORTER, "IMP-2", "Northline"
        ),
    }
    for member in members.values():
        traders.enrol(node.units(), OFFICER, member)
    return members


def test_a_timely_trip_is_accepted_with_its_shipments(node: Container) -> None:
    ack = submit(node, manifest_doc(), minutes_before=90)
    assert ack.accepted and not ack.late and not ack.amended
    assert ack.shipments == ("CXTR0000001", "CXTR0000002")
    assert ack.deadline == at(60)
    assert (
        shipments.manifest_status(node.units(), OFFICER, ack.submission_id, purpose="test") == ack
    )
    with node.units() as uow:
        stored = uow.shipments.for_trip(Agency.CBSA, "CXTR260703001")
    assert {r.lane for r in stored} == {SelectivityLane.GREEN}


def test_a_late_trip_is_accepted_flagged_and_sent_to_documents(node: Container) -> None:
    ack = submit(node, manifest_doc(), minutes_before=45)
    assert ack.accepted and ack.late
    assert [n.code for n in ack.notices] == ["late"]
    with node.units() as uow:
        stored = uow.shipments.for_trip(Agency.CBSA, "CXTR260703001")
    assert {r.lane for r in stored} == {SelectivityLane.YELLOW}


def test_an_amendment_restarts_the_clock(node: Container) -> None:
    assert not submit(node, manifest_doc(), minutes_before=120).late
    amended = manifest_doc(type="amendment")
    amended["shipments"] = amended["shipments"][:1]
    ack = submit(node, amended, minutes_before=20)
    assert ack.accepted and ack.amended and ack.late
    assert {n.code for n in ack.notices} == {"late", "amended"}
    with node.units() as uow:
        kept = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
        dropped = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000002")
    assert kept is not None and kept.active and kept.submission_id == ack.submission_id
    assert dropped is not None and not dropped.active


def test_an_amendment_keeps_the_shipment_id(node: Container) -> None:
    submit(node, manifest_doc(), minutes_before=120)
    with node.units() as uow:
        before = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    submit(node, manifest_doc(type="amendment"), minutes_before=100)
    with node.units() as uow:
        after = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    assert before is not None and after is not None and before.id == after.id


def test_an_orphan_amendment_is_rejected(node: Container) -> None:
    orphan = submit(node, manifest_doc(type="amendment"), minutes_before=120)
    assert not orphan.accepted and orphan.reasons[0].code == "unknown-trip"
    assert (
        shipments.manifest_status(node.units(), OFFICER, orphan.submission_id, purpose="test")
        == orphan
    )


def test_the_same_trip_sent_again_gets_its_acknowledgement_and_the_read_is_audited(
    node: Container,
) -> None:
    first = submit(node, manifest_doc(), minutes_before=120)
    # A lost acknowledgement: the carrier sends the same document again, re-serialised.
    again = submit(node, json.dumps(manifest_doc(), indent=4), minutes_before=30)
    assert again == first  # its submission, and not late: the first receipt's clock
    with node.units() as uow:
        reads = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]
    assert [(e.record_type, e.record_id, e.actor) for e in reads] == [
        ("manifest", first.submission_id, OFFICER.actor)
    ]


def test_an_amendment_sent_again_does_not_restart_the_clock(node: Container) -> None:
    submit(node, manifest_doc(), minutes_before=120)
    amended = submit(node, manifest_doc(type="amendment"), minutes_before=100)
    again = submit(node, manifest_doc(type="amendment"), minutes_before=20)
    assert again == amended and not again.late
    with node.units() as uow:
        shipment = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    assert shipment is not None and shipment.submission_id == amended.submission_id


def test_a_reused_trip_number_with_other_content_is_cleared_on_it_and_flagged(
    node: Container, caplog: pytest.LogCaptureFixture
) -> None:
    screener = InMemoryPartyScreener([ListedParty("un-sc", "QDe.001", "NORTHLINE AUTO-PARTS")])
    rules = shipments.IntakeRules(screener=screener)
    clean = manifest_doc()
    clean["shipments"] = clean["shipments"][:1]
    first = submit(node, clean, minutes_before=120, rules=rules)
    # The same trip number, an original again, with a shipment for a listed consignee:
    # not a re-send, and not refused either.
    with caplog.at_level(logging.WARNING, logger="smartborder.goods.shipments"):
        reused = submit(node, manifest_doc(), minutes_before=110, rules=rules)
    assert reused.accepted and not reused.amended and not reused.late
    assert reused.notices == ()  # timely as an original: 110 minutes before arrival
    assert reused.shipments == ("CXTR0000001", "CXTR0000002")
    (warning,) = reused.warnings
    assert (warning.code, warning.where) == ("reference-reused", "trip_number")
    assert warning.text.startswith(REFERENCE_REUSED) and first.submission_id in warning.text
    assert first.warnings == ()
    # Cleared on its own content: the listed consignee is found.
    with node.units() as uow:
        listed = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000002")
        apples = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    assert listed is not None and listed.lane is SelectivityLane.RED
    # (Northline is both consignee and importer: a hit for each.)
    assert {r.ref for r in listed.reasons if r.kind is ReasonKind.WATCHLIST} == {"un-sc:QDe.001"}
    assert apples is not None and apples.submission_id == reused.submission_id
    # Flagged in the audit entry of the acceptance, and in the log.
    assert _manifest_created(node) == [
        (first.submission_id, None),
        (reused.submission_id, REFERENCE_REUSED),
    ]
    (logged,) = [r for r in caplog.records if REFERENCE_REUSED in r.getMessage()]
    assert logged.levelno == logging.WARNING and reused.submission_id in logged.getMessage()
    # The same content once more is a re-send: the second acknowledgement, flag and all.
    assert submit(node, manifest_doc(), minutes_before=30, rules=rules) == reused
    # The trip is decided as an amendment carrying the same shipments decides it.
    assert submit(node, manifest_doc(type="amendment"), minutes_before=100, rules=rules).amended
    with node.units() as uow:
        amended = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000002")
    assert amended is not None and (amended.id, amended.lane, amended.reasons) == (
        listed.id,
        listed.lane,
        listed.reasons,
    )


def _manifest_created(node: Container) -> list[tuple[str | None, str | None]]:
    """Each accepted transmission's audit entry: its submission and its warning, if any."""
    with node.units() as uow:
        created = [
            e.event
            for e in uow.audit.entries()
            if e.event.action is AuditAction.CREATE and e.event.record_type == "manifest"
        ]
    return [(e.record_id, e.detail.get("warning")) for e in created]


def test_a_rejection_lists_each_reason(node: Container) -> None:
    doc = manifest_doc(port_of_entry="9999", carrier_code="??")
    doc["shipments"][0]["lines"][0]["hs_code"] = "12"
    ack = submit(node, doc, minutes_before=120)
    assert not ack.accepted
    assert {r.where for r in ack.reasons} >= {"carrier_code", "shipments[0].lines[0].hs_code"}
    unknown_port = submit(node, manifest_doc(port_of_entry="3004"), minutes_before=120)
    assert [r.code for r in unknown_port.reasons] == ["port"]  # a CBP port, not ours


def test_fast_needs_carrier_importers_and_driver(node: Container) -> None:
    members = enrol_fast_trip(node)
    fast = submit(node, manifest_doc(fast=True), minutes_before=40)
    assert fast.fast and not fast.late  # 30 minutes' notice for FAST
    traders.set_status(
        node.units(), OFFICER, members["imp2"].id, MembershipStatus.SUSPENDED, reason="audit"
    )
    refused = submit(
        node,
        manifest_doc(fast=True, trip_number="CXTR260703002", shipments=_renumbered(1)),
        minutes_before=40,
    )
    assert not refused.fast and refused.late  # back to the 1-hour rule
    assert [n.code for n in refused.notices if n.code == "fast-refused"] == ["fast-refused"]
    assert "suspended" in next(n.text for n in refused.notices if n.code == "fast-refused")


@pytest.mark.parametrize("missing", ["carrier", "driver", "imp1"])
def test_each_of_the_three_is_required(node: Container, missing: str) -> None:
    members = enrol_fast_trip(node)
    traders.set_status(
        node.units(), OFFICER, members[missing].id, MembershipStatus.REVOKED, reason="x"
    )
    assert not submit(node, manifest_doc(fast=True), minutes_before=40).fast


def test_a_watchlisted_party_sends_its_shipment_to_red(node: Container) -> None:
    screener = InMemoryPartyScreener([ListedParty("un-sc", "QDe.001", "NORTHLINE AUTO-PARTS")])
    submit(node, manifest_doc(), minutes_before=120, rules=shipments.IntakeRules(screener=screener))
    with node.units() as uow:
        hit = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000002")
        clean = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    assert hit is not None and hit.lane is SelectivityLane.RED
    assert hit.reasons[0].kind is ReasonKind.WATCHLIST and hit.reasons[0].ref == "un-sc:QDe.001"
    assert clean is not None and clean.lane is SelectivityLane.GREEN


def test_queue_outcomes_and_retraining(node: Container) -> None:
    rng = random.Random(5)
    for trip in range(80):
        doc = manifest_doc(trip_number=f"CXTR26070{trip:04d}", shipments=_renumbered(trip, rng))
        assert submit(node, doc, minutes_before=120).accepted
    queue = examinations.build_queue(
        node.units(),
        OFFICER,
        port_code="813",
        day=ARRIVAL.date(),
        capacity=110,
        random_share=0.2,
        seed=1,
    )
    assert queue.shipments == 160 and len(queue.exams) == 110
    assert sum(e.selected_by == "random" for e in queue.exams) == 22
    again = examinations.build_queue(
        node.units(), OFFICER, port_code="813", day=ARRIVAL.date(), capacity=5, seed=2
    )
    assert [e.id for e in again.exams] == [e.id for e in queue.exams]  # built once per day
    for exam in queue.exams:
        found = rng.random() < 0.3
        examinations.record_outcome(
            node.units(),
            OFFICER,
            exam.shipment_id,
            outcome=ExamOutcome.ILLICIT if found else ExamOutcome.COMPLIANT,
            revenue=100.0 if found else 0.0,
        )
    with pytest.raises(Conflict):
        examinations.record_outcome(
            node.units(), OFFICER, queue.exams[0].shipment_id, outcome=ExamOutcome.COMPLIANT
        )
    with pytest.raises(ValidationFailed):
        risk_models.retrain(node.units(), OFFICER, min_outcomes=111)  # 110 recorded
    record = risk_models.retrain(node.units(), OFFICER)
    assert record.trained_on["declarations"] == 110
    # The next trip is scored by the model in force.
    submit(
        node,
        manifest_doc(trip_number="CXTR260799999", shipments=_renumbered(999, rng)),
        minutes_before=120,
    )
    with node.units() as uow:
        scored = uow.shipments.for_trip(Agency.CBSA, "CXTR260799999")
    assert all(r.model_version == record.version and r.risk is not None for r in scored)


def test_outcomes_only_for_selected_shipments(node: Container) -> None:
    with pytest.raises(NotFound):
        examinations.record_outcome(node.units(), OFFICER, "nope", outcome=ExamOutcome.COMPLIANT)
    with pytest.raises(NotFound):
        examinations.build_queue(
            node.units(), OFFICER, port_code="3004", day=date(2026, 7, 3), capacity=3
        )


def _renumbered(trip: int = 0, rng: random.Random | None = None) -> list[dict[str, Any]]:
    shipments_ = manifest_doc()["shipments"]
    for i, s in enumerate(shipments_):
        s["cargo_control_number"] = f"CXTR{trip:05d}{i:02d}"
        if rng is not None:
            s["importer"]["identifier"] = f"IMP-{rng.randint(1, 8)}"
            s["lines"][0]["value"] = str(rng.randint(1000, 30000))
    return shipments_
