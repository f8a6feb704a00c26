"""An API client on a real, migrated database, with users of each role in each agency."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from smartborder.accounts.service import create_user
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, Role
from tests.factories import BLAINE, DOUGLAS


class Tokens(dict[tuple[Agency, Role], str]):
    def headers(self, agency: Agency, role: Role) -> dict[str, str]:
        # Every request states a purpose: reads of personal data need one (X-Purpose).
        return {"Authorization": f"Bearer {self[agency, role]}", "X-Purpose": "test"}


@pytest.fixture
def tokens(container: Container) -> Tokens:
    register_ports(container.units(), [DOUGLAS, BLAINE])
    tokens = Tokens()
    for agency in Agency:
        for role in Role:
            created = create_user(
                container.units(),
                name=f"{role}-1",
                role=role,
                agency=agency,
                secret=container.secret,
            )
            tokens[agency, role] = created.token
    return tokens


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container)) as test_client:
        yield test_client
