"""The Lists page (a new version fetched and loaded from its source, off the request) and
the Information sharing page (the recent days reconciled with the partner), on SQLite
and PostgreSQL. The list source is a server on loopback; the partner, a node in memory."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import Container, bootstrap, bootstrap_memory
from smartborder.domain import Role
from smartborder.exchange.transport import InProcessLink
from tests.conftest import make_settings
from tests.integration.web.test_console import _csrf, sign_in
from tests.list_publisher import UN_XML, published
from tests.web_console import person, sharing, with_lookouts

LISTS = "/en/console/lists"


@pytest.fixture
def source() -> Iterator[tuple[dict[str, bytes], str]]:
    """UN's consolidated list, published on loopback: the files (to change) and the address."""
    files = {"consolidated.xml": UN_XML}
    with published(files) as address:
        yield files, address


@pytest.fixture
def fetching(
    database_url: str, tmp_path: Path, source: tuple[dict[str, bytes], str]
) -> Iterator[TestClient]:
    """A node whose administrator may fetch UN's list from the loopback source."""
    settings = make_settings(
        database_url, list_sources=f"un={source[1]}", list_dir=tmp_path / "lists"
    )
    node = bootstrap(settings, upgrade=True)
    person(node, "ada", Role.ADMIN)
    person(node, "sam", Role.SUPERVISOR)
    with TestClient(create_app(node), base_url="https://testserver") as client:
        yield client
    node.close()


def test_an_administrator_fetches_and_loads_a_new_version_from_the_lists_page(
    fetching: TestClient,
) -> None:
    client = fetching
    sign_in(client, "ada")
    page = client.get(LISTS)
    assert page.status_code == 200
    assert "Never fetched from this node" in page.text and 'value="un" checked' in page.text
    ordered = client.post(
        LISTS, data={"csrf": _csrf(page.text), "source": "un"}, follow_redirects=False
    )
    # Answered at once; the test client returns once the background fetch has run.
    assert ordered.status_code == 303 and ordered.headers["location"] == LISTS
    after = client.get("/fr/console/listes").text
    assert '<th scope="row">un</th>' in after  # the version loaded, in the lists' table
    assert "Chargée" in after and "Version 2026-03-01+" in after
    assert "system/cli" not in after and "CBSA/ada" in after  # who ordered it


@pytest.mark.parametrize("failure", ["unreachable", "not a list"])
def test_a_failed_fetch_is_told_on_the_page_and_loads_nothing(
    fetching: TestClient, source: tuple[dict[str, bytes], str], failure: str
) -> None:
    client = fetching
    files, _ = source
    if failure == "unreachable":
        files.clear()  # every file answers 404
    else:
        files["consolidated.xml"] = b"<html>maintenance</html>"
    page = client.get(LISTS) if sign_in(client, "ada") else None
    assert page is not None
    ordered = client.post(LISTS, data={"csrf": _csrf(page.text), "source": "un"})
    assert ordered.status_code == 200  # the page again, never a 500
    assert "Failed: nothing was loaded" in ordered.text
    assert ("answered 404" if failure == "unreachable" else "root element is") in ordered.text
    assert "No list is loaded" in ordered.text


def test_a_supervisor_sees_the_fetches_but_may_not_load_and_a_form_needs_its_token(
    fetching: TestClient,
) -> None:
    client = fetching
    csrf = sign_in(client, "sam")
    page = client.get(LISTS)
    assert page.status_code == 200 and "Only an administrator loads" in page.text
    assert 'name="source"' not in page.text
    refused = client.post(LISTS, data={"csrf": csrf, "source": "un"})
    assert refused.status_code == 403
    client.post("/en/sign-out", data={"csrf": _csrf(client.get("/en/console").text)})
    sign_in(client, "ada")
    forged = client.post(LISTS, data={"source": "un"})
    assert forged.status_code == 403 and "security token" in forged.text
    unknown = client.post(LISTS, data={"csrf": _csrf(client.get(LISTS).text), "source": "sema"})
    assert unknown.status_code == 422 and 'id="source-error"' in unknown.text
    assert "No list was fetched from its source yet." in client.get(LISTS).text


def test_a_node_without_a_list_source_says_so_instead_of_the_form(
    container: Container, tmp_path: Path
) -> None:
    person(container, "ada", Role.ADMIN)
    with TestClient(
        create_app(with_lookouts(container, tmp_path)), base_url="https://testserver"
    ) as client:
        sign_in(client, "ada")
        page = client.get(LISTS).text
    assert "This node fetches no list from a source" in page and 'name="source"' not in page


@pytest.fixture
def shared(container: Container) -> Iterator[tuple[TestClient, InProcessLink]]:
    """This node (CBSA, on the database) shares with a CBP node in memory."""
    link = sharing(container, bootstrap_memory(make_settings("sqlite://")))
    person(container, "ada", Role.ADMIN)
    with TestClient(create_app(container), base_url="https://testserver") as client:
        yield client, link


def test_the_sharing_page_reconciles_the_recent_days_and_tells_an_unreachable_partner(
    shared: tuple[TestClient, InProcessLink],
) -> None:
    client, link = shared
    sign_in(client, "ada")
    page = client.get("/en/console/sharing").text
    assert "1 day compared with the partner" in page
    assert '<time datetime="2026-07-03">July 3, 2026</time>' in page
    assert "<td>3</td>\n<td>3</td>\n<td>Yes</td>" in page
    assert "still has the hash the partner was given" in page
    link.down = True
    down = client.get("/fr/console/echange")
    assert down.status_code == 200 and "Partenaire injoignable" in down.text
    assert "Livrés" in down.text  # our own figures are shown all the same
