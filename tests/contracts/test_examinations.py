"""Examinations: one per shipment, kept exactly; an update records the outcome; a port's
day is listed in id order, and the recorded ones oldest day first."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import (
    Agency,
    CommodityLine,
    ExamOutcome,
    SelectivityLane,
    Shipment,
)
from smartborder.domain.manifests import Examination, ManifestSubmission, ShipmentRecord
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

DAY = date(2026, 7, 3)
SELECTED = datetime(2026, 7, 3, 6, 0, 0, 100001, tzinfo=UTC)


def shipments(store: Container, n: int, agency: Agency = Agency.CBSA) -> list[str]:
    """``n`` stored shipments of one submission; their ids."""
    sub = ManifestSubmission(
        agency=agency,
        received_at=SELECTED,
        status="accepted",
        acknowledgement={},
        submitted_by="carrier",
        trip_number="TRIP1",
    )
    records = [
        ShipmentRecord(
            agency=agency,
            submission_id=sub.id,
            trip_number="TRIP1",
            port_code="813",
            estimated_arrival=SELECTED,
            shipment=Shipment(
                f"{agency}-CCN{i}",
                (CommodityLine("0808.10", "apples", Decimal(1), Decimal(1), Decimal(1), "USA"),),
            ),
            lane=SelectivityLane.RED,
        )
        for i in range(n)
    ]
    with store.units() as uow:
        uow.manifests.add(sub)
        uow.shipments.put_many(records)
        uow.commit()
    return [r.id for r in records]


def exam(
    shipment_id: str,
    *,
    agency: Agency = Agency.CBSA,
    port: str = "813",
    day: date = DAY,
    id: str | None = None,
    outcome: ExamOutcome | None = None,
) -> Examination:
    made = Examination(
        agency=agency,
        shipment_id=shipment_id,
        port_code=port,
        day=day,
        selected_by="targeted",
        score=0.875,
        selected_at=SELECTED,
        outcome=outcome,
    )
    return replace(made, id=id) if id is not None else made


def test_an_examination_round_trips_exactly(store: Container) -> None:
    (sid,) = shipments(store, 1)
    written = replace(exam(sid), selected_at=datetime(2026, 7, 2, 23, 0, 0, 100001, tzinfo=PACIFIC))
    with store.units() as uow:
        uow.examinations.add_many([written])
        uow.commit()
    with store.units() as uow:
        read = uow.examinations.by_shipment(Agency.CBSA, sid)
    assert read == written
    assert read is not None and read.selected_at == SELECTED
    assert read.selected_at.utcoffset() == timedelta(0)
    assert (read.outcome, read.revenue, read.findings, read.recorded_at) == (None,) * 4


def test_an_examination_keeps_the_capacity_its_queue_was_built_under(store: Container) -> None:
    kept, unknown = shipments(store, 2)
    written = [replace(exam(kept), capacity=12), exam(unknown)]
    with store.units() as uow:
        uow.examinations.add_many(written)
        uow.commit()
    with store.units() as uow:
        read = uow.examinations.for_port_day(Agency.CBSA, "813", DAY)
    assert {e.shipment_id: e.capacity for e in read} == {kept: 12, unknown: None}


def test_an_examination_with_a_naive_time_is_refused(store: Container) -> None:
    one, two = shipments(store, 2)
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.examinations.add_many([replace(exam(one), selected_at=datetime(2026, 7, 3, 6, 0))])
    with store.units() as uow:
        uow.examinations.add_many([exam(two)])
        uow.commit()
    with store.units() as uow:
        stored = uow.examinations.by_shipment(Agency.CBSA, two)
    assert stored is not None
    late = replace(stored, outcome=ExamOutcome.COMPLIANT, recorded_at=datetime(2026, 7, 3))
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.examinations.update(late)


def test_by_shipment_is_none_for_a_missing_shipment_or_another_agency(store: Container) -> None:
    sid, bare = shipments(store, 2)
    with store.units() as uow:
        uow.examinations.add_many([exam(sid)])
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBP, sid) is None
        assert uow.examinations.by_shipment(Agency.CBSA, bare) is None
        assert uow.examinations.by_shipment(Agency.CBSA, "no-such-shipment") is None


def test_a_second_examination_of_a_shipment_is_refused(store: Container) -> None:
    (sid,) = shipments(store, 1)
    first = exam(sid)
    with store.units() as uow:
        uow.examinations.add_many([first])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.examinations.add_many([exam(sid, day=DAY + timedelta(1))])
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBSA, sid) == first


def test_an_examination_id_is_used_once(store: Container) -> None:
    one, two = shipments(store, 2)
    first = exam(one)
    with store.units() as uow:
        uow.examinations.add_many([first])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.examinations.add_many([exam(two, id=first.id)])
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBSA, one) == first
        assert uow.examinations.by_shipment(Agency.CBSA, two) is None


def test_an_examination_of_an_unknown_shipment_is_refused(store: Container) -> None:
    with pytest.raises(Conflict), store.units() as uow:
        uow.examinations.add_many([exam("no-such-shipment")])
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBSA, "no-such-shipment") is None


def test_update_records_the_outcome(store: Container) -> None:
    (sid,) = shipments(store, 1)
    selected = exam(sid)
    with store.units() as uow:
        uow.examinations.add_many([selected])
        uow.commit()
    done = replace(
        selected,
        outcome=ExamOutcome.ILLICIT,
        revenue=250.25,
        findings="undervalued — invoice 1 of 2",
        recorded_at=datetime(2026, 7, 3, 19, 0, 0, 7, tzinfo=UTC),
        recorded_by="CBSA/officer-7",
    )
    with store.units() as uow:
        uow.examinations.update(done)
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBSA, sid) == done
        assert uow.examinations.recorded(Agency.CBSA) == [done]


def test_for_port_day_lists_the_agencys_exams_of_the_port_and_day_in_id_order(
    store: Container,
) -> None:
    a, b, c, d = shipments(store, 4)
    (theirs,) = shipments(store, 1, Agency.CBP)
    ids = ["0190a000-0000-7000-8000-00000000000" + x for x in "21"]
    with store.units() as uow:
        uow.examinations.add_many(
            [
                exam(a, id=ids[0]),
                exam(b, id=ids[1]),
                exam(c, day=DAY + timedelta(1)),
                exam(d, port="820"),
                exam(theirs, agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        listed = uow.examinations.for_port_day(Agency.CBSA, "813", DAY)
        assert uow.examinations.for_port_day(Agency.CBSA, "813", DAY - timedelta(1)) == []
    assert [e.shipment_id for e in listed] == [b, a]


def test_recorded_is_the_agencys_exams_with_an_outcome_by_day_then_id(store: Container) -> None:
    a, b, c, d = shipments(store, 4)
    (theirs,) = shipments(store, 1, Agency.CBP)
    ids = ["0190a000-0000-7000-8000-00000000000" + x for x in "321"]
    with store.units() as uow:
        uow.examinations.add_many(
            [
                exam(a, id=ids[0], day=DAY, outcome=ExamOutcome.COMPLIANT),
                exam(b, id=ids[1], day=DAY + timedelta(1), outcome=ExamOutcome.ILLICIT),
                exam(c, id=ids[2], day=DAY + timedelta(1), outcome=ExamOutcome.COMPLIANT),
                exam(d, day=DAY - timedelta(1)),  # selected, not yet examined
                exam(theirs, agency=Agency.CBP, outcome=ExamOutcome.ILLICIT),
            ]
        )
        uow.commit()
    with store.units() as uow:
        recorded = uow.examinations.recorded(Agency.CBSA)
    assert [(e.shipment_id, e.outcome) for e in recorded] == [
        (a, ExamOutcome.COMPLIANT),
        (c, ExamOutcome.COMPLIANT),
        (b, ExamOutcome.ILLICIT),
    ]


def test_update_of_an_examination_never_added_stores_it(store: Container) -> None:
    # Both stores upsert here (SQL merges by id); services update only what they read.
    (sid,) = shipments(store, 1)
    unseen = exam(sid, outcome=ExamOutcome.COMPLIANT)
    with store.units() as uow:
        uow.examinations.update(unseen)
        uow.commit()
    with store.units() as uow:
        assert uow.examinations.by_shipment(Agency.CBSA, sid) == unseen
