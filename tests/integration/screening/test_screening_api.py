"""`POST /v1/screen` and `GET /v1/lists` over real HTTP on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from tests.serving import served_app


@pytest.fixture
def api(container: Container, fixtures: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The node's API on a loopback port, with the fixture lists loaded and one token per role."""
    for path, fmt, list_id in (
        (fixtures / "un.xml", "un-xml", "un"),
        (fixtures / "ofac", "ofac-csv", "ofac"),
    ):
        load_list(container.units, read_list(path, fmt, list_id), agency=Agency.CBSA)
    tokens = {
        name: create_user(
            container.units(), name=name, role=role, agency=agency, secret=container.secret
        ).token
        for name, role, agency in (
            ("officer", Role.OFFICER, Agency.CBSA),
            ("programme", Role.PROGRAMME, Agency.CBSA),
            ("partner-officer", Role.OFFICER, Agency.CBP),
            ("admin", Role.ADMIN, Agency.CBSA),
        )
    }
    with served_app(create_app(container)) as base:
        yield base, tokens


def auth(token: str, purpose: str = "screening test") -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if purpose:
        headers["X-Purpose"] = purpose
    return headers


def test_screen_a_batch(api: tuple[str, dict[str, str]], container: Container) -> None:
    base, tokens = api
    with container.units() as uow:
        before = uow.audit.count()
    body = {
        "queries": [
            {
                "id": "1",
                "name": "Dmitry Karvelo",
                "birth_date": "1971-03-14",
                "nationality": "RUS",
                "gender": "M",
            },
            {"id": "2", "name": "Груздевский Аркадий"},
            {"id": "3", "name": "Emma Tremblay", "birth_date": "1990-01-01"},
        ]
    }
    response = httpx2.post(
        f"{base}/v1/screen", json=body, headers=auth(tokens["officer"], "primary inspection")
    )
    assert response.status_code == 200, response.text
    payload = response.json()
    hits = payload["hits"]
    assert {h["id"] for h in hits} == {"1", "2"}
    first = next(h for h in hits if h["id"] == "1")
    assert (first["rank"], first["list_id"], first["source_id"]) == (1, "ofac", "101")
    assert "born 1971-03-14, as listed" in first["explanation"]
    assert set(payload["lists"]) == {"un", "ofac"}
    with container.units() as uow:
        entries = list(uow.audit.entries(before + 1))
    [event] = [e.event for e in entries if e.event.record_type == "screening"]
    assert event.actor == "CBSA/officer" and event.purpose == "primary inspection"
    assert event.detail["queries"] == "3" and event.detail["hits"] == str(len(hits))


def test_lists(api: tuple[str, dict[str, str]]) -> None:
    base, tokens = api
    response = httpx2.get(f"{base}/v1/lists", headers=auth(tokens["admin"]))
    assert response.status_code == 200
    assert [(w["list_id"], w["entries"]) for w in response.json()] == [("ofac", 4), ("un", 3)]


def test_screening_is_authenticated_and_authorised(api: tuple[str, dict[str, str]]) -> None:
    base, tokens = api
    body = {"queries": [{"id": "1", "name": "Someone"}]}
    assert httpx2.post(f"{base}/v1/screen", json=body).status_code == 401
    assert httpx2.get(f"{base}/v1/lists").status_code == 401
    denied = httpx2.post(f"{base}/v1/screen", json=body, headers=auth(tokens["programme"]))
    assert denied.status_code == 403
    # An officer of the partner agency does not screen against this node's lists.
    other = httpx2.post(f"{base}/v1/screen", json=body, headers=auth(tokens["partner-officer"]))
    assert other.status_code == 403 and "CBSA" in other.json()["detail"]


def test_batches_are_bounded_and_checked(api: tuple[str, dict[str, str]]) -> None:
    base, tokens = api
    headers = auth(tokens["officer"])
    too_many = {"queries": [{"id": str(n), "name": "A B"} for n in range(1001)]}
    assert httpx2.post(f"{base}/v1/screen", json=too_many, headers=headers).status_code == 422
    thousand = {"queries": [{"id": str(n), "name": f"Person {n}"} for n in range(1000)]}
    assert (
        httpx2.post(f"{base}/v1/screen", json=thousand, headers=headers, timeout=60).status_code
        == 200
    )
    bad_date = {"queries": [{"id": "1", "name": "A B", "birth_date": "14/03/1971"}]}
    answer = httpx2.post(f"{base}/v1/screen", json=bad_date, headers=headers)
    assert answer.status_code == 422 and "birth_date" in answer.json()["detail"]
    twice = {"queries": [{"id": "1", "name": "A B"}, {"id": "1", "name": "C D"}]}
    answer = httpx2.post(f"{base}/v1/screen", json=twice, headers=headers)
    assert answer.status_code == 422 and "unique" in answer.json()["detail"]
