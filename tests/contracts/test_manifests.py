"""Manifest submissions: kept exactly as received, read back only by their own agency, and
the last accepted transmission of a trip is found by when it was received."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.manifests import ManifestSubmission
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

#: What a refused write raises: the fake's Conflict, or the database's integrity error.
RECEIVED = datetime(2026, 7, 3, 16, 0, 0, 123456, tzinfo=UTC)


def submission(
    *,
    agency: Agency = Agency.CBSA,
    trip: str | None = "CXTR260703001",
    status: str = "accepted",
    received_at: datetime = RECEIVED,
    id: str | None = None,
) -> ManifestSubmission:
    extra = {"id": id} if id is not None else {}
    return ManifestSubmission(
        agency=agency,
        received_at=received_at,
        status=status,
        acknowledgement={"accepted": status == "accepted", "warnings": [{"code": "w1"}]},
        submitted_by="CBSA/carrier-cxtr",
        trip_number=trip,
        amendment=False,
        document={"trip_number": trip, "shipments": [{"n": 1, "note": "é 中"}], "fast": True},
        **extra,
    )


def test_a_submission_round_trips_exactly(store: Container) -> None:
    written = submission(received_at=datetime(2026, 7, 3, 9, 0, 0, 654321, tzinfo=PACIFIC))
    rejected = ManifestSubmission(
        agency=Agency.CBSA,
        received_at=RECEIVED,
        status="rejected",
        acknowledgement={"errors": [{"code": "schema", "path": "/shipments"}]},
        submitted_by="CBSA/carrier-cxtr",
    )
    with store.units() as uow:
        uow.manifests.add(written)
        uow.manifests.add(rejected)
        uow.commit()
    with store.units() as uow:
        read = uow.manifests.get(Agency.CBSA, written.id)
        read_rejected = uow.manifests.get(Agency.CBSA, rejected.id)
    assert read == written
    assert read is not None and read.received_at == datetime(
        2026, 7, 3, 16, 0, 0, 654321, tzinfo=UTC
    )
    assert read.received_at.utcoffset() == timedelta(0)  # the same instant, in UTC
    assert read_rejected == rejected
    assert read_rejected is not None and read_rejected.document is None
    assert read_rejected.trip_number is None


def test_a_submission_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.manifests.add(submission(received_at=datetime(2026, 7, 3, 16, 0)))


def test_get_is_none_for_a_missing_id_or_another_agency(store: Container) -> None:
    written = submission()
    with store.units() as uow:
        uow.manifests.add(written)
        uow.commit()
    with store.units() as uow:
        assert uow.manifests.get(Agency.CBP, written.id) is None
        assert uow.manifests.get(Agency.CBSA, "00000000-0000-0000-0000-000000000000") is None


def test_a_second_submission_with_the_same_id_is_refused(store: Container) -> None:
    first = submission(id="0190a000-0000-7000-8000-000000000001")
    second = submission(id="0190a000-0000-7000-8000-000000000001", status="rejected", trip="OTHER")
    with store.units() as uow:
        uow.manifests.add(first)
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.manifests.add(second)
        uow.commit()
    with store.units() as uow:
        assert uow.manifests.get(Agency.CBSA, first.id) == first


def test_latest_accepted_is_the_last_received_accepted_one_of_the_trip(store: Container) -> None:
    trip = "CXTR260703001"
    older = submission(trip=trip, received_at=RECEIVED)
    newest = submission(trip=trip, received_at=RECEIVED + timedelta(microseconds=1))
    later_rejected = submission(trip=trip, status="rejected", received_at=RECEIVED + timedelta(1))
    other_trip = submission(trip="CXTR260703002", received_at=RECEIVED + timedelta(2))
    other_agency = submission(agency=Agency.CBP, trip=trip, received_at=RECEIVED + timedelta(3))
    with store.units() as uow:
        for item in (newest, later_rejected, older, other_trip, other_agency):
            uow.manifests.add(item)
        uow.commit()
    with store.units() as uow:
        assert uow.manifests.latest_accepted(Agency.CBSA, trip) == newest
        assert uow.manifests.latest_accepted(Agency.CBP, trip) == other_agency
        assert uow.manifests.latest_accepted(Agency.CBSA, "NO-SUCH-TRIP") is None


def test_latest_accepted_breaks_a_tie_on_time_by_the_greater_id(store: Container) -> None:
    low = submission(id="0190a000-0000-7000-8000-00000000000a")
    high = submission(id="0190a000-0000-7000-8000-00000000000b")
    with store.units() as uow:
        uow.manifests.add(high)
        uow.manifests.add(low)
        uow.commit()
    with store.units() as uow:
        found = uow.manifests.latest_accepted(Agency.CBSA, "CXTR260703001")
    assert found is not None and found.id == high.id
