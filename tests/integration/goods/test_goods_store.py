"""The goods flow on real databases (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from smartborder.audit import trail
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import (
    Agency,
    ExamOutcome,
    MembershipStatus,
    Role,
    SelectivityLane,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.goods import examinations, shipments
from smartborder.goods.parties import InMemoryPartyScreener, ListedParty
from smartborder.programmes import traders
from smartborder.store import migrate
from smartborder.world.catalogue import ports
from tests.factories import ARRIVAL, manifest_doc

OFFICER = User(name="officer", role=Role.SUPERVISOR, agency=Agency.CBSA)


def _submit(container: Container, doc: dict[str, Any], rules: shipments.IntakeRules) -> Any:
    return shipments.submit_manifest(
        container.units(), OFFICER, doc, rules=rules, received_at=ARRIVAL - timedelta(hours=2)
    )


def test_intake_queue_and_outcomes_round_trip(container: Container) -> None:
    register_ports(container.units(), ports())
    screener = InMemoryPartyScreener([ListedParty("ofac-sdn", "36", "Northline Auto Parts")])
    rules = shipments.IntakeRules(screener=screener)
    ack = _submit(container, manifest_doc(), rules)
    assert ack.accepted
    assert (
        shipments.manifest_status(container.units(), OFFICER, ack.submission_id, purpose="test")
        == ack
    )
    assert _submit(container, manifest_doc(), rules) == ack  # sent again: the stored answer
    # The trip number re-used with only the listed importer's shipment: cleared on it,
    # flagged, and its acknowledgement (warning and all) survives the database.
    only_listed = manifest_doc(shipments=manifest_doc()["shipments"][1:])
    reused = _submit(container, only_listed, rules)
    assert reused.accepted and [w.code for w in reused.warnings] == ["reference-reused"]
    assert (
        shipments.manifest_status(container.units(), OFFICER, reused.submission_id, purpose="test")
        == reused
    )
    assert _submit(container, only_listed, rules) == reused  # sent again: this answer
    with container.units() as uow:
        red = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000002")
        withdrawn = uow.shipments.by_ccn(Agency.CBSA, "CXTR0000001")
    assert red is not None and red.lane is SelectivityLane.RED
    assert red.submission_id == reused.submission_id
    assert withdrawn is not None and not withdrawn.active  # not in this transmission
    read = shipments.shipment_risk(container.units(), OFFICER, red.id, purpose="test")
    assert read == red  # goods, reasons and lane survive the database
    queue = examinations.build_queue(
        container.units(), OFFICER, port_code="813", day=ARRIVAL.date(), capacity=1, seed=3
    )
    by = {e.shipment_id: e.selected_by for e in queue.exams}
    assert by[red.id] == "required"
    done = examinations.record_outcome(
        container.units(), OFFICER, red.id, outcome=ExamOutcome.ILLICIT, revenue=250.0
    )
    with container.units() as uow:
        assert uow.examinations.recorded(Agency.CBSA) == [done]
    assert trail.verify(container.units()).ok


def test_trader_registry_on_the_database(container: Container) -> None:
    member = traders.enrol(
        container.units(),
        OFFICER,
        TrustedTrader(Agency.CBSA, TraderProgramme.PIP, TraderKind.IMPORTER, "IMP-1", "Cascadia"),
    )
    traders.set_status(
        container.units(), OFFICER, member.id, MembershipStatus.SUSPENDED, reason="x"
    )
    with container.units() as uow:
        found = uow.traders.get(Agency.CBSA, TraderProgramme.PIP, TraderKind.IMPORTER, "IMP-1")
    assert found is not None and found.id == member.id
    assert found.status is MembershipStatus.SUSPENDED


def test_goods_migration_downgrades_and_upgrades(container: Container) -> None:
    assert container.engine is not None
    migrate.downgrade(container.engine, "0001")
    assert migrate.current_revision(container.engine) == "0001"
    migrate.upgrade(container.engine)
    assert migrate.current_revision(container.engine) == migrate.head_revision()
