"""Shipments: goods, lane and reasons kept exactly; an amendment replaces by id; one cargo
control number per agency; a port's day is the UTC day of arrival, active shipments only."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import (
    Agency,
    CommodityLine,
    Party,
    PartyRole,
    Reason,
    ReasonKind,
    SelectivityLane,
    Shipment,
)
from smartborder.domain.manifests import ManifestSubmission, ShipmentRecord
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

ARRIVAL = datetime(2026, 7, 3, 18, 0, 0, 250001, tzinfo=UTC)
DAY = date(2026, 7, 3)


def submission(agency: Agency = Agency.CBSA) -> ManifestSubmission:
    return ManifestSubmission(
        agency=agency,
        received_at=ARRIVAL - timedelta(hours=2),
        status="accepted",
        acknowledgement={"accepted": True},
        submitted_by="carrier",
        trip_number="TRIP1",
    )


def record(
    submission_id: str,
    ccn: str,
    *,
    id: str | None = None,
    agency: Agency = Agency.CBSA,
    trip: str = "TRIP1",
    port: str = "813",
    arrival: datetime = ARRIVAL,
    lane: SelectivityLane = SelectivityLane.GREEN,
    active: bool = True,
) -> ShipmentRecord:
    goods = Shipment(
        cargo_control_number=ccn,
        lines=(
            CommodityLine(
                hs_code="0808.10",
                description="Fresh apples — «gala»",
                quantity=Decimal("400"),
                weight_kg=Decimal("9000.125"),
                value=Decimal("14400.50"),
                origin="USA",
                currency="CAD",
                unit="BOX",
            ),
            CommodityLine("870899", "Parts", Decimal("1"), Decimal("0.5"), Decimal("0"), "MEX"),
        ),
        parties=(
            Party(PartyRole.IMPORTER, "Cascadia Fresh Foods", "CAN", "IMP-1"),
            Party(PartyRole.SHIPPER, "Skagit Orchards"),
        ),
        **({"id": id} if id is not None else {}),
    )
    return ShipmentRecord(
        agency=agency,
        submission_id=submission_id,
        trip_number=trip,
        port_code=port,
        estimated_arrival=arrival,
        shipment=goods,
        lane=lane,
        reasons=(
            Reason(ReasonKind.MODEL, "cargo-model", "value per kg below the norm", 0.8125),
            Reason(ReasonKind.RULE, "hs-0808", "fresh fruit"),
        ),
        risk=0.3125,
        score=1.5,
        model_version="abc123",
        decided_at=datetime(2026, 7, 3, 16, 0, 0, 999999, tzinfo=UTC),
        active=active,
    )


def stored_submission(store: Container, agency: Agency = Agency.CBSA) -> str:
    sub = submission(agency)
    with store.units() as uow:
        uow.manifests.add(sub)
        uow.commit()
    return sub.id


def test_a_shipment_round_trips_exactly(store: Container) -> None:
    sub = stored_submission(store)
    written = record(sub, "CCN1", arrival=datetime(2026, 7, 3, 11, 0, 0, 250001, tzinfo=PACIFIC))
    bare = replace(record(sub, "CCN2"), reasons=(), risk=None, score=None, model_version=None)
    with store.units() as uow:
        uow.shipments.put_many([written, bare])
        uow.commit()
    with store.units() as uow:
        read = uow.shipments.get(Agency.CBSA, written.id)
        read_bare = uow.shipments.get(Agency.CBSA, bare.id)
    assert read == written
    assert read is not None and read.estimated_arrival == ARRIVAL
    assert read.estimated_arrival.utcoffset() == timedelta(0)
    assert read.shipment.lines[0].weight_kg == Decimal("9000.125")
    assert read_bare == bare


def test_a_shipment_with_a_naive_time_is_refused(store: Container) -> None:
    sub = stored_submission(store)
    naive = record(sub, "CCN1", arrival=datetime(2026, 7, 3, 18, 0))
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.shipments.put_many([naive])


def test_get_and_by_ccn_are_none_for_a_missing_key_or_another_agency(store: Container) -> None:
    sub = stored_submission(store)
    written = record(sub, "CCN1")
    with store.units() as uow:
        uow.shipments.put_many([written])
        uow.commit()
    with store.units() as uow:
        assert uow.shipments.get(Agency.CBP, written.id) is None
        assert uow.shipments.get(Agency.CBSA, "no-such-id") is None
        assert uow.shipments.by_ccn(Agency.CBSA, "CCN1") == written
        assert uow.shipments.by_ccn(Agency.CBP, "CCN1") is None
        assert uow.shipments.by_ccn(Agency.CBSA, "CCN9") is None


def test_put_many_with_a_known_id_replaces_the_shipment(store: Container) -> None:
    sub = stored_submission(store)
    original = record(sub, "CCN1")
    with store.units() as uow:
        uow.shipments.put_many([original])
        uow.commit()
    amended = replace(
        record(sub, "CCN1", id=original.id, lane=SelectivityLane.RED),
        reasons=(Reason(ReasonKind.MANUAL, "officer", "amended"),),
        active=False,
    )
    fresh = record(sub, "CCN2")
    with store.units() as uow:
        uow.shipments.put_many([amended, fresh])
        uow.commit()
    with store.units() as uow:
        assert uow.shipments.get(Agency.CBSA, original.id) == amended
        assert uow.shipments.get(Agency.CBSA, fresh.id) == fresh
        assert [r.id for r in uow.shipments.for_trip(Agency.CBSA, "TRIP1")] == sorted(
            [original.id, fresh.id]
        )


def test_a_cargo_control_number_is_held_once_per_agency(store: Container) -> None:
    sub = stored_submission(store)
    theirs = stored_submission(store, Agency.CBP)
    first = record(sub, "CCN1")
    with store.units() as uow:
        uow.shipments.put_many([first, record(theirs, "CCN1", agency=Agency.CBP)])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.shipments.put_many([record(sub, "CCN1")])
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.shipments.put_many([record(sub, "CCN5"), record(sub, "CCN5")])
        uow.commit()
    with store.units() as uow:
        assert uow.shipments.by_ccn(Agency.CBSA, "CCN1") == first
        assert uow.shipments.by_ccn(Agency.CBSA, "CCN5") is None


def test_a_shipment_of_an_unknown_submission_is_refused(store: Container) -> None:
    with pytest.raises(Conflict), store.units() as uow:
        uow.shipments.put_many([record("no-such-submission", "CCN1")])
        uow.commit()
    with store.units() as uow:
        assert uow.shipments.by_ccn(Agency.CBSA, "CCN1") is None


def test_for_trip_lists_the_agencys_shipments_of_the_trip_in_id_order(store: Container) -> None:
    sub = stored_submission(store)
    theirs = stored_submission(store, Agency.CBP)
    ids = ["0190a000-0000-7000-8000-00000000000" + c for c in "312"]
    with store.units() as uow:
        uow.shipments.put_many(
            [
                record(sub, "CCN3", id=ids[0]),
                record(sub, "CCN1", id=ids[1], active=False),  # withdrawn, still of the trip
                record(sub, "CCN2", id=ids[2]),
                record(sub, "CCN4", trip="TRIP2"),
                record(theirs, "CCN5", agency=Agency.CBP),
            ]
        )
        uow.commit()
    with store.units() as uow:
        listed = uow.shipments.for_trip(Agency.CBSA, "TRIP1")
        assert uow.shipments.for_trip(Agency.CBSA, "NO-TRIP") == []
    assert [r.shipment.cargo_control_number for r in listed] == ["CCN1", "CCN2", "CCN3"]
    assert [r.active for r in listed] == [False, True, True]


def test_for_port_day_is_the_active_shipments_arriving_that_utc_day(store: Container) -> None:
    sub = stored_submission(store)
    theirs = stored_submission(store, Agency.CBP)
    start = datetime(2026, 7, 3, tzinfo=UTC)
    ids = ["0190a000-0000-7000-8000-00000000000" + c for c in "21"]
    with store.units() as uow:
        uow.shipments.put_many(
            [
                record(sub, "LAST", id=ids[0], arrival=start + timedelta(days=1, microseconds=-1)),
                record(sub, "FIRST", id=ids[1], arrival=start),
                record(sub, "NEXT-DAY", arrival=start + timedelta(days=1)),
                record(sub, "DAY-BEFORE", arrival=start - timedelta(microseconds=1)),
                record(sub, "WITHDRAWN", arrival=start + timedelta(hours=12), active=False),
                record(sub, "OTHER-PORT", port="820", arrival=start + timedelta(hours=12)),
                record(theirs, "THEIRS", agency=Agency.CBP, arrival=start + timedelta(hours=12)),
            ]
        )
        uow.commit()
    with store.units() as uow:
        listed = uow.shipments.for_port_day(Agency.CBSA, "813", DAY)
        assert uow.shipments.for_port_day(Agency.CBSA, "813", date(2026, 7, 5)) == []
    assert [r.shipment.cargo_control_number for r in listed] == ["FIRST", "LAST"]


def test_for_port_day_takes_the_utc_day_of_an_arrival_given_in_another_zone(
    store: Container,
) -> None:
    sub = stored_submission(store)
    evening = datetime(2026, 7, 3, 20, 0, tzinfo=PACIFIC)  # 2026-07-04 03:00 UTC
    with store.units() as uow:
        uow.shipments.put_many([record(sub, "CCN1", arrival=evening)])
        uow.commit()
    with store.units() as uow:
        on_utc_day = uow.shipments.for_port_day(Agency.CBSA, "813", date(2026, 7, 4))
        on_local_day = uow.shipments.for_port_day(Agency.CBSA, "813", date(2026, 7, 3))
    assert [r.shipment.cargo_control_number for r in on_utc_day] == ["CCN1"]
    assert on_local_day == []


def test_a_page_of_a_port_day_counts_the_whole_day_and_holds_its_trips_soonest_first(
    store: Container,
) -> None:
    sub = stored_submission(store)
    start = datetime(2026, 7, 3, 6, tzinfo=UTC)
    with store.units() as uow:
        uow.shipments.put_many(
            [
                # TRIP-C first (06:00), then TRIP-A and TRIP-B both at 07:00 (by number).
                record(sub, "A2", trip="TRIP-A", arrival=start + timedelta(hours=1)),
                record(sub, "A1", trip="TRIP-A", arrival=start + timedelta(hours=2)),
                record(
                    sub,
                    "B1",
                    trip="TRIP-B",
                    arrival=start + timedelta(hours=1),
                    lane=SelectivityLane.RED,
                ),
                record(sub, "C1", trip="TRIP-C", arrival=start),
                record(sub, "C2", trip="TRIP-C", arrival=start, active=False),  # withdrawn
                record(sub, "NEXT-DAY", trip="TRIP-D", arrival=start + timedelta(days=1)),
            ]
        )
        uow.commit()
    with store.units() as uow:
        first = uow.shipments.port_day_page(Agency.CBSA, "813", DAY, offset=0, limit=2)
        rest = uow.shipments.port_day_page(Agency.CBSA, "813", DAY, offset=2, limit=2)
        past = uow.shipments.port_day_page(Agency.CBSA, "813", DAY, offset=9, limit=2)
        theirs = uow.shipments.port_day_page(Agency.CBP, "813", DAY, offset=0, limit=2)
    assert (first.trips, first.shipments) == (3, 4)
    assert first.lanes == {"green": 3, "red": 1}
    assert [r.shipment.cargo_control_number for r in first.records] == ["C1", "A1", "A2"]
    assert [r.shipment.cargo_control_number for r in rest.records] == ["B1"]
    assert past.records == () and past.trips == 3
    assert (theirs.trips, theirs.shipments, theirs.records) == (0, 0, ())


def test_get_many_is_the_agencys_active_shipments_among_the_ids(store: Container) -> None:
    sub = stored_submission(store)
    theirs = stored_submission(store, Agency.CBP)
    kept, withdrawn, other = (
        record(sub, "CCN1"),
        record(sub, "CCN2", active=False),
        record(theirs, "CCN3", agency=Agency.CBP),
    )
    with store.units() as uow:
        uow.shipments.put_many([kept, withdrawn, other])
        uow.commit()
    with store.units() as uow:
        found = uow.shipments.get_many(Agency.CBSA, [kept.id, withdrawn.id, other.id, "nope"])
    assert found == {kept.id: kept}
