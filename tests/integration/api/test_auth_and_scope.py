"""Authentication, roles, agency scope, audit and problem details through the HTTP API."""

from typing import Any

from fastapi.testclient import TestClient

from smartborder.bootstrap import Container
from smartborder.domain import Agency, AuditAction, Role
from tests.integration.api.conftest import Tokens

ENTRY: dict[str, Any] = {
    "surname": "TREMBLAY",
    "given_names": "JULIE ANNE",
    "birth_date": "1984-02-29",
    "nationality": "CAN",
    "sex": "F",
    "document": {"type": "P", "number": "AB123456", "issuing_country": "CAN"},
    "port_code": "813",
    "lane": "general",
    "crossed_at": "2026-07-03T10:05:12-07:00",
}


def _record(client: TestClient, tokens: Tokens) -> str:
    response = client.post(
        "/v1/crossings", json=ENTRY, headers=tokens.headers(Agency.CBSA, Role.OFFICER)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_health_needs_no_token(client: TestClient, container: Container) -> None:
    assert container.refresher.ready.wait(30)  # the engines are built beside the server
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["database"] == "ok"


def test_no_token_is_401_as_a_problem_document(client: TestClient) -> None:
    response = client.get("/v1/crossings")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    problem = response.json()
    assert problem["status"] == 401 and problem["type"] == "/problems/not-authenticated"


def test_a_wrong_token_is_401(client: TestClient, tokens: Tokens) -> None:
    response = client.get("/v1/me", headers={"Authorization": "Bearer sbt_not-a-token"})
    assert response.status_code == 401


def test_me_never_shows_the_token(client: TestClient, tokens: Tokens) -> None:
    response = client.get("/v1/me", headers=tokens.headers(Agency.CBP, Role.ANALYST))
    assert response.json()["name"] == "analyst-1"
    assert tokens[Agency.CBP, Role.ANALYST] not in response.text
    assert "hash" not in response.text


def test_the_wrong_role_is_403(client: TestClient, tokens: Tokens) -> None:
    response = client.post(
        "/v1/crossings", json=ENTRY, headers=tokens.headers(Agency.CBSA, Role.ANALYST)
    )
    assert response.status_code == 403
    assert "officer" in response.json()["detail"]


def test_another_agencys_record_is_404(client: TestClient, tokens: Tokens) -> None:
    record_id = _record(client, tokens)
    mine = client.get(
        f"/v1/crossings/{record_id}", headers=tokens.headers(Agency.CBSA, Role.ANALYST)
    )
    theirs = client.get(
        f"/v1/crossings/{record_id}", headers=tokens.headers(Agency.CBP, Role.ANALYST)
    )
    assert mine.status_code == 200 and mine.json()["surname"] == "TREMBLAY"
    assert theirs.status_code == 404
    listed = client.get("/v1/crossings", headers=tokens.headers(Agency.CBP, Role.ANALYST))
    assert listed.json() == []


def test_an_entry_at_the_partners_port_is_refused(client: TestClient, tokens: Tokens) -> None:
    response = client.post(
        "/v1/crossings",
        json={**ENTRY, "port_code": "3004"},
        headers=tokens.headers(Agency.CBSA, Role.OFFICER),
    )
    assert response.status_code == 422
    assert "3004" in response.json()["detail"]


def test_a_naive_time_is_a_validation_problem(client: TestClient, tokens: Tokens) -> None:
    response = client.post(
        "/v1/crossings",
        json={**ENTRY, "crossed_at": "2026-07-03T10:05:12"},
        headers=tokens.headers(Agency.CBSA, Role.OFFICER),
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["location"] == "body.crossed_at"


def test_a_read_of_personal_data_leaves_an_audit_entry(
    client: TestClient, tokens: Tokens, container: Container
) -> None:
    record_id = _record(client, tokens)
    client.get(
        f"/v1/crossings/{record_id}",
        headers={**tokens.headers(Agency.CBSA, Role.ANALYST), "X-Purpose": "lookout follow-up"},
    )
    with container.units() as uow:
        reads = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]
    assert [(r.actor, r.purpose, r.record_id) for r in reads] == [
        ("CBSA/analyst-1", "lookout follow-up", record_id)
    ]


def test_the_same_idempotency_key_with_another_body_is_a_problem(
    client: TestClient, tokens: Tokens, container: Container
) -> None:
    officer = {**tokens.headers(Agency.CBSA, Role.OFFICER), "Idempotency-Key": "booth-7:0001"}
    first = client.post("/v1/crossings", json=ENTRY, headers=officer)
    retry = client.post("/v1/crossings", json=ENTRY, headers=officer)
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    other = client.post("/v1/crossings", json={**ENTRY, "surname": "ROY"}, headers=officer)
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    problem = other.json()
    assert problem["type"] == "/problems/idempotency-key-reused"
    assert "the same key was used with a different request payload" in problem["detail"]
    with container.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 1
