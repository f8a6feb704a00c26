"""What a user or a file names is printed escaped: no terminal escape reaches the screen.

Names are checked at creation now, but a node's database may hold users created before,
and hits carry names from airline messages: the CLI never prints them raw.
"""

from __future__ import annotations

import pytest

from smartborder.bootstrap import bootstrap
from smartborder.cli.main import main
from smartborder.cli.printable import shown
from smartborder.domain import Agency, Role, User


def test_control_and_invisible_characters_are_shown_as_escapes() -> None:
    assert shown("eve\x1b[2K\rCBP/node") == "eve\\x1b[2K\\x0dCBP/node"
    assert shown("two\nlines\u2028") == "two\\x0alines\\u2028"
    assert shown("rtl\u202eedon") == "rtl\\u202eedon"
    assert shown("back\\slash") == "back\\\\slash"
    assert shown("Zoë O'Brien-Łukasz 李") == "Zoë O'Brien-Łukasz 李"


def test_rich_markup_in_a_name_is_printed_as_written() -> None:
    assert shown("[bold red]admin[/]") == "\\[bold red]admin\\[/]"


def test_users_list_prints_a_name_with_escapes_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    # A user created before names were checked, straight into the node's database.
    container = bootstrap(upgrade=True)
    with container.units() as uow:
        uow.users.add(User(name="eve\x1b[2K\rCBP/node", role=Role.OFFICER, agency=Agency.CBP), "h")
        uow.commit()
    container.close()
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "eve\\x1b[2K\\x0dCBP/node" in out


def test_ports_list_prints_a_port_name_from_a_file_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Ports come from an operator's YAML file: its names are outside text too.
    from dataclasses import replace

    from smartborder.clearance.ports import register_ports
    from tests.factories import DOUGLAS

    container = bootstrap(upgrade=True)
    register_ports(container.units(), [replace(DOUGLAS, name="Douglas\x1b[2K\rBlaine")])
    container.close()
    assert main(["ports", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "Douglas\\x1b[2K\\x0dBlaine" in out
