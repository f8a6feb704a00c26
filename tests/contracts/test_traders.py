"""Trusted traders: one member per agency, programme, kind and identifier; putting the
same member again replaces it under its first id; lists are in programme, identifier order."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import (
    Agency,
    MembershipStatus,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
)
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

CHANGED = datetime(2026, 7, 3, 8, 15, 30, 424242, tzinfo=UTC)
PIP, CTPAT, FAST = TraderProgramme.PIP, TraderProgramme.CTPAT, TraderProgramme.FAST
IMPORTER, CARRIER, DRIVER = TraderKind.IMPORTER, TraderKind.CARRIER, TraderKind.DRIVER


def member(
    identifier: str,
    *,
    agency: Agency = Agency.CBSA,
    programme: TraderProgramme = PIP,
    kind: TraderKind = IMPORTER,
    name: str = "Cascadia Fresh Foods",
    status: MembershipStatus = MembershipStatus.ACTIVE,
    changed_at: datetime = CHANGED,
) -> TrustedTrader:
    return TrustedTrader(
        agency=agency,
        programme=programme,
        kind=kind,
        identifier=identifier,
        name=name,
        country="CAN",
        status=status,
        changed_at=changed_at,
    )


def test_a_member_round_trips_exactly(store: Container) -> None:
    written = member("IMP-1", changed_at=datetime(2026, 7, 3, 1, 15, 30, 424242, tzinfo=PACIFIC))
    no_country = TrustedTrader(Agency.CBSA, FAST, DRIVER, "FAST0001", "Dana Driver")
    with store.units() as uow:
        uow.traders.put(written)
        uow.traders.put(no_country)
        uow.commit()
    with store.units() as uow:
        read = uow.traders.get(Agency.CBSA, PIP, IMPORTER, "IMP-1")
        assert uow.traders.by_id(Agency.CBSA, written.id) == written
        assert uow.traders.by_id(Agency.CBSA, no_country.id) == no_country
    assert read == written
    assert read is not None and read.changed_at == CHANGED
    assert read.changed_at.utcoffset() == timedelta(0)


def test_a_member_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.traders.put(member("IMP-1", changed_at=datetime(2026, 7, 3, 8, 15)))


def test_get_and_by_id_are_none_for_a_missing_member_or_another_agency(store: Container) -> None:
    written = member("IMP-1")
    with store.units() as uow:
        uow.traders.put(written)
        uow.commit()
    with store.units() as uow:
        assert uow.traders.get(Agency.CBP, PIP, IMPORTER, "IMP-1") is None
        assert uow.traders.get(Agency.CBSA, CTPAT, IMPORTER, "IMP-1") is None
        assert uow.traders.get(Agency.CBSA, PIP, CARRIER, "IMP-1") is None
        assert uow.traders.get(Agency.CBSA, PIP, IMPORTER, "IMP-2") is None
        assert uow.traders.by_id(Agency.CBP, written.id) is None
        assert uow.traders.by_id(Agency.CBSA, "no-such-id") is None


def test_putting_the_same_member_again_replaces_it_under_its_first_id(store: Container) -> None:
    first = member("IMP-1")
    with store.units() as uow:
        uow.traders.put(first)
        uow.commit()
    again = member(
        "IMP-1",
        name="Cascadia Fresh Foods Ltd",
        status=MembershipStatus.SUSPENDED,
        changed_at=CHANGED + timedelta(microseconds=1),
    )
    with store.units() as uow:
        uow.traders.put(again)
        uow.commit()
    with store.units() as uow:
        found = uow.traders.get(Agency.CBSA, PIP, IMPORTER, "IMP-1")
        assert uow.traders.by_id(Agency.CBSA, again.id) is None
        assert uow.traders.list(Agency.CBSA) == [found]
    assert found is not None and found.id == first.id
    assert (found.name, found.status, found.changed_at) == (
        "Cascadia Fresh Foods Ltd",
        MembershipStatus.SUSPENDED,
        CHANGED + timedelta(microseconds=1),
    )


def test_another_member_under_a_taken_id_is_refused(store: Container) -> None:
    first = member("IMP-1")
    with store.units() as uow:
        uow.traders.put(first)
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.traders.put(TrustedTrader(Agency.CBSA, PIP, IMPORTER, "IMP-2", "Other", id=first.id))
        uow.commit()
    with store.units() as uow:
        assert uow.traders.by_id(Agency.CBSA, first.id) == first
        assert uow.traders.get(Agency.CBSA, PIP, IMPORTER, "IMP-2") is None


def test_list_filters_by_agency_programme_and_kind_in_programme_identifier_order(
    store: Container,
) -> None:
    members = [
        member("IMP-2"),
        member("CXTR", kind=CARRIER),
        member("FAST0002", programme=FAST, kind=DRIVER),
        member("FAST0001", programme=FAST, kind=DRIVER),
        member("IMP-1"),
        member("IMP-10", status=MembershipStatus.REVOKED),
        member("IMP-1", agency=Agency.CBP, programme=CTPAT),
    ]
    with store.units() as uow:
        for m in members:
            uow.traders.put(m)
        uow.commit()

    def listed(**filters: object) -> list[tuple[str, str]]:
        with store.units() as uow:
            found = uow.traders.list(Agency.CBSA, **filters)  # type: ignore[arg-type]
        return [(str(t.programme), t.identifier) for t in found]

    assert listed() == [
        ("fast", "FAST0001"),
        ("fast", "FAST0002"),
        ("pip", "CXTR"),
        ("pip", "IMP-1"),
        ("pip", "IMP-10"),
        ("pip", "IMP-2"),
    ]
    assert listed(programme=PIP, kind=IMPORTER) == [
        ("pip", "IMP-1"),
        ("pip", "IMP-10"),
        ("pip", "IMP-2"),
    ]
    assert listed(kind=CARRIER) == [("pip", "CXTR")]
    assert listed(programme=CTPAT) == []
    with store.units() as uow:
        assert [t.identifier for t in uow.traders.list(Agency.CBP)] == ["IMP-1"]
