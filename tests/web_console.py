"""A node with hits to review and people who sign in, for the console's tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx2

from smartborder.accounts.service import create_user
from smartborder.accounts.sign_in import set_password
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, PortOfEntry, Role, Sex
from smartborder.domain.clock import utc_now
from smartborder.exchange.services import ExchangeServices
from smartborder.exchange.transport import InProcessLink, PartnerLink
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from tests.factories import DOUGLAS, passenger, paxlst
from tests.unit.exchange.support import wire

PASSWORD = "correct horse battery staple"
LOOKOUTS = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-1,"HADDAD, Samir",person,,1979-03-14,LBN,M,LB998877,test,Fictional.
T-2,"OKAFOR, Grace",person,,1968-11-02,NGA,F,,test,Fictional.
"""
YVR = PortOfEntry(
    code="YVR", name="Vancouver International", agency=Agency.CBSA, timezone="America/Vancouver"
)


@dataclass(frozen=True)
class Planted:
    """Two CBSA hits (a flight landing tomorrow and one today) and one CBP hit."""

    today: str
    tomorrow: str
    partner: str


def person(container: Container, name: str, role: Role, agency: Agency = Agency.CBSA) -> str:
    """A user who signs in with ``PASSWORD``; their bearer token, for the API."""
    created = create_user(
        container.units(), name=name, role=role, agency=agency, secret=container.secret
    )
    set_password(container.units(), agency=agency, name=name, password=PASSWORD)
    return created.token


def with_lookouts(container: Container, tmp_path: Path) -> Container:
    """The ports and a list of lookouts (before the node serves: its engine is built
    on the lists it starts with)."""
    register_ports(container.units(), [DOUGLAS, YVR])
    lookouts = tmp_path / "lookouts.csv"
    lookouts.write_text(LOOKOUTS, encoding="utf-8")
    load_list(container.units, read_list(lookouts, "csv", "cbsa-lookouts"), agency=Agency.CBSA)
    return container


def plant_hits(container: Container, client: httpx2.Client) -> Planted:
    """Clear three flights' passenger lists through the API (a test client, or one of a
    served node), each raising one hit."""
    day = utc_now().date()
    ids = {}
    haddad = ("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", Sex.MALE)
    okafor = ("OKAFOR", "GRACE", date(1968, 11, 2), "NGA", Sex.FEMALE)
    for agency, key, (surname, first, born, nationality, sex), when, ref in (
        (Agency.CBSA, "tomorrow", haddad, day + timedelta(days=1), "P1"),
        (Agency.CBSA, "today", okafor, day, "P2"),
        (Agency.CBP, "partner", haddad, day, "P3"),
    ):
        token = create_user(
            container.units(),
            name=f"loader-{ref}",
            role=Role.ANALYST,
            agency=agency,
            secret=container.secret,
        ).token
        headers = {"Authorization": f"Bearer {token}", "X-Purpose": "test"}
        traveller = passenger(surname, first, born, nationality, number=f"X{ref}0001", sex=sex)
        body = {"paxlst": paxlst([traveller], reference=ref, day=when)}
        answer = client.post("/v1/messages/paxlst", json=body, headers=headers)
        assert answer.status_code == 200, answer.text
        found = client.get("/v1/hits", headers=headers).json()
        ids[key] = next(h["id"] for h in found if surname in h["traveller"].upper())
    return Planted(**ids)


def sharing(container: Container, partner: Container) -> InProcessLink:
    """``container`` (CBSA) shares with ``partner`` (CBP), which holds three of its
    entries of 3 July 2026; the link between them (set ``down`` to cut it). Ports are
    registered as ``wire`` has them: register the page's own after."""
    cbsa, _ = wire(container, partner)
    cbsa.record(3, day=date(2026, 7, 3))
    assert cbsa.relay.drain() == 3
    link = cbsa.link

    def connect(url: str, *, timeout: float = 10.0) -> PartnerLink:
        return link

    assert container.exchange is not None
    ours = container.exchange
    container.exchange = ExchangeServices.of(ours.node, ours.units, ours.policy, connect)
    return link
