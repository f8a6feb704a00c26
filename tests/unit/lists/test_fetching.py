"""A list fetched from its source: recorded running, finished with its outcome; only an
administrator orders one, of a source the node names, one at a time."""

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.config import load_settings
from smartborder.domain import Agency, FetchOutcome, ListFetch, Role, User, utc_now
from smartborder.errors import (
    ConfigurationError,
    Conflict,
    ExternalServiceError,
    PermissionDenied,
    ValidationFailed,
)
from smartborder.lists.fetching import (
    CUT_OFF_AFTER,
    begin_fetch,
    fetch_and_load,
    lists_overview,
    order_fetch,
)
from tests.list_publisher import UN_XML

CONFIGURED: dict[str, str | None] = {"un": "http://127.0.0.1:9/lists/"}
ADA = User(name="ada", role=Role.ADMIN, agency=Agency.CBSA)


def publishing(body: bytes | None):  # type: ignore[no-untyped-def]
    def get(url: str, target: Path) -> None:
        if body is None:
            raise ExternalServiceError(f"download of {url} failed: ConnectError")
        target.write_bytes(body)

    return get


def test_a_fetch_is_recorded_running_then_loaded_then_unchanged(
    memory_container: Container, tmp_path: Path
) -> None:
    units = memory_container.units
    fetch = order_fetch(units, ADA, "un", CONFIGURED)
    running = lists_overview(units(), CONFIGURED)
    assert running.sources[0].running and running.sources[0].address == CONFIGURED["un"]
    with pytest.raises(Conflict):  # one fetch of a source at a time
        order_fetch(units, ADA, "un", CONFIGURED)
    done = fetch_and_load(units, fetch, publishing(UN_XML), tmp_path, agency=Agency.CBSA)
    assert done.fetch.outcome is FetchOutcome.LOADED and done.fetch.version.startswith("2026")
    again = begin_fetch(units, "un", actor="CBSA/ada")
    fetch_and_load(units, again, publishing(UN_XML), tmp_path, agency=Agency.CBSA)
    seen = lists_overview(units(), CONFIGURED)
    assert [w.list_id for w in seen.lists] == ["un"]
    assert seen.sources[0].last is not None
    assert seen.sources[0].last.outcome is FetchOutcome.UNCHANGED
    assert [f.outcome for f in seen.recent] == [FetchOutcome.UNCHANGED, FetchOutcome.LOADED]


def test_a_failed_fetch_is_recorded_with_its_problem_and_raised(
    memory_container: Container, tmp_path: Path
) -> None:
    units = memory_container.units
    fetch = begin_fetch(units, "un")
    with pytest.raises(ExternalServiceError):
        fetch_and_load(units, fetch, publishing(None), tmp_path, agency=Agency.CBSA)
    [last] = lists_overview(units(), CONFIGURED).recent
    assert last.outcome is FetchOutcome.FAILED and "ConnectError" in last.problem
    assert last.actor == "system/cli" and lists_overview(units(), {}).lists == []


def test_only_an_administrator_orders_a_fetch_of_a_source_the_node_names(
    memory_container: Container,
) -> None:
    units = memory_container.units
    with pytest.raises(PermissionDenied):
        order_fetch(units, replace(ADA, role=Role.SUPERVISOR), "un", CONFIGURED)
    with pytest.raises(ValidationFailed):
        order_fetch(units, ADA, "ofac", CONFIGURED)
    with pytest.raises(ValidationFailed):
        begin_fetch(units, "interpol")


def test_a_fetch_running_for_too_long_was_cut_off_and_holds_nothing_back(
    memory_container: Container,
) -> None:
    units = memory_container.units
    long_ago = utc_now() - CUT_OFF_AFTER - timedelta(seconds=1)
    with units() as uow:  # begun long ago, and its process was stopped
        fetch = uow.list_fetches.add(ListFetch("un", "un", "system/cli", long_ago))
        uow.commit()
    [seen] = lists_overview(units(), CONFIGURED).recent
    assert seen.outcome is FetchOutcome.FAILED and "cut off" in seen.problem
    assert begin_fetch(units, "un").id == fetch.id + 1


def test_the_sources_a_node_fetches_are_checked_when_its_settings_are_read() -> None:
    settings = load_settings(list_sources=" un , ofac=https://mirror.example/ofac/ ")
    assert settings.fetched_lists == {"un": None, "ofac": "https://mirror.example/ofac/"}
    assert load_settings().fetched_lists == {}
    for wrong in ("interpol", "un=http://mirror.example/un/"):
        with pytest.raises(ConfigurationError, match="SMARTBORDER_LIST_SOURCES"):
            load_settings(list_sources=wrong)
