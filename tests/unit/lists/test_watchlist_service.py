"""The watch-list service on the in-memory fakes: the same promises as on a database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role, ScreeningQuery, User
from smartborder.errors import PermissionDenied, ValidationFailed
from smartborder.formats.lists import read_list
from smartborder.lists import watchlists

FIXTURES = Path(__file__).resolve().parents[1] / "formats" / "lists" / "fixtures"


def test_load_replace_and_screen(memory_container: Container) -> None:
    first = read_list(FIXTURES / "un.xml", "un-xml", "un")
    outcome = watchlists.load_list(memory_container.units, first, agency=Agency.CBSA)
    assert outcome.watch_list.entry_count == 3 and not outcome.unchanged
    assert watchlists.load_list(memory_container.units, first, agency=Agency.CBSA).unchanged
    second = replace(first, version="v2", checksum="a" * 64, lookouts=first.lookouts[1:])
    assert (
        watchlists.load_list(memory_container.units, second, agency=Agency.CBSA).previous_version
        == first.version
    )
    screener = watchlists.LiveEngine()
    engine = screener.engine(memory_container.units())
    assert engine.versions == {"un": "v2"} and len(engine) == 2
    assert screener.engine(memory_container.units()) is engine  # unchanged lists: same engine
    officer = User(name="o", role=Role.OFFICER, agency=Agency.CBSA)
    hits = watchlists.screen(
        memory_container.units(),
        engine,
        officer,
        [ScreeningQuery("1", "Аркадий Груздевский")],
        node_agency=Agency.CBSA,
        threshold=0.8,
        limit=3,
        purpose="test",
    )
    assert [h.source_id for h in hits] == ["KPi.901"]
    with memory_container.units() as uow:
        assert [e.event.record_type for e in uow.audit.entries()] == [
            "watch_list",
            "watch_list",
            "screening",
        ]


def test_screening_is_for_the_node_agency_and_bounded(memory_container: Container) -> None:
    engine = watchlists.LiveEngine().engine(memory_container.units())
    partner = User(name="p", role=Role.OFFICER, agency=Agency.CBP)
    query = [ScreeningQuery("1", "A B")]
    with pytest.raises(PermissionDenied):
        watchlists.screen(
            memory_container.units(),
            engine,
            partner,
            query,
            node_agency=Agency.CBSA,
            threshold=0.8,
            limit=1,
            purpose="x",
        )
    officer = User(name="o", role=Role.OFFICER, agency=Agency.CBSA)
    too_many = [ScreeningQuery(str(n), "A B") for n in range(1001)]
    with pytest.raises(ValidationFailed, match="1 to 1000"):
        watchlists.screen(
            memory_container.units(),
            engine,
            officer,
            too_many,
            node_agency=Agency.CBSA,
            threshold=0.8,
            limit=1,
            purpose="x",
        )
