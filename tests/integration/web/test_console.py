"""The console over HTTP on SQLite and PostgreSQL: sign-in, the queue, a hit's review.

The client speaks to https://testserver: outside development the session cookie is
Secure, and a client keeps such a cookie only for a secure origin, as a browser does.
"""

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from smartborder.accounts.tokens import hash_token
from smartborder.api import create_app
from smartborder.bootstrap import Container
from smartborder.domain import AuditAction, LaneType, Role, Sex
from smartborder.domain.clock import utc_now
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from smartborder.waits import record_waits
from tests.factories import passenger
from tests.web_console import PASSWORD, Planted, person, plant_hits, with_lookouts

LISTED_AT_THE_BOOTH = passenger(
    "HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877", sex=Sex.MALE
)


@pytest.fixture
def node(container: Container, tmp_path: Path) -> Iterator[tuple[TestClient, Planted]]:
    with TestClient(
        create_app(with_lookouts(container, tmp_path)), base_url="https://testserver"
    ) as client:
        planted = plant_hits(container, client)
        person(container, "ana", Role.ANALYST)
        person(container, "oli", Role.OFFICER)
        yield client, planted


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in as ``name``; the CSRF token of the session's forms."""
    form = client.get("/en/sign-in")
    answer = client.post(
        "/en/sign-in",
        data={"csrf": _csrf(form.text), "name": name, "password": password},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return _csrf(client.get("/en/console").text)


def sign_out(client: TestClient) -> None:
    csrf = _csrf(client.get("/en/console").text)
    assert client.post("/en/sign-out", data={"csrf": csrf}).status_code == 200


def state_purpose(client: TestClient, csrf: str) -> None:
    done = client.post("/en/console/purpose", data={"csrf": csrf, "purpose": "targeting YVR"})
    assert done.status_code == 200


def test_a_console_page_sends_a_stranger_to_sign_in_and_back(
    node: tuple[TestClient, Planted],
) -> None:
    client, _ = node
    first = client.get("/fr/console/alertes?status=open", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/fr/connexion?next=/fr/console/alertes%3Fstatus%3Dopen"
    form = client.get(first.headers["location"])
    assert 'lang="fr"' in form.text and 'value="/fr/console/alertes?status=open"' in form.text


def test_signing_in_sets_a_cookie_no_script_or_other_site_can_use(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    form = client.get("/en/sign-in")
    done = client.post(
        "/en/sign-in",
        data={"csrf": _csrf(form.text), "name": "ana", "password": PASSWORD},
        follow_redirects=False,
    )
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith("sb_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    with container.units() as uow:
        assert uow.web_sessions.get(hash_token(token, container.secret)) is not None
        assert uow.web_sessions.get(token) is None  # the store keeps its hash only
    page = client.get("/en/console")
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_wrong_password_is_told_beside_the_field_and_logged(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    form = client.get("/en/sign-in")
    refused = client.post(
        "/en/sign-in", data={"csrf": _csrf(form.text), "name": "ana", "password": "guess"}
    )
    assert refused.status_code == 401
    assert 'aria-describedby="password-error"' in refused.text
    assert 'id="password-error"' in refused.text and "sb_session" not in refused.headers.get(
        "set-cookie", ""
    )
    with container.units() as uow:
        actions = [e.event.action for e in uow.audit.entries()]
    assert actions[-1] is AuditAction.REJECT


def test_a_form_without_its_csrf_token_or_from_another_site_is_refused(
    node: tuple[TestClient, Planted],
) -> None:
    client, planted = node
    assert client.post("/en/sign-in", data={"name": "ana", "password": PASSWORD}).status_code == 403
    csrf = sign_in(client, "ana")
    state_purpose(client, csrf)
    path = f"/en/console/hits/{planted.today}"
    note = {"status": "confirmed", "note": "same person"}
    assert client.post(path, data=note).status_code == 403
    assert client.post(path, data={**note, "csrf": "0" * 64}).status_code == 403
    foreign = client.post(
        path, data={**note, "csrf": csrf}, headers={"Origin": "https://elsewhere.example"}
    )
    assert foreign.status_code == 403
    assert "<dt>Status</dt><dd>Open</dd>" in client.get(path).text  # nothing was recorded


def test_the_queue_asks_the_purpose_first_then_lists_the_soonest_arrival_first_audited(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, planted = node
    csrf = sign_in(client, "ana")
    asked = client.get("/en/console/hits", follow_redirects=False)
    assert asked.headers["location"] == "/en/console/purpose?next=/en/console/hits"
    state_purpose(client, csrf)
    page = client.get("/en/console/hits").text
    order = re.findall(r'href="/en/console/hits/([^"]+)"', page)
    assert order == [planted.today, planted.tomorrow]  # the partner's hit is not listed
    with container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.actor, last.purpose, last.record_type) == ("CBSA/ana", "targeting YVR", "hit")
    assert last.detail["ids"] == order


def test_another_agencys_hit_by_its_address_is_not_found(
    node: tuple[TestClient, Planted],
) -> None:
    client, planted = node
    state_purpose(client, sign_in(client, "ana"))
    mine = client.get(f"/en/console/hits/{planted.today}").text
    # The history and booking the traveller was decided on (the PAXLST's booking reference).
    assert "<dt>Crossings in the year before</dt><dd>0</dd>" in mine
    assert "<dt>Record locator</dt><dd>BK0000</dd>" in mine
    missing = client.get(f"/en/console/hits/{planted.partner}")
    assert missing.status_code == 404 and planted.partner not in missing.text.split("<main")[1]


def test_a_disposition_needs_a_note_tied_to_its_field_and_then_is_recorded(
    node: tuple[TestClient, Planted],
) -> None:
    client, planted = node
    csrf = sign_in(client, "ana")
    state_purpose(client, csrf)
    path = f"/fr/console/alertes/{planted.today}"
    empty = client.post(path, data={"csrf": csrf, "status": "confirmed", "note": " "})
    assert empty.status_code == 422
    assert 'aria-invalid="true"' in empty.text and 'id="note-error"' in empty.text
    assert 'lang="fr"' in empty.text and "Le formulaire comporte 1 erreur" in empty.text
    done = client.post(path, data={"csrf": csrf, "status": "confirmed", "note": "même passeport"})
    assert done.status_code == 200 and str(done.url).startswith(
        "https://testserver/fr/console/alertes?done="
    )
    assert "Confirmée" in client.get(path).text and "même passeport" in client.get(path).text
    again = client.post(path, data={"csrf": csrf, "status": "dismissed", "note": "second try"})
    assert again.status_code == 409


def test_an_officer_cannot_open_the_hit_queue(node: tuple[TestClient, Planted]) -> None:
    client, planted = node
    sign_in(client, "oli")
    assert client.get("/en/console/hits").status_code == 403
    assert client.get(f"/en/console/hits/{planted.today}").status_code == 403


def test_signing_out_or_idling_ends_the_session(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    csrf = sign_in(client, "ana")
    assert (
        client.post("/en/sign-out", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    )
    assert client.get("/en/console", follow_redirects=False).status_code == 303
    sign_in(client, "ana")
    token = client.cookies["sb_session"]
    with container.units() as uow:
        key = hash_token(token, container.secret)
        uow.web_sessions.touch(key, utc_now() - timedelta(minutes=21))
        uow.commit()
    assert client.get("/en/console", follow_redirects=False).status_code == 303


def test_the_booth_decides_on_a_document_read_and_tells_a_bad_one_beside_the_field(
    node: tuple[TestClient, Planted],
) -> None:
    client, _ = node
    csrf = sign_in(client, "oli")
    assert client.get("/fr/console/guichet").status_code == 200
    lines = "\n".join(generate_mrz(mrz_data_of(LISTED_AT_THE_BOOTH)))
    answer = client.post(
        "/en/console/booth", data={"csrf": csrf, "port": "813", "lane": "general", "mrz": lines}
    )
    assert answer.status_code == 200
    assert "refer to secondary: SAMIR HADDAD" in answer.text and "cbsa-lookouts:T-1" in answer.text
    bad = client.post(
        "/en/console/booth",
        data={"csrf": csrf, "port": "813", "lane": "general", "mrz": "P<CANNOT<A<ZONE"},
    )
    assert bad.status_code == 422 and 'aria-describedby="mrz-hint mrz-error"' in bad.text
    elsewhere = client.post(
        "/en/console/booth", data={"csrf": csrf, "port": "3004", "lane": "general", "mrz": lines}
    )
    assert elsewhere.status_code == 422 and 'id="port-error"' in elsewhere.text
    # In French, the officer is told in French where the zone went wrong; what the reader
    # found stays in English, marked so for a screen reader.
    first, second = lines.splitlines()
    torn = client.post(
        "/fr/console/guichet",
        data={"csrf": csrf, "port": "813", "lane": "general", "mrz": f"{first}\n{second[:30]}"},
    )
    assert torn.status_code == 422
    assert "La zone du document n’a pu être lue (ligne 2, colonne 31)" in torn.text
    assert '<span lang="en">30 characters, TD3 lines have 44</span>' in torn.text
    elsewhere = client.post(
        "/fr/console/guichet", data={"csrf": csrf, "port": "3004", "lane": "general", "mrz": lines}
    )
    assert "Le point d’entrée 3004 n’est pas un de ceux de votre agence." in elsewhere.text


def test_an_analyst_cannot_open_the_booth(node: tuple[TestClient, Planted]) -> None:
    client, _ = node
    sign_in(client, "ana")
    assert client.get("/en/console/booth").status_code == 403


def test_the_days_flights_in_figures_then_a_flights_travellers_audited(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    csrf = sign_in(client, "ana")
    today = utc_now().date().isoformat()
    page = client.get("/en/console/flights", params={"date": today}).text
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">AC855</a></th>', page)
    assert rows == [f"/en/console/flights/{today}/AC855"]
    figures = re.findall(r"<td>(\d+)</td>", page.split(rows[0])[1])[:3]
    assert figures == ["1", "1", "1"]  # one traveller, referred, one hit (OKAFOR)
    assert client.get(rows[0], follow_redirects=False).status_code == 303  # the purpose first
    state_purpose(client, csrf)
    flight = client.get(rows[0]).text
    assert "GRACE OKAFOR" in flight and "SAMIR HADDAD" not in flight  # tomorrow's flight
    with container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.record_type, last.record_id) == ("flight", f"AC855/{today}")
    assert client.get(f"/fr/console/vols/{today}/XX999").status_code == 404


def test_a_supervisor_sees_who_read_a_hit_and_why_and_that_read_is_logged_too(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, planted = node
    state_purpose(client, sign_in(client, "ana"))
    client.get("/en/console/hits")  # a list read naming the hit among others
    client.get(f"/en/console/hits/{planted.today}")  # and a read of the hit itself
    sign_out(client)
    person(container, "sue", Role.SUPERVISOR)
    csrf = sign_in(client, "sue")
    assert client.get("/en/console/audit", follow_redirects=False).status_code == 303
    done = client.post("/en/console/purpose", data={"csrf": csrf, "purpose": "privacy review"})
    assert done.status_code == 200
    page = client.get("/en/console/audit", params={"record": planted.today}).text
    rows = re.findall(r"<td>CBSA/ana</td>\s*<td>read</td>\s*<td>hit([^<]*)</td>", page)
    assert rows == [f" {planted.today}", " (2 records)"]  # newest first
    assert page.count("targeting YVR") == 2
    assert client.get("/en/console/audit", params={"before": "²"}).status_code == 200
    with container.units() as uow:
        last = list(uow.audit.entries())[-1].event
    assert (last.actor, last.record_type, last.purpose) == ("CBSA/sue", "audit", "privacy review")
    sign_out(client)
    sign_in(client, "ana")
    assert client.get("/en/console/audit").status_code == 403


def test_an_administrator_sees_the_lists_loaded_and_the_link_to_the_partner(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    person(container, "adm", Role.ADMIN)
    sign_in(client, "adm")
    lists = client.get("/fr/console/listes")
    assert lists.status_code == 200
    assert '<th scope="row">cbsa-lookouts</th>' in lists.text and "<td>2</td>" in lists.text
    sharing = client.get("/en/console/sharing").text
    assert "This node shares nothing with a partner" in sharing  # none is configured here
    sign_out(client)
    sign_in(client, "ana")
    assert client.get("/en/console/lists").status_code == 403
    assert client.get("/en/console/sharing").status_code == 403


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    node: tuple[TestClient, Planted],
) -> None:
    client, _ = node
    for _ in range(5):
        form = client.get("/en/sign-in")
        wrong = {"csrf": _csrf(form.text), "name": "ana", "password": "not the password"}
        assert client.post("/en/sign-in", data=wrong).status_code == 401
    form = client.get("/en/sign-in")
    right = {"csrf": _csrf(form.text), "name": "ana", "password": PASSWORD}
    locked = client.post("/en/sign-in", data=right, follow_redirects=False)
    assert locked.status_code == 401 and "Too many wrong passwords" in locked.text


def test_a_supervisor_sees_a_ports_day_measured_against_forecast(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    nine = datetime(2026, 7, 3, 9, tzinfo=ZoneInfo("America/Vancouver"))  # Douglas's time
    record_waits(
        container.units(),
        [
            LaneWait("813", LaneType.GENERAL, nine, 25, WaitSource.OBSERVED, lanes_open=4),
            LaneWait("813", LaneType.GENERAL, nine, 20, WaitSource.FORECAST),
        ],
    )
    person(container, "sue", Role.SUPERVISOR)
    sign_in(client, "sue")
    page = client.get("/en/console/operations", params={"port": "813", "date": "2026-07-03"})
    assert page.status_code == 200
    row = re.search(r'<th scope="row">9:00[^<]*</th>(.*?)</tr>', page.text, re.S)
    assert row is not None, page.text
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    assert cells[:5] == ["25", "20", "5", "–", "4"]
    # The same traffic through 3 and 5 booths: 25 minutes at 4 booths is near their
    # capacity, past that of 3.
    assert cells[5] == "cannot keep up" and int(cells[6]) < 25
    lane = page.text.split('<table class="operations plan">')[0]
    assert lane.count('<th scope="row">') == 24  # the port's day, hour by hour
    unknown = client.get("/fr/console/operations", params={"port": "NOPE"})
    assert unknown.status_code == 404
    sign_out(client)
    sign_in(client, "ana")
    assert client.get("/en/console/operations").status_code == 403


def _plan_row(html: str, hour: str) -> list[str]:
    """The staffing plan's cells for one hour: per lane, planned, expected wait, open."""
    plan = html.split('<table class="operations plan">', 1)[1]
    row = re.search(rf'<th scope="row">{hour}[^<]*</th>(.*?)</tr>', plan, re.S)
    assert row is not None, plan
    return re.findall(r"<td>([^<]*)</td>", row.group(1))


def test_a_supervisor_sees_the_booths_that_would_have_held_the_service_standard(
    node: tuple[TestClient, Planted], container: Container
) -> None:
    client, _ = node
    zone = ZoneInfo("America/Vancouver")
    nine = datetime(2026, 7, 3, 9, tzinfo=zone)  # a Friday: CBSA's standard is 20 minutes
    ten = nine + timedelta(hours=1)
    record_waits(
        container.units(),
        [
            LaneWait("813", LaneType.GENERAL, nine, 25, WaitSource.OBSERVED, lanes_open=4),
            LaneWait("813", LaneType.GENERAL, nine, 20, WaitSource.FORECAST),
            LaneWait("813", LaneType.NEXUS, nine, 0, WaitSource.OBSERVED, lanes_open=2),
            LaneWait("813", LaneType.NEXUS, ten, 4, WaitSource.SIMULATED, lanes_open=2),
        ],
    )
    person(container, "sue", Role.SUPERVISOR)
    sign_in(client, "sue")
    page = client.get("/en/console/operations", params={"port": "813", "date": "2026-07-03"})
    assert page.status_code == 200
    assert "within the day's service standard, 20 minutes" in page.text
    # 25 minutes at 4 booths: a fifth holds 20. No wait at all tells nothing of the
    # traffic (no plan); the port model's hour is planned, with no booths measured open.
    general, expected, open_, nexus, _, nexus_open = _plan_row(page.text, "9:00")
    assert (general, open_, nexus, nexus_open) == ("5", "4", "–", "2")
    assert 0 <= int(expected) <= 20
    later = _plan_row(page.text, "10:00")
    assert later[0] == "–" and later[3] != "–" and later[5] == "–"
    chart = page.text.split('<figure class="plan">')
    assert len(chart) == 3  # a chart per lane planned, then the table that gives its figures
    assert 'role="img"' in chart[1] and chart[1].count('class="planned"') == 1
    assert chart[1].count('class="open"') == 1
    french = client.get("/fr/console/operations", params={"port": "813", "date": "2026-07-03"})
    assert "Plan de dotation" in french.text and _plan_row(french.text, "09 h 00")[0] == "5"
    thursday = client.get("/fr/console/operations", params={"port": "813", "date": "2026-07-02"})
    assert thursday.status_code == 200 and "Plan de dotation" not in thursday.text  # no wait
