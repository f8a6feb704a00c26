"""A port's day of goods on the in-memory store: its trips and lanes, the queue with the
capacity it was built under (past it when a rule requires more), one shipment with its
examination, each read audited; another agency's port or shipment is not found."""

from __future__ import annotations

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, AuditAction, Role, SelectivityLane, User
from smartborder.errors import NotFound
from smartborder.goods import examinations, shipments
from smartborder.goods.parties import InMemoryPartyScreener, ListedParty
from smartborder.goods.port_day import examined_shipment, goods_day
from smartborder.world.catalogue import ports
from tests.factories import ARRIVAL, at, manifest_doc

OFFICER = User(name="officer", role=Role.OFFICER, agency=Agency.CBSA)
PARTNER = User(name="cbp", role=Role.OFFICER, agency=Agency.CBP)
DAY = ARRIVAL.date()
# Northline's shipment is red by a watch-list hit: examined whatever the capacity.
LISTED = InMemoryPartyScreener([ListedParty("un-sc", "QDe.001", "NORTHLINE AUTO-PARTS")])


@pytest.fixture
def node(memory_container: Container) -> Container:
    register_ports(memory_container.units(), ports())
    rules = shipments.IntakeRules(screener=LISTED)
    for trip, minutes in (("CXTR260703002", 60), ("CXTR260703001", 120)):
        doc = manifest_doc(trip_number=trip, estimated_arrival=at(-minutes).isoformat())
        for i, s in enumerate(doc["shipments"]):
            s["cargo_control_number"] = f"CXTR{trip[-3:]}{i:04d}"
        ack = shipments.submit_manifest(
            memory_container.units(), OFFICER, doc, rules=rules, received_at=at(180)
        )
        assert ack.accepted, ack
    return memory_container


def test_the_day_lists_its_trips_soonest_first_with_each_shipments_lane(node: Container) -> None:
    day = goods_day(node.units(), OFFICER, "813", DAY, purpose="exam planning")
    assert [t.number for t in day.trips] == ["CXTR260703002", "CXTR260703001"]
    lanes = {s.shipment.cargo_control_number: s.lane for t in day.trips for s in t.shipments}
    assert lanes["CXTR0020001"] is SelectivityLane.RED
    assert day.queue.exams == () and day.queue.capacity is None
    with node.units() as uow:
        read = [e.event for e in uow.audit.entries()][-2:]
    assert [(e.action, e.record_type, e.purpose) for e in read] == [
        (AuditAction.READ, "shipment", "exam planning"),
        (AuditAction.READ, "examination", "exam planning"),
    ]
    assert len(read[0].detail["ids"]) == 4


def test_a_queue_read_again_keeps_the_capacity_it_was_built_under(node: Container) -> None:
    built = examinations.build_queue(
        node.units(), OFFICER, port_code="813", day=DAY, capacity=1, random_share=0.0, seed=1
    )
    # Two red shipments (one per trip) are required: one past a capacity of 1.
    assert (len(built.exams), built.capacity, built.over_capacity) == (2, 1, 1)
    read = examinations.read_queue(node.units(), OFFICER, port_code="813", day=DAY, purpose="x")
    assert (read.capacity, read.over_capacity) == (1, 1)
    day = goods_day(node.units(), OFFICER, "813", DAY, purpose="exam planning")
    assert day.queue.over_capacity == 1
    assert [q.exam.selected_by for q in day.queued] == ["required", "required"]
    assert all(q.shipment and q.shipment.lane is SelectivityLane.RED for q in day.queued)


def test_a_shipment_comes_with_its_examination(node: Container) -> None:
    built = examinations.build_queue(
        node.units(), OFFICER, port_code="813", day=DAY, capacity=1, random_share=0.0, seed=1
    )
    queued = built.exams[0].shipment_id
    found = examined_shipment(node.units(), OFFICER, queued, purpose="exam")
    assert found.exam == built.exams[0] and found.port is not None
    with node.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.record_type, last.record_id, last.purpose) == ("shipment", queued, "exam")


def test_another_agencys_port_or_shipment_is_not_found(node: Container) -> None:
    with pytest.raises(NotFound):
        goods_day(node.units(), PARTNER, "813", DAY, purpose="x")
    mine = goods_day(node.units(), OFFICER, "813", DAY, purpose="x").trips[0].shipments[0]
    with pytest.raises(NotFound):
        examined_shipment(node.units(), PARTNER, mine.id, purpose="x")


def test_a_page_of_the_day_holds_some_trips_and_counts_them_all(node: Container) -> None:
    whole = goods_day(node.units(), OFFICER, "813", DAY, purpose="exam planning")
    second = goods_day(node.units(), OFFICER, "813", DAY, purpose="exam planning", first=1, trips=1)
    assert [t.number for t in second.trips] == ["CXTR260703001"]
    assert (second.trip_count, second.first) == (2, 1)
    assert second.queue.shipments == whole.queue.shipments == sum(second.lanes.values())
    with node.units() as uow:
        shown = [e.event for e in uow.audit.entries()][-2]
    # Only what the page shows is named as read: the second trip's shipments.
    assert shown.detail["ids"] == sorted(s.id for s in second.trips[0].shipments)


def test_a_page_of_the_queue_holds_some_examinations_in_the_queues_order(
    node: Container,
) -> None:
    examinations.build_queue(
        node.units(), OFFICER, port_code="813", day=DAY, capacity=1, random_share=0.0, seed=1
    )
    whole = goods_day(node.units(), OFFICER, "813", DAY, purpose="exam planning")
    second = goods_day(
        node.units(), OFFICER, "813", DAY, purpose="exam planning", queue_first=1, exams=1
    )
    assert [q.exam.id for q in second.queued] == [whole.queued[1].exam.id]
    assert second.queue_first == 1 and len(second.queue.exams) == 2  # counted whole
    assert second.queue.over_capacity == whole.queue.over_capacity == 1
    with node.units() as uow:
        read = [e.event for e in uow.audit.entries()][-1]
    assert read.record_type == "examination" and read.detail["ids"] == [second.queued[0].exam.id]
