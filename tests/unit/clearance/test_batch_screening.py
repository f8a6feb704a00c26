"""A file's worth of people screened as one batch: hits in the file's order, one audit
entry for the read, and the same hits on every core as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance import batch_screening
from smartborder.clearance.batch_screening import screen_batch
from smartborder.clearance.pipeline import Hits
from smartborder.domain import Agency, AuditAction, ScreeningQuery
from smartborder.errors import ValidationFailed
from smartborder.formats.lists import read_list
from smartborder.lists import watchlists

FIXTURES = Path(__file__).resolve().parents[1] / "formats" / "lists" / "fixtures"


def _screen(container: Container, people: list[ScreeningQuery], workers: int) -> list[Hits]:
    chunks: list[Hits] = []

    def each(chunk: object, found: Hits) -> None:
        chunks.append(found)

    outcome = screen_batch(
        container.units,
        people,
        each,
        agency=Agency.CBSA,
        purpose="batch screening",
        source="people.csv",
        threshold=0.8,
        limit=5,
        workers=workers,
    )
    assert outcome.queries == len(people)
    return chunks


def test_a_batch_is_screened_in_order_and_audited_once(
    memory_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_screening, "CHUNK", 3)
    monkeypatch.setattr(batch_screening, "PARALLEL_FROM", 4)
    watchlists.load_list(
        memory_container.units, read_list(FIXTURES / "un.xml", "un-xml", "un"), agency=Agency.CBSA
    )
    people = [
        ScreeningQuery(str(n), "Аркадий Груздевский" if n % 4 else "Jane Doe") for n in range(8)
    ]
    alone = _screen(memory_container, people, workers=1)
    forked = _screen(memory_container, people, workers=2)
    assert [len(c) for c in alone] == [3, 3, 2]
    assert forked == alone  # the workers find what one process finds, in the same order
    flat = [hits for chunk in alone for hits in chunk]
    assert [bool(h) for h in flat] == [False, True, True, True, False, True, True, True]
    with memory_container.units() as uow:
        entries = [e.event for e in uow.audit.entries() if e.event.record_type == "screening"]
    assert len(entries) == 2 and entries[0].action is AuditAction.READ
    assert entries[0].detail["queries"] == "8" and entries[0].detail["file"] == "people.csv"


def test_no_list_loaded_is_said_before_any_work(memory_container: Container) -> None:
    with pytest.raises(ValidationFailed, match="no list is loaded"):
        _screen(memory_container, [ScreeningQuery("1", "Jane Doe")], workers=1)
