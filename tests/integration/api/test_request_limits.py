"""Limits before work: the token is checked before the body is read, every route caps its
body before parsing it (413), and JSON too deep to parse safely is a 400 problem."""

import json
import socket
from collections.abc import Iterator

from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.api.limits import DEFAULT_BODY_BYTES, MAX_JSON_DEPTH
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from smartborder.formats.manifest.schema import MAX_DOCUMENT_BYTES
from tests.integration.api.conftest import Tokens
from tests.integration.api.test_auth_and_scope import ENTRY
from tests.serving import served_app

PROBLEM = "application/problem+json"


def _is_problem(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == PROBLEM  # type: ignore[attr-defined]
    problem: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert problem["status"] == status
    return problem


def test_without_a_token_a_malformed_body_is_401_not_a_validation_problem(
    client: TestClient,
) -> None:
    response = client.post(
        "/v1/crossings", content=b"{bad", headers={"Content-Type": "application/json"}
    )
    assert _is_problem(response, 401)["type"] == "/problems/not-authenticated"
    assert response.headers["www-authenticate"] == "Bearer"


def test_without_a_valid_token_a_body_over_the_cap_is_401_and_never_read(
    client: TestClient,
) -> None:
    body = b'{"surname": "' + b"A" * (5 * 1024 * 1024) + b'"}'
    assert _is_problem(client.post("/v1/crossings", content=body), 401)
    wrong = {"Authorization": "Bearer sbt_not-a-token"}
    assert _is_problem(client.post("/v1/crossings", content=body, headers=wrong), 401)


def test_a_declared_length_over_the_cap_is_413_before_a_byte_of_the_body_arrives(
    container: Container, tokens: Tokens
) -> None:
    # The body is never sent: the answer can only come from the declared length.
    officer = tokens[Agency.CBSA, Role.OFFICER]
    with served_app(create_app(container)) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(
                b"POST /v1/crossings HTTP/1.1\r\nHost: node\r\n"
                b"Authorization: Bearer " + officer.encode() + b"\r\n"
                b"Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{"
            )
            answer = sock.recv(65536).decode()
    head, _, body = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413"), head
    assert json.loads(body)["max_bytes"] == DEFAULT_BODY_BYTES


def test_a_streamed_body_is_refused_once_its_bytes_pass_the_cap(
    client: TestClient, tokens: Tokens
) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"surname": "'
        for _ in range(5):
            yield b"A" * (1024 * 1024)
        yield b'"}'

    response = client.post(
        "/v1/crossings", content=chunks(), headers=tokens.headers(Agency.CBSA, Role.OFFICER)
    )
    problem = _is_problem(response, 413)
    assert problem["type"] == "/problems/content-too-large"
    assert "/v1/crossings is at most 1,048,576 bytes" in str(problem["detail"])


def test_a_manifest_keeps_its_larger_cap(client: TestClient, tokens: Tokens) -> None:
    officer = tokens.headers(Agency.CBSA, Role.OFFICER)
    padded = json.dumps({"padding": "A" * (2 * DEFAULT_BODY_BYTES)}).encode()
    # Over the default cap, under the manifest's: read, and acknowledged as a manifest.
    assert client.post("/v1/manifests", content=padded, headers=officer).status_code == 422
    over = b" " * (MAX_DOCUMENT_BYTES + 1)
    assert _is_problem(client.post("/v1/manifests", content=over, headers=officer), 413)


def test_json_nested_50000_deep_is_a_400_problem_before_the_manifest_parser(
    client: TestClient, tokens: Tokens
) -> None:
    deep = b"[" * 50_000 + b"]" * 50_000
    response = client.post(
        "/v1/manifests", content=deep, headers=tokens.headers(Agency.CBSA, Role.OFFICER)
    )
    problem = _is_problem(response, 400)
    assert problem["type"] == "/problems/json-too-deep"
    assert problem["max_depth"] == MAX_JSON_DEPTH


def test_json_nested_too_deep_is_refused_on_routes_fastapi_parses_too(
    client: TestClient, tokens: Tokens
) -> None:
    deep = {**ENTRY, "document": json.loads("[" * 40 + "]" * 40)}
    response = client.post(
        "/v1/crossings", json=deep, headers=tokens.headers(Agency.CBSA, Role.OFFICER)
    )
    assert _is_problem(response, 400)["type"] == "/problems/json-too-deep"


def test_a_body_within_every_limit_is_taken_as_before(client: TestClient, tokens: Tokens) -> None:
    response = client.post(
        "/v1/crossings", json=ENTRY, headers=tokens.headers(Agency.CBSA, Role.OFFICER)
    )
    assert response.status_code == 201, response.text


def test_a_request_reads_its_token_from_the_store_once(
    container: Container, tokens: Tokens, client: TestClient
) -> None:
    # The limits check the token before the body; the route's dependency takes the user
    # it found rather than reading the store again (twice per booth read on the loop).
    checks = []
    authenticate = container.authenticate

    def counted(token: str):  # type: ignore[no-untyped-def]
        checks.append(token)
        return authenticate(token)

    container.authenticate = counted  # type: ignore[method-assign]
    response = client.get("/v1/me", headers=tokens.headers(Agency.CBSA, Role.OFFICER))
    assert response.status_code == 200, response.text
    assert len(checks) == 1


def test_a_nul_character_anywhere_is_a_400_problem_on_every_backend(
    client: TestClient, tokens: Tokens
) -> None:
    # PostgreSQL refuses to store U+0000 (a DataError, then a 500 from deep in the route:
    # schemathesis found it on /v1/traders and /v1/exam-queues); SQLite kept it.
    headers = tokens.headers(Agency.CBSA, Role.OFFICER)
    for answer in (
        client.post("/v1/crossings", json={**ENTRY, "surname": "NGUYEN\u0000"}, headers=headers),
        client.get("/v1/crossings?surname=NGUYEN%00", headers=headers),
        client.get("/v1/crossings/abc%00", headers=headers),
    ):
        assert _is_problem(answer, 400)["type"] == "/problems/nul-character"
    # A backslash written before "u0000" is text, not a NUL.
    text = client.post("/v1/crossings", json={**ENTRY, "plate": "\\u0000"}, headers=headers)
    assert text.status_code != 400 or "NUL" not in text.text
