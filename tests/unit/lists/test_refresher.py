"""The engines are built before the node is ready and rebuilt beside the engine in service.

The builds here wait at a gate the test opens, so what a request is answered with while a
build runs is seen, never raced against a clock.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, ScreeningQuery
from smartborder.formats.lists import LoadedList, read_list
from smartborder.lists import rulesets, watchlists
from smartborder.lists.refresher import Pace, Refresher
from smartborder.lists.rulesets import LiveRules, save_rule_set
from smartborder.lists.watchlists import LiveEngine, load_list
from tests.serving import GatedBuild

FIXTURES = Path(__file__).resolve().parents[1] / "formats" / "lists" / "fixtures"
LISTED = ScreeningQuery("q", "Аркадий Груздевский")  # KPi.901 on the UN fixture

RULES = """
name: minors
rules:
  - id: minor
    title: Minor travelling
    description: Under 18.
    weight: 0.4
    when: {field: traveller.age, op: lt, value: 18}
"""


def _un(version: str | None = None) -> LoadedList:
    first = read_list(FIXTURES / "un.xml", "un-xml", "un")
    return first if version is None else replace(first, version=version, checksum="b" * 64)


def _refresher(container: Container, build: GatedBuild) -> tuple[Refresher, LiveEngine]:
    live = LiveEngine(build)
    # No polling thread: the test calls refresh() itself. Watched, as Refresher.start()
    # makes it: requests take the engine in service and never build.
    refresher = Refresher(container.units, live, LiveRules(), poll_seconds=3600)
    live.watched = True
    return refresher, live


def test_the_first_refresh_builds_everything_and_then_the_node_is_ready(
    memory_container: Container, analyst: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_list(memory_container.units, _un(), agency=Agency.CBSA)
    save_rule_set(memory_container.units(), analyst, RULES)  # type: ignore[arg-type]
    compiled = []
    real_compile = rulesets.compile_rule_set
    monkeypatch.setattr(
        rulesets, "compile_rule_set", lambda rs: compiled.append(rs.name) or real_compile(rs)
    )
    refresher = memory_container.refresher
    assert not refresher.ready.is_set() and memory_container.live_engine.current is None
    assert refresher.refresh()
    assert refresher.ready.is_set()
    engine = memory_container.live_engine.current
    assert engine is not None and engine.versions == {"un": _un().version}
    assert compiled == ["minors"]  # the CBSA rule set, compiled before any request
    # A booth read after that builds and compiles nothing: the assessor was made too.
    assessor = memory_container.clearance.assessor(Agency.CBSA)
    assert assessor.screener is engine and assessor.rules is not None
    assert compiled == ["minors"]


def test_a_request_during_a_rebuild_is_answered_by_the_engine_in_service(
    memory_container: Container,
) -> None:
    build = GatedBuild()
    refresher, live = _refresher(memory_container, build)
    load_list(memory_container.units, _un(), agency=Agency.CBSA)
    assert refresher.refresh()
    old = live.current
    assert old is not None
    load_list(memory_container.units, _un("v2"), agency=Agency.CBSA)  # as `lists load` would
    build.hold = True
    rebuild = threading.Thread(target=refresher.refresh)
    rebuild.start()
    assert build.started.wait(30)
    # The new version is being built: a booth is answered now, by the old engine, whole.
    during = live.engine(memory_container.units())
    assert during is old
    assert [h.list_version for h in during.screen(LISTED)] == [_un().version]
    build.gate.set()
    rebuild.join(30)
    new = live.engine(memory_container.units())
    assert new is not old and new.versions == {"un": "v2"}
    assert [h.list_version for h in new.screen(LISTED)] == ["v2"]


def test_a_failed_rebuild_is_logged_and_leaves_the_old_engine_serving(
    memory_container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    build = GatedBuild()
    refresher, live = _refresher(memory_container, build)
    load_list(memory_container.units, _un(), agency=Agency.CBSA)
    refresher.refresh()
    old = live.current
    load_list(memory_container.units, _un("v2"), agency=Agency.CBSA)
    build.hold, build.fail = True, RuntimeError("lookout 7 cannot be read")
    build.gate.set()
    with caplog.at_level(logging.ERROR, logger="smartborder.lists.refresher"):
        assert not refresher.refresh()
    assert live.engine(memory_container.units()) is old
    assert refresher.ready.is_set()  # still ready: it serves the version it has
    assert refresher.last_error == "RuntimeError: lookout 7 cannot be read"
    (record,) = caplog.records
    assert "previous ones keep serving" in record.getMessage() and record.exc_info
    build.fail = None  # the next look builds it, and the error is forgotten
    assert refresher.refresh()
    assert live.current is not old and refresher.last_error is None


def test_without_a_refresher_the_engine_follows_the_store_on_each_call(
    memory_container: Container,
) -> None:
    """The CLI's one-shot commands: no thread, the versions are looked at on each use."""
    live = LiveEngine()
    load_list(memory_container.units, _un(), agency=Agency.CBSA)
    first = live.engine(memory_container.units())
    load_list(memory_container.units, _un("v2"), agency=Agency.CBSA)
    assert live.engine(memory_container.units()).versions == {"un": "v2"} != first.versions


def test_pace_passes_every_item_in_order() -> None:
    assert list(Pace(work=0.0, rest=0.0, check_every=3)(range(10))) == list(range(10))


def test_the_container_starts_and_stops_its_refresher(memory_container: Container) -> None:
    watchlists.load_list(memory_container.units, _un(), agency=Agency.CBSA)
    memory_container.start_engines()
    try:
        assert memory_container.refresher.ready.wait(30)
        assert memory_container.live_engine.watched
    finally:
        memory_container.close()
    assert not memory_container.live_engine.watched


def test_a_list_changed_while_serving_is_told_to_those_who_asked(
    memory_container: Container,
) -> None:
    told: list[str] = []
    live = LiveEngine()
    refresher = Refresher(
        memory_container.units,
        live,
        LiveRules(),
        on_change=[lambda: told.append("changed")],
        poll_seconds=3600,
    )
    load_list(memory_container.units, _un(), agency=Agency.CBSA)
    assert refresher.refresh() and told == []  # the first build: nothing changed yet
    assert refresher.refresh() and told == []  # the same versions: no new engine
    load_list(memory_container.units, _un("v2"), agency=Agency.CBSA)
    assert refresher.refresh() and told == ["changed"]
