"""Watch lists in the store, on SQLite and PostgreSQL: versions replace each other whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, ScreeningQuery, WatchList
from smartborder.formats.lists import read_list
from smartborder.lists import watchlists
from smartborder.lists.watchlists import LiveEngine, build_engine, load_list
from tests.conftest import TEST_SECRET


def test_load_show_and_read_back_every_format(container: Container, fixtures: Path) -> None:
    for path, fmt, list_id in (
        (fixtures / "ofac", "ofac-csv", "ofac"),
        (fixtures / "un.xml", "un-xml", "un"),
        (fixtures / "ftm.jsonl", "ftm-json", "os"),
        (fixtures / "sema.xml", "sema-xml", "sema"),
        (fixtures / "lookouts.csv", "csv", "cbsa"),
    ):
        loaded = read_list(path, fmt, list_id)
        outcome = load_list(container.units, loaded, agency=Agency.CBSA)
        assert not outcome.unchanged and outcome.previous_version is None
        with container.units() as uow:
            assert list(uow.watchlists.lookouts(list_id)) == list(loaded.lookouts)
    with container.units() as uow:
        lists = uow.watchlists.list()
        assert [w.list_id for w in lists] == ["cbsa", "ofac", "os", "sema", "un"]
        assert {w.list_id: w.entry_count for w in lists}["ofac"] == 4
        assert uow.audit.count() == 5  # each load is audited


def test_a_new_version_replaces_the_old_one_whole(container: Container, fixtures: Path) -> None:
    first = read_list(fixtures / "un.xml", "un-xml", "un")
    load_list(container.units, first, agency=Agency.CBSA)
    again = load_list(container.units, first, agency=Agency.CBSA)
    assert again.unchanged  # the same file: nothing written
    second = replace(first, version="v2", checksum="f" * 64, lookouts=first.lookouts[:1])
    outcome = load_list(container.units, second, agency=Agency.CBSA)
    assert outcome.previous_version == first.version
    with container.units() as uow:
        assert uow.watchlists.get("un").version == "v2"  # type: ignore[union-attr]
        assert [lk.source_id for lk in uow.watchlists.lookouts("un")] == ["QDi.901"]


def test_a_failed_load_leaves_the_loaded_version(
    container: Container, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_list(fixtures / "un.xml", "un-xml", "un")
    load_list(container.units, first, agency=Agency.CBSA)
    second = replace(first, version="v2", checksum="e" * 64)
    monkeypatch.setattr(watchlists, "STAGE_BATCH", 1)
    opened = 0

    def dying_uow():  # type: ignore[no-untyped-def]
        nonlocal opened
        opened += 1
        if opened == 3:  # the second staging batch: the process "dies" mid-load
            raise RuntimeError("the process died")
        return container.units()

    with pytest.raises(RuntimeError):
        load_list(dying_uow, second, agency=Agency.CBSA)
    with container.units() as uow:
        assert uow.watchlists.get("un").version == first.version  # type: ignore[union-attr]
        assert len(list(uow.watchlists.lookouts("un"))) == 3
        assert uow.watchlists.staged("un", "v2") == 0  # the half-written version is gone


def test_a_staged_version_is_invisible_until_activated(
    container: Container, fixtures: Path
) -> None:
    first = read_list(fixtures / "un.xml", "un-xml", "un")
    load_list(container.units, first, agency=Agency.CBSA)
    with container.units() as uow:
        uow.watchlists.stage("un", "v2", first.lookouts[:1])
        uow.commit()
    # Committed but not current: readers (who are not held up) still see the first version.
    engine = build_engine(container.units())
    assert engine.versions == {"un": first.version} and len(engine) == 3
    with container.units() as uow:
        uow.watchlists.activate(build_watch_list(replace(first, version="v2")))
        uow.commit()
    with container.units() as uow:
        uow.watchlists.prune("un")
        uow.commit()
    with container.units() as uow:
        assert [lk.source_id for lk in uow.watchlists.lookouts("un")] == ["QDi.901"]
        assert uow.watchlists.staged("un", first.version) == 0


def build_watch_list(loaded):  # type: ignore[no-untyped-def]
    return WatchList(loaded.list_id, loaded.version, loaded.source, checksum=loaded.checksum)


@pytest.mark.postgres
def test_readers_keep_the_previous_version_until_commit(postgres_url: str, fixtures: Path) -> None:
    """On PostgreSQL a load in progress does not block screening, which sees the old version."""
    from smartborder.bootstrap import bootstrap
    from smartborder.config import load_settings

    settings = load_settings(environment="test", secret_key=TEST_SECRET, database_url=postgres_url)
    node = bootstrap(settings, upgrade=True)
    try:
        first = read_list(fixtures / "un.xml", "un-xml", "un")
        load_list(node.units, first, agency=Agency.CBSA)
        screener = LiveEngine()
        before = screener.engine(node.units())
        second = replace(first, version="v2", checksum="d" * 64, lookouts=first.lookouts[1:])
        writer = node.units()
        with writer:
            writer.watchlists.stage("un", "v2", second.lookouts)
            writer.watchlists.activate(build_watch_list(second))
            # Not committed yet: a reader sees the first version, whole.
            during = screener.engine(node.units())
            assert during is before and during.versions == {"un": first.version}
            hit = during.screen(ScreeningQuery("q", "Khalil Nasri Abu Zantar"))
            assert hit and hit[0].source_id == "QDi.901"
            writer.commit()
        after = screener.engine(node.units())
        assert after.versions == {"un": "v2"}
        assert not after.screen(ScreeningQuery("q", "Khalil Nasri Abu Zantar"))
    finally:
        node.close()


def test_engine_over_the_store_screens_across_lists(container: Container, fixtures: Path) -> None:
    for path, fmt, list_id in (
        (fixtures / "un.xml", "un-xml", "un"),
        (fixtures / "ftm.jsonl", "ftm-json", "os"),
    ):
        load_list(container.units, read_list(path, fmt, list_id), agency=Agency.CBSA)
    engine = build_engine(container.units())
    hits = engine.screen(ScreeningQuery("q", "Елена Зарембова", birth_date="1979-06-21"))
    assert hits[0].lookout_ref == "os:os-person-1"
    assert engine.screen(ScreeningQuery("q", "خليل نصري ابو زنطر"))[0].lookout_ref == "un:QDi.901"
