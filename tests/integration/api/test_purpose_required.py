"""The API reads personal data only for a stated purpose: ``X-Purpose`` is required."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from smartborder.domain import Agency, Role

from .conftest import Tokens

READS = ["/v1/crossings", "/v1/hits", "/v1/exits", "/v1/traders", "/v1/manifests/x"]


@pytest.mark.parametrize("path", READS)
def test_a_read_without_x_purpose_is_400_naming_the_header(
    client: TestClient, tokens: Tokens, path: str
) -> None:
    headers = tokens.headers(Agency.CBSA, Role.SUPERVISOR)
    del headers["X-Purpose"]
    response = client.get(path, headers=headers)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "X-Purpose" in response.json()["detail"]


def test_a_blank_purpose_is_no_purpose(client: TestClient, tokens: Tokens) -> None:
    headers = {**tokens.headers(Agency.CBSA, Role.SUPERVISOR), "X-Purpose": "  "}
    assert client.get("/v1/crossings", headers=headers).status_code == 400


def test_without_a_token_it_is_still_401_first(client: TestClient) -> None:
    assert client.get("/v1/crossings").status_code == 401
