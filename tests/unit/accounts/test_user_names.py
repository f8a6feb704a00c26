"""User names that would pass for the node's own actors in the audit log are refused.

A user's actor is ``<agency>/<name>``; the node writes its own entries as ``CBP/node``,
``CBSA/exchange-relay``, ``CBSA/cli:root``, ``system/cli``... A user named ``node``
would sign the log as the partner node.
"""

from __future__ import annotations

import pytest

from smartborder.accounts import service
from smartborder.bootstrap import Container
from smartborder.cli.common import local_user
from smartborder.cli.main import main
from smartborder.domain import Agency, Role
from smartborder.errors import ValidationFailed
from smartborder.exchange import purge
from smartborder.exchange.agreements import packaged_entry_exit
from smartborder.exchange.envelope import UNVERIFIED_ACTOR
from smartborder.exchange.keys import NodeIdentity
from smartborder.exchange.node import ExchangeNode
from smartborder.lists.watchlists import CLI_ACTOR


def system_actors(container: Container) -> list[str]:
    """Every actor the node writes in its own name, as the audit log spells it."""
    node = ExchangeNode(
        agency=Agency.CBSA,
        identity=NodeIdentity.generate(),
        partner=NodeIdentity.generate().public,
        agreement=packaged_entry_exit(),
    )
    return [
        node.partner_actor,
        node.relay_actor,
        local_user(container).actor,
        CLI_ACTOR,
        purge.ACTOR,
        UNVERIFIED_ACTOR,
        f"{Agency.CBSA}/cli",
    ]


def create(container: Container, name: str) -> None:
    service.create_user(
        container.units(), name=name, role=Role.OFFICER, agency=Agency.CBP, secret="s" * 32
    )


def test_every_system_actors_name_is_refused(memory_container: Container) -> None:
    for actor in system_actors(memory_container):
        name = actor.rsplit("/", 1)[-1]
        with pytest.raises(ValidationFailed, match="reserved"):
            create(memory_container, name)


@pytest.mark.parametrize("name", ["Node", "NODE", "ｎｏｄｅ", "cli:root", "CLI:admin", "System"])
def test_look_alikes_of_system_names_are_refused(memory_container: Container, name: str) -> None:
    with pytest.raises(ValidationFailed, match="reserved"):
        create(memory_container, name)


@pytest.mark.parametrize(
    "name",
    ["eve\x1b[2K\rCBP/node", "two\nlines", "tab\there", "rtl\u202eedon", "zero\u200bwidth"],
)
def test_control_and_invisible_characters_are_refused(
    memory_container: Container, name: str
) -> None:
    with pytest.raises(ValidationFailed, match="control or invisible"):
        create(memory_container, name)


def test_a_slash_is_refused_since_it_separates_the_agency(memory_container: Container) -> None:
    with pytest.raises(ValidationFailed, match="'/'"):
        create(memory_container, "CBSA/node")


def test_ordinary_names_are_welcome(memory_container: Container) -> None:
    for name in ("officer-1", "Jean-Luc Picard", "Zoë Nodeworth", "cli-user", "nodes"):
        create(memory_container, name)


def test_the_cli_says_why_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "create", "--name", "node", "--role", "officer", "--agency", "CBP"]) == 2
    err = capsys.readouterr().err
    assert "reserved" in err and "Traceback" not in err
