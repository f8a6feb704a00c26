"""A served node builds its engine before it is ready, and a new list version beside it.

The engine's builds wait at a gate the test opens (``GatedBuild``): what `/health` and
`/v1/screen` answer while a build runs is seen, not raced against a clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from tests.serving import GatedBuild

QUERY = {"queries": [{"id": "1", "name": "Груздевский Аркадий"}]}  # KPi.901 on the UN list


def _until(condition: Callable[[], bool], what: str, within: float = 30) -> None:
    """Wait for a condition (the refresher looks once a second); not a timed assertion."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def test_not_ready_until_built_then_a_new_version_is_built_beside_the_old(
    container: Container, fixtures: Path
) -> None:
    first = read_list(fixtures / "un.xml", "un-xml", "un")
    load_list(container.units, first, agency=Agency.CBSA)
    build = GatedBuild()
    node = Container(
        settings=container.settings,
        units=container.units,
        engine=container.engine,
        build_engine=build,
    )
    officer = {
        "Authorization": "Bearer "
        + create_user(
            container.units(), name="o", role=Role.OFFICER, agency=Agency.CBSA, secret=node.secret
        ).token,
        "X-Purpose": "test",
    }
    build.hold = True
    with TestClient(create_app(node)) as client:
        assert build.started.wait(30)
        starting = client.get("/health")
        assert starting.status_code == 503
        assert starting.json()["status"] == "starting" and not starting.json()["ready"]
        assert client.get("/health/live").status_code == 200  # the process answers
        build.gate.set()
        assert node.refresher.ready.wait(30)
        ready = client.get("/health")
        assert ready.status_code == 200 and ready.json()["lists"] == {"un": first.version}

        # Another process (`smartborder lists load`) makes v2 the current version.
        build.started.clear()
        build.gate.clear()
        load_list(
            container.units, replace(first, version="v2", checksum="c" * 64), agency=Agency.CBSA
        )
        assert build.started.wait(30)  # the refresher noticed and is building v2
        during = client.post("/v1/screen", json=QUERY, headers=officer)
        assert during.status_code == 200, during.text
        assert during.json()["lists"] == {"un": first.version}
        assert [h["list_version"] for h in during.json()["hits"]] == [first.version]
        build.gate.set()
        _until(lambda: client.get("/health").json()["lists"] == {"un": "v2"}, "v2 in service")
        after = client.post("/v1/screen", json=QUERY, headers=officer).json()
        assert after["lists"] == {"un": "v2"}
        assert [h["list_version"] for h in after["hits"]] == ["v2"]
    assert not node.live_engine.watched  # the lifespan stopped the refresher
