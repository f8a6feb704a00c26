"""Generated requests (schemathesis) over the node's whole OpenAPI, as each role and as nobody.

Every operation gets a bounded number of requests drawn from its own schema (valid ones
and edge cases), sent to the app in process on a migrated SQLite node with ports and
users. Whatever the request, the node must answer without a 5xx and with a response that
its OpenAPI describes. Every failing operation is reported, not only the first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.openapi.checks import JsonSchemaError
from schemathesis.specs.openapi.checks import response_schema_conformance

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import bootstrap
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, Role
from tests.conftest import make_settings
from tests.factories import BLAINE, DOUGLAS

pytestmark = pytest.mark.fuzz

#: Requests per operation and caller: about 40 operations, 9 callers, a few minutes.
EXAMPLES = int(os.environ.get("SMARTBORDER_API_FUZZ_EXAMPLES", "10"))
#: Every role and nobody on a CBSA node on SQLite; the widest role on a CBP node, and on
#: PostgreSQL (whose types and errors are not SQLite's).
CALLERS = [
    *(pytest.param(role, Agency.CBSA, "sqlite", id=str(role)) for role in Role),
    pytest.param(None, Agency.CBSA, "sqlite", id="no-token"),
    pytest.param(Role.SUPERVISOR, Agency.CBP, "sqlite", id="supervisor-of-a-cbp-node"),
    pytest.param(
        Role.SUPERVISOR,
        Agency.CBSA,
        "postgres",
        id="supervisor-on-postgres",
        marks=pytest.mark.postgres,
    ),
]
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.mark.parametrize(("role", "agency", "backend"), CALLERS)
def test_no_generated_request_breaks_the_node(
    role: Role | None, agency: Agency, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = f"sqlite:///{tmp_path / 'node.db'}"
    if backend == "postgres":
        url = request.getfixturevalue("postgres_url")
    node = bootstrap(make_settings(url, agency=agency), upgrade=True)
    register_ports(node.units(), [DOUGLAS, BLAINE])
    headers = {}
    if role is not None:
        user = create_user(
            node.units(), name=f"{role}-1", role=role, agency=agency, secret=node.secret
        )
        headers["Authorization"] = f"Bearer {user.token}"
    app = create_app(node)
    failures: list[str] = []
    with TestClient(app):  # runs the app's lifespan: engines built, as a served node
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        for result in schema.get_all_operations():
            operation = result.ok()

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def one(case: schemathesis.Case) -> None:
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS)

            try:
                one()
            except (AssertionError, JsonSchemaError, Exception) as exc:
                failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:1500])
    node.close()
    assert not failures, "\n\n".join(failures)
