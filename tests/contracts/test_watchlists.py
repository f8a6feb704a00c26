"""Watch lists: versions staged unseen, activated whole, pruned; lookouts read back exactly."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import ListedDocument, Lookout, PersonName, Sex, SubjectKind, WatchList
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)


def _lk(list_id: str, source_id: str, surname: str = "HADDAD") -> Lookout:
    return Lookout(
        list_id=list_id,
        source_id=source_id,
        kind=SubjectKind.PERSON,
        names=(PersonName(surname, ("SAMIR",)),),
    )


FULL = Lookout(
    list_id="un",
    source_id="QDi.901",
    kind=SubjectKind.PERSON,
    names=(
        PersonName("AL-HADDAD", ("SAMIR", "ABU"), "سمير الحداد"),
        PersonName("HADDAD", ("SAMI",)),
    ),
    birth_dates=("1979-03-14", "1980"),
    nationalities=("LBN", "SYR"),
    sex=Sex.MALE,
    documents=(ListedDocument("N123456", "passport", "LBN"), ListedDocument("77-1")),
    programmes=("UN-1267",),
    remarks="Also known as é ü 中",
)


def _list(list_id: str, version: str, *, loaded_at: datetime = T0, count: int = 1) -> WatchList:
    return WatchList(list_id, version, "un-consolidated", loaded_at, count, "c" * 64)


def _load(store: Container, list_id: str, version: str, *batches: list[Lookout]) -> None:
    for batch in batches:
        with store.units() as uow:
            uow.watchlists.stage(list_id, version, batch)
            uow.commit()
    with store.units() as uow:
        uow.watchlists.activate(_list(list_id, version, count=sum(map(len, batches))))
        uow.watchlists.prune(list_id)
        uow.commit()


def test_an_activated_list_round_trips_exactly_and_lists_come_by_id(store: Container) -> None:
    un = _list("un", "v1", loaded_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC))
    with store.units() as uow:
        uow.watchlists.activate(_list("ofac", "2026-07-01", count=4))
        uow.watchlists.activate(un)
        uow.watchlists.activate(_list("cbsa", "v7"))
        uow.commit()
    with store.units() as uow:
        read = uow.watchlists.get("un")
        assert read == un
        assert read is not None
        assert read.loaded_at == T0 and read.loaded_at.utcoffset() == timedelta(0)
        assert uow.watchlists.get("sema") is None
        assert [w.list_id for w in uow.watchlists.list()] == ["cbsa", "ofac", "un"]


def test_activating_again_replaces_the_lists_row(store: Container) -> None:
    with store.units() as uow:
        uow.watchlists.activate(_list("un", "v1"))
        uow.commit()
    v2 = WatchList("un", "v2", "un-consolidated", T0 + timedelta(days=1), 9, "d" * 64)
    with store.units() as uow:
        uow.watchlists.activate(v2)
        uow.commit()
    with store.units() as uow:
        assert uow.watchlists.list() == [v2]


def test_a_list_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.watchlists.activate(_list("un", "v1", loaded_at=datetime(2026, 7, 3, 17, 5)))


def test_lookouts_round_trip_exactly_in_staging_order_once_activated(store: Container) -> None:
    staged = [FULL, _lk("un", "QDi.3", "ZED"), _lk("un", "QDi.1", "ABE")]
    with store.units() as uow:
        uow.watchlists.stage("un", "v1", staged[:2])
        uow.commit()
    with store.units() as uow:
        uow.watchlists.stage("un", "v1", staged[2:])
        uow.commit()
    with store.units() as uow:
        assert uow.watchlists.staged("un", "v1") == 3
        assert uow.watchlists.staged("un", "v2") == 0
        assert list(uow.watchlists.lookouts()) == []  # not current yet: no reader sees it
        uow.watchlists.activate(_list("un", "v1", count=3))
        uow.commit()
    with store.units() as uow:
        assert list(uow.watchlists.lookouts("un")) == staged
        assert list(uow.watchlists.lookouts()) == staged
        assert list(uow.watchlists.lookouts("ofac")) == []


def test_lookouts_of_every_list_come_in_the_order_they_were_loaded(store: Container) -> None:
    _load(store, "un", "v1", [_lk("un", "1"), _lk("un", "2")])
    _load(store, "cbsa", "v1", [_lk("cbsa", "9")])
    with store.units() as uow:
        assert [lk.ref for lk in uow.watchlists.lookouts()] == ["un:1", "un:2", "cbsa:9"]
    _load(store, "un", "v2", [_lk("un", "3")])  # a new version is loaded last
    with store.units() as uow:
        assert [lk.ref for lk in uow.watchlists.lookouts()] == ["cbsa:9", "un:3"]
        assert [lk.ref for lk in uow.watchlists.lookouts("un")] == ["un:3"]


def test_a_staged_version_stays_unseen_until_activated_then_replaces_the_old(
    store: Container,
) -> None:
    _load(store, "un", "v1", [_lk("un", "1"), _lk("un", "2")])
    with store.units() as uow:
        uow.watchlists.stage("un", "v2", [_lk("un", "3")])
        uow.commit()
    with store.units() as uow:
        assert [lk.ref for lk in uow.watchlists.lookouts("un")] == ["un:1", "un:2"]
        uow.watchlists.activate(_list("un", "v2"))
        uow.commit()
    with store.units() as uow:
        assert [lk.ref for lk in uow.watchlists.lookouts("un")] == ["un:3"]
        assert uow.watchlists.staged("un", "v1") == 2  # kept until pruned
        uow.watchlists.prune("un")
        uow.commit()
    with store.units() as uow:
        assert uow.watchlists.staged("un", "v1") == 0
        assert uow.watchlists.staged("un", "v2") == 1


def test_prune_keeps_every_version_of_a_list_never_activated(store: Container) -> None:
    with store.units() as uow:
        uow.watchlists.stage("un", "v1", [_lk("un", "1")])
        uow.watchlists.stage("ofac", "v1", [_lk("ofac", "1")])
        uow.watchlists.activate(_list("ofac", "v2"))
        uow.commit()
    with store.units() as uow:
        uow.watchlists.prune("un")
        uow.watchlists.prune("ofac")
        uow.commit()
    with store.units() as uow:
        assert uow.watchlists.staged("un", "v1") == 1
        assert uow.watchlists.staged("ofac", "v1") == 0


def test_drop_deletes_one_version_and_nothing_else(store: Container) -> None:
    _load(store, "un", "v1", [_lk("un", "1")])
    with store.units() as uow:
        uow.watchlists.stage("un", "v2", [_lk("un", "2"), _lk("un", "3")])
        uow.watchlists.stage("ofac", "v2", [_lk("ofac", "2")])
        uow.commit()
    with store.units() as uow:
        uow.watchlists.drop("un", "v2")
        uow.watchlists.drop("un", "v9")  # nothing staged: nothing happens
        uow.commit()
    with store.units() as uow:
        assert uow.watchlists.staged("un", "v2") == 0
        assert uow.watchlists.staged("ofac", "v2") == 1
        assert [lk.ref for lk in uow.watchlists.lookouts("un")] == ["un:1"]
