"""Instants at the ends of the calendar are a 422 naming the field, on every route that
reads one, rather than an overflow (a 500) when the route converts or adds to them."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from smartborder.domain import Agency, Role
from tests.integration.api.conftest import Tokens
from tests.integration.api.test_auth_and_scope import ENTRY

#: The last hour of the calendar in UTC, and its first instant 14 hours east of UTC:
#: the one overflows adding a forecast or a day, the other converting to UTC.
EDGES = ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00+14:00"]
BOOTH: dict[str, Any] = {
    "mrz": [
        "P<CANTREMBLAY<<JULIE<ANNE<<<<<<<<<<<<<<<<<<<",
        "AB12345672CAN8402299F3001019<<<<<<<<<<<<<<02",
    ],
    "port_code": "813",
}


def _problem(response: Any, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert field in problem["detail"] and "1900 to 2999" in problem["detail"]


@pytest.mark.parametrize("at", EDGES)
def test_the_public_wait_times_refuse_an_instant_off_the_calendar(
    client: TestClient, at: str
) -> None:
    _problem(client.get("/v1/wait-times", params={"at": at}), "at")


@pytest.mark.parametrize("at", EDGES)
def test_crossings_refuse_an_instant_off_the_calendar_to_record_or_to_list(
    client: TestClient, tokens: Tokens, at: str
) -> None:
    officer = tokens.headers(Agency.CBSA, Role.OFFICER)
    _problem(
        client.post("/v1/crossings", json={**ENTRY, "crossed_at": at}, headers=officer),
        "crossed_at",
    )
    _problem(client.get("/v1/crossings", params={"since": at}, headers=officer), "since")


@pytest.mark.parametrize("at", EDGES)
def test_exits_refuse_an_instant_off_the_calendar(
    client: TestClient, tokens: Tokens, at: str
) -> None:
    analyst = tokens.headers(Agency.CBP, Role.ANALYST)
    _problem(client.get("/v1/exits", params={"since": at}, headers=analyst), "since")


@pytest.mark.parametrize("at", EDGES)
def test_a_booth_decision_refuses_an_instant_off_the_calendar(
    client: TestClient, tokens: Tokens, at: str
) -> None:
    officer = tokens.headers(Agency.CBSA, Role.OFFICER)
    _problem(client.post("/v1/primary", json={**BOOTH, "at": at}, headers=officer), "at")


@pytest.mark.parametrize("field", ["since", "until"])
def test_rule_performance_refuses_the_last_day_of_the_calendar(
    client: TestClient, tokens: Tokens, field: str
) -> None:
    analyst = tokens.headers(Agency.CBSA, Role.ANALYST)
    params = {"since": "2026-07-01", field: "9999-12-31"}
    _problem(client.get("/v1/rules-performance", params=params, headers=analyst), field)


def test_instants_inside_the_calendar_are_still_taken(client: TestClient) -> None:
    response = client.get("/v1/wait-times", params={"at": "2999-12-24T12:00:00-08:00"})
    assert response.status_code == 200
