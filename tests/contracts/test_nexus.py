"""The NEXUS registry: members by card number, replaced when put again."""

from dataclasses import replace
from datetime import date

from smartborder.bootstrap import Container
from smartborder.domain import PersonName
from smartborder.domain.nexus import MembershipStatus, NexusMember, RegistryRow


def _member(
    card: str, status: MembershipStatus = MembershipStatus.ACTIVE, **changes: object
) -> NexusMember:
    member = NexusMember(
        card_number=card,
        name=PersonName("TREMBLAY", ("JULIE", "ANNE")),
        birth_date=date(1984, 2, 29),
        nationality="CAN",
        status=status,
        expiry_date=date(2030, 12, 31),
    )
    return replace(member, **changes)  # type: ignore[arg-type]


def test_a_member_round_trips_exactly_by_card_number(store: Container) -> None:
    full = _member("100000001")
    sparse = _member(
        "100000002",
        name=PersonName("NGUYEN"),
        birth_date=None,
        nationality=None,
        expiry_date=None,
    )
    with store.units() as uow:
        uow.nexus.put_many([full, sparse])
        uow.commit()
    with store.units() as uow:
        assert uow.nexus.get("100000001") == full
        assert uow.nexus.get("100000002") == sparse
        assert uow.nexus.get("999999999") is None


def test_a_name_comes_back_whole_with_its_spaces_and_its_script(store: Container) -> None:
    # "MARY ANN" is one given name; the original script is part of the name.
    member = _member("100000003", name=PersonName("ЛЕБЕДЕВА", ("MARY ANN", "Ё"), "Мэри Энн"))
    with store.units() as uow:
        uow.nexus.put_many([member])
        uow.commit()
    with store.units() as uow:
        assert uow.nexus.get("100000003") == member
        assert uow.nexus.get_many(["100000003"]) == {"100000003": member}


def test_putting_a_member_again_replaces_the_record(store: Container) -> None:
    with store.units() as uow:
        uow.nexus.put_many([_member("100000001")])
        uow.commit()
    revoked = _member("100000001", MembershipStatus.REVOKED, nationality="USA")
    with store.units() as uow:
        uow.nexus.put_many([revoked])
        uow.commit()
    with store.units() as uow:
        assert uow.nexus.get("100000001") == revoked
        assert uow.nexus.active_count() == 0


def test_get_many_gives_the_members_found_by_card_number(store: Container) -> None:
    members = [_member("100000001"), _member("100000002", MembershipStatus.SUSPENDED)]
    with store.units() as uow:
        uow.nexus.put_many(members)
        uow.commit()
    with store.units() as uow:
        assert uow.nexus.get_many(["100000002", "999999999", "100000001"]) == {
            "100000001": members[0],
            "100000002": members[1],
        }
        assert uow.nexus.get_many(["999999999"]) == {}
        assert uow.nexus.get_many([]) == {}


def test_active_count_counts_members_whose_status_is_active(store: Container) -> None:
    with store.units() as uow:
        assert uow.nexus.active_count() == 0
        uow.nexus.put_many(
            [
                _member("100000001"),
                _member("100000002", expiry_date=date(2020, 1, 1)),  # lapsed, still "active"
                _member("100000003", MembershipStatus.SUSPENDED),
                _member("100000004", MembershipStatus.REVOKED),
                _member("100000005", MembershipStatus.EXPIRED),
            ]
        )
        uow.commit()
    with store.units() as uow:
        assert uow.nexus.active_count() == 2


def test_active_members_are_paged_through_in_card_order(store: Container) -> None:
    with store.units() as uow:
        uow.nexus.put_many(
            [
                _member("100000004"),
                _member("100000002", name=PersonName("NGUYEN", ("MINH",), "阮明")),
                _member("100000003", MembershipStatus.SUSPENDED),
                _member("100000001"),
            ]
        )
        uow.commit()
    with store.units() as uow:
        first = uow.nexus.active_page(limit=2)
        rest = uow.nexus.active_page(after=first[-1].card_number, limit=2)
    assert [m.card_number for m in first] == ["100000001", "100000002"]
    assert [m.card_number for m in rest] == ["100000004"]  # the suspended one is not read
    member = _member("100000002", name=PersonName("NGUYEN", ("MINH",), "阮明"))
    assert first[1] == RegistryRow(
        "100000002", "NGUYEN", ("MINH",), member.birth_date, member.nationality
    )
    assert first[1].full_name == member.name.full
