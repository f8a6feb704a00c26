"""Tokens revoked or rotated by the command line (its own process and engine) are refused
by the serving node at the next request; expired ones are a 401 that says so."""

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from smartborder.accounts.tokens import hash_token
from smartborder.bootstrap import Container
from smartborder.cli.main import main
from smartborder.domain import Agency, AuditAction, Role
from tests.conftest import TEST_SECRET
from tests.integration.api.conftest import Tokens


@pytest.fixture
def cli_env(container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line on the serving node's store, with its own engine and connections."""
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("SMARTBORDER_ENVIRONMENT", "test")
    monkeypatch.setenv("SMARTBORDER_SECRET_KEY", TEST_SECRET)


def _me(client: TestClient, token: str) -> int:
    return client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


@pytest.mark.usefixtures("cli_env")
def test_a_token_revoked_from_the_command_line_is_refused_at_the_next_request(
    client: TestClient, tokens: Tokens
) -> None:
    token = tokens[Agency.CBSA, Role.OFFICER]
    assert _me(client, token) == 200
    assert main(["users", "revoke", "--agency", "CBSA", "--name", "officer-1"]) == 0
    response = client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


@pytest.mark.usefixtures("cli_env")
def test_rotating_from_the_command_line_swaps_the_tokens_at_once(
    client: TestClient,
    tokens: Tokens,
    container: Container,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = tokens[Agency.CBP, Role.ANALYST]
    assert _me(client, old) == 200
    capsys.readouterr()
    assert main(["users", "rotate", "--agency", "CBP", "--name", "analyst-1"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    new = printed[-1]
    assert new.startswith("sbt_") and new != old
    assert "rotated the token of analyst analyst-1 (CBP)" in printed[0]
    assert _me(client, old) == 401
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {new}"}).json()["name"] == (
        "analyst-1"
    )
    with container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.action, last.record_type, last.detail["token"]) == (
        AuditAction.UPDATE,
        "user",
        "rotated",
    )


@pytest.mark.usefixtures("cli_env")
def test_a_revoked_user_cannot_be_rotated_back_in(
    tokens: Tokens, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "revoke", "--agency", "CBSA", "--name", "admin-1"]) == 0
    capsys.readouterr()
    assert main(["users", "rotate", "--agency", "CBSA", "--name", "admin-1"]) == 2
    assert "revoked" in capsys.readouterr().err


def test_an_expired_token_is_401_naming_the_date(
    client: TestClient, tokens: Tokens, container: Container
) -> None:
    token = tokens[Agency.CBSA, Role.SUPERVISOR]
    with container.units() as uow:
        user = uow.users.by_token_hash(hash_token(token, container.secret))
        assert user is not None
        uow.users.replace_token(
            user.id, hash_token(token, container.secret), datetime(2026, 6, 30, 23, 59, tzinfo=UTC)
        )
        uow.commit()
    response = client.get("/v1/crossings", headers=tokens.headers(Agency.CBSA, Role.SUPERVISOR))
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "the bearer token expired on 2026-06-30 23:59 UTC; ask for a new one"
    )


@pytest.mark.usefixtures("cli_env")
def test_users_list_shows_the_state_and_when_each_token_expires(
    tokens: Tokens, capsys: pytest.CaptureFixture[str]
) -> None:
    create = ["users", "create", "--name", "temp", "--role", "officer", "--agency", "CBP"]
    assert main([*create, "--days", "7"]) == 0
    assert main(["users", "revoke", "--agency", "CBP", "--name", "officer-1"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--agency", "CBP"]) == 0
    rows = {
        cells[1]: cells for cells in (line.split() for line in capsys.readouterr().out.splitlines())
    }
    assert rows["officer-1"][3] == "revoked"
    temp = rows["temp"]
    assert temp[3] == "active" and len(temp) == 6
    expires = datetime.strptime(temp[5], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert 6.9 < (expires - datetime.now(UTC)).total_seconds() / 86400 <= 7


def test_me_says_when_the_token_expires(client: TestClient, tokens: Tokens) -> None:
    body = client.get("/v1/me", headers=tokens.headers(Agency.CBP, Role.OFFICER)).json()
    expires = datetime.fromisoformat(body["token_expires_at"])
    assert 89 < (expires - datetime.now(UTC)).total_seconds() / 86400 <= 90
