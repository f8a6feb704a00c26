"""Ports, users and crossings round-trip exactly, on the fake and on both databases."""

from datetime import UTC, datetime, timedelta

from smartborder.audit import trail
from smartborder.bootstrap import Container
from smartborder.domain import Agency, AuditAction, AuditEvent, Direction, Role, User
from tests.factories import BLAINE, DOUGLAS, entry


def test_ports_round_trip(store: Container) -> None:
    with store.units() as uow:
        uow.ports.put(DOUGLAS)
        uow.ports.put(BLAINE)
        uow.commit()
    with store.units() as uow:
        assert uow.ports.get("813") == DOUGLAS
        assert uow.ports.list(Agency.CBP) == [BLAINE]


def test_users_round_trip_and_revoke(store: Container) -> None:
    user = User(name="officer-7", role=Role.OFFICER, agency=Agency.CBSA)
    with store.units() as uow:
        uow.users.add(user, "f" * 64)
        uow.commit()
    with store.units() as uow:
        assert uow.users.by_token_hash("f" * 64) == user
        assert uow.users.by_name(Agency.CBP, "officer-7") is None
        uow.users.revoke(user.id, datetime(2026, 7, 4, tzinfo=UTC))
        uow.commit()
    with store.units() as uow:
        revoked = uow.users.by_name(Agency.CBSA, "officer-7")
        assert revoked is not None and not revoked.active


def test_a_users_token_expiry_round_trips_and_a_new_token_replaces_the_old(
    store: Container,
) -> None:
    expires = datetime(2027, 3, 1, 12, 30, 0, 123456, tzinfo=UTC)
    user = User(name="officer-8", role=Role.OFFICER, agency=Agency.CBP, token_expires_at=expires)
    with store.units() as uow:
        uow.users.add(user, "a" * 64)
        uow.commit()
    with store.units() as uow:
        assert uow.users.by_token_hash("a" * 64) == user
        later = expires + timedelta(days=90)
        uow.users.replace_token(user.id, "b" * 64, later)
        uow.commit()
    with store.units() as uow:
        assert uow.users.by_token_hash("a" * 64) is None
        found = uow.users.by_token_hash("b" * 64)
        assert found is not None and found.token_expires_at == later
        assert uow.users.by_name(Agency.CBP, "officer-8") == found
        assert [u.token_expires_at for u in uow.users.list(Agency.CBP)] == [later]


def test_crossings_round_trip_with_microseconds_and_agency_scope(store: Container) -> None:
    record = entry()
    with store.units() as uow:
        uow.ports.put(DOUGLAS)
        uow.crossings.add(record)
        uow.commit()
    with store.units() as uow:
        assert uow.crossings.get(Agency.CBSA, record.id) == record
        assert uow.crossings.get(Agency.CBP, record.id) is None
        assert uow.crossings.count(Agency.CBSA, Direction.ENTRY) == 1


def test_crossings_list_oldest_first_from_a_time(store: Container) -> None:
    start = datetime(2026, 7, 3, 8, tzinfo=UTC)
    records = [entry(crossed_at=start + timedelta(minutes=m)) for m in (30, 10, 20)]
    with store.units() as uow:
        uow.crossings.add_many(records)
        uow.commit()
    with store.units() as uow:
        listed = uow.crossings.list(Agency.CBSA, since=start + timedelta(minutes=15))
    assert [r.crossed_at.minute for r in listed] == [20, 30]


def test_the_audit_log_chains_what_it_is_given_in_order(store: Container) -> None:
    events = [
        AuditEvent(
            actor="CBSA/analyst",
            agency="CBSA",
            action=AuditAction.READ,
            purpose="hit review",
            record_type="crossing",
            record_id=str(n),
            detail={"n": str(n), "note": "é ü 中"},
        )
        for n in range(1, 4)
    ]
    with store.units() as uow:
        uow.audit.append(events[0])
        uow.audit.append_many(events[1:])
        uow.commit()
    with store.units() as uow:
        entries = list(uow.audit.entries())
    assert [e.event for e in entries] == events
    assert [e.seq for e in entries] == [1, 2, 3]
    result = trail.verify(store.units())
    assert result.ok and result.entries == 3 and result.head_seq == 3


def test_the_latest_entries_by_actor_or_about_a_record_newest_first(store: Container) -> None:
    def read(actor: str, record: str | None, ids: list[str], agency: str = "CBSA") -> AuditEvent:
        detail: dict[str, str | list[str]] = {"ids": ids} if ids else {}
        return AuditEvent(actor, agency, AuditAction.READ, "review", "hit", record, detail)

    with store.units() as uow:
        uow.audit.append_many(
            [
                read("CBSA/ana", "h-1", []),
                read("CBSA/bob", None, ["h-2", "h-1"]),  # a list read naming h-1
                read("CBSA/ana", "h-2", []),
                read("CBP/eve", "h-1", [], agency="CBP"),  # another agency's log
                read("CBSA/ana", None, ["h-10"]),  # not h-1, though it begins so
            ]
        )
        uow.commit()
    with store.units() as uow:
        assert [e.seq for e in uow.audit.latest("CBSA", record="h-1")] == [2, 1]
        assert [e.seq for e in uow.audit.latest("CBSA", actor="CBSA/ana")] == [5, 3, 1]
        assert [e.seq for e in uow.audit.latest("CBSA", before=3, limit=1)] == [2]
        assert [e.seq for e in uow.audit.latest("CBP")] == [4]
