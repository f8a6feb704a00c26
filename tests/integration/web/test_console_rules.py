"""The console's rules on SQLite and PostgreSQL: a draft saved or shown with its
mistakes at their lines, a backtest on stored traffic, a version made live."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role
from tests.integration.web.test_console import sign_in, sign_out
from tests.web_console import Planted, person, plant_hits, with_lookouts

DRAFT = """\
name: arrivals-from-lbn
rules:
  - id: from-lbn
    title: Holder of a Lebanese passport
    description: A test rule that every traveller of that nationality meets.
    weight: 0.3
    severity: low
    when: {field: traveller.nationality, op: eq, value: LBN}
"""

TWO_MISTAKES = """\
rules:
  - id: fine
    title: A rule with nothing wrong
    description: Meets every traveller under 200.
    when: {field: traveller.age, op: lt, value: 200}
  - id: no-title
    description: The title is missing.
    when: {field: traveller.age, op: lt, value: 16}
  - id: fine
    title: The same id again
    description: Ids are unique in a set.
    when: {field: traveller.nosuchfield, op: eq, value: 1}
"""


@pytest.fixture
def node(container: Container, tmp_path: Path) -> Iterator[tuple[TestClient, Planted]]:
    with TestClient(
        create_app(with_lookouts(container, tmp_path)), base_url="https://testserver"
    ) as client:
        planted = plant_hits(container, client)
        person(container, "ana", Role.ANALYST)
        person(container, "sue", Role.SUPERVISOR)
        person(container, "oli", Role.OFFICER)
        yield client, planted


def _save(client: TestClient, csrf: str, source: str) -> httpx2.Response:
    """The draft form sent as a browser sends it: multipart, with no file chosen."""
    return client.post(
        "/en/console/rules",
        data={"csrf": csrf, "source": source},
        files={"source-file": ("", b"")},
        follow_redirects=False,
    )


def test_a_draft_with_mistakes_is_not_saved_and_each_is_shown_at_its_line(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    csrf = sign_in(client, "ana")
    page = _save(client, csrf, TWO_MISTAKES)
    assert page.status_code == 422
    text = page.text
    marked = re.findall(r'<li id="line-(\d+)" class="problem">', text)
    assert marked == ["6", "9"]  # the rule without a title, and the second "fine"
    assert "rule no-title: &#39;title&#39; is required" in text
    assert 'aria-invalid="true"' in text and 'href="#line-6"' in text
    with container.units() as uow:
        assert uow.rule_sets.list(Agency.CBSA) == []


def test_a_draft_sent_as_a_file_is_saved_backtested_and_made_live_by_a_supervisor(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    csrf = sign_in(client, "ana")
    saved = client.post(
        "/en/console/rules",
        data={"csrf": csrf, "source": ""},
        files={"source-file": ("draft.yaml", DRAFT.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    version_page = saved.headers["location"].split("?")[0]
    shown = client.get(saved.headers["location"])
    assert "from-lbn" in shown.text and "Make this version live" not in shown.text  # analyst
    # Two CBSA travellers are stored (HADDAD of LBN and OKAFOR of NGA): one hit.
    tested = client.post(
        f"{version_page}/backtest", data={"csrf": csrf, "since": "2020-01-01", "until": ""}
    )
    assert tested.status_code == 200, tested.text
    row = re.search(r"<code>from-lbn</code>[^<]*</th>\s*<td>(\d+)</td>", tested.text)
    assert row is not None and row.group(1) == "1", tested.text
    assert "Backtest on 2 stored travellers" in tested.text
    assert client.post(f"{version_page}/activate", data={"csrf": csrf}).status_code == 403
    sign_out(client)

    csrf = sign_in(client, "sue")
    live = client.post(f"{version_page}/activate", data={"csrf": csrf}, follow_redirects=False)
    assert live.status_code == 303
    listed = client.get(live.headers["location"])
    assert "is live" in listed.text
    with container.units() as uow:
        active = uow.rule_sets.active(Agency.CBSA)
    assert active is not None and active.name == "arrivals-from-lbn"


def test_rules_forms_refuse_a_missing_token_and_strangers_to_the_role_or_agency(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    csrf = sign_in(client, "ana")
    refused = client.post("/en/console/rules", data={"source": DRAFT})
    assert refused.status_code == 403 and "security token" in refused.text
    bad_dates = _save(client, csrf, DRAFT)
    version_page = bad_dates.headers["location"].split("?")[0]
    backwards = {"csrf": csrf, "since": "2026-07-09", "until": "2026-07-01"}
    wrong = client.post(f"{version_page}/backtest", data=backwards)
    assert wrong.status_code == 422 and 'id="until-error"' in wrong.text
    token = person(container, "cal", Role.ANALYST, Agency.CBP)
    theirs = client.post(
        "/v1/rules",
        json={"source": DRAFT.replace("from-lbn", "cbp-from-lbn")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert theirs.status_code == 201, theirs.text
    partner_version = f"/en/console/rules/{theirs.json()['version']}"
    assert client.get(partner_version).status_code == 404  # by its address
    tried = client.post(f"{partner_version}/backtest", data={"csrf": csrf, "since": "2026-01-01"})
    assert tried.status_code == 404
    assert "cbp-from-lbn" not in client.get("/fr/console/regles").text
    sign_out(client)
    sign_in(client, "oli")
    assert client.get("/en/console/rules").status_code == 403
