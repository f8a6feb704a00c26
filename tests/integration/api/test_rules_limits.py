"""The rules routes refuse what would hang or crash the node, as problem details."""

import pytest
from fastapi.testclient import TestClient

from smartborder.domain import Agency, Role
from tests.integration.api.conftest import Tokens

AGE = "{field: traveller.age, op: gte, value: 18}"


def _source(when: str) -> str:
    return f"rules:\n  - id: odd\n    title: t\n    description: d\n    when: {when}\n"


DEEP = _source("{not: " * 50_000 + AGE + "}" * 50_000)
BACKREFERENCE = _source(r"{field: traveller.surname, op: matches, value: '^(\w)\1'}")


@pytest.mark.parametrize("route", ["/v1/rules", "/v1/rules/backtest"])
@pytest.mark.parametrize(
    ("source", "detail"),
    [
        (DEEP, "line 5: a rule file nests at most 64 levels deep"),
        (BACKREFERENCE, "rule odd, when: bad pattern '^(\\\\w)\\\\1'"),
    ],
)
def test_a_rule_set_that_would_hang_or_crash_is_a_422_naming_the_place(
    client: TestClient, tokens: Tokens, route: str, source: str, detail: str
) -> None:
    response = client.post(
        route,
        headers=tokens.headers(Agency.CBSA, Role.ANALYST),
        json={"source": source, "since": "2026-07-01"},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith(detail)
