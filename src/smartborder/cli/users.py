"""``smartborder users``: accounts and their bearer tokens."""

from __future__ import annotations

from typing import Annotated

import typer

from smartborder.accounts import service
from smartborder.cli.common import node, out
from smartborder.cli.printable import shown
from smartborder.domain import Agency, Role

app = typer.Typer(help="Create, list and revoke users.", no_args_is_help=True)


@app.command()
def create(
    name: Annotated[str, typer.Option("--name", help="The user's name, unique in the agency.")],
    role: Annotated[
        Role, typer.Option("--role", case_sensitive=False, help="What the user may do.")
    ],
    agency: Annotated[
        Agency,
        typer.Option("--agency", case_sensitive=False, help="The agency the user works for."),
    ],
) -> None:
    """Create a user and print its bearer token once, alone on the last line of stdout."""
    with node(upgrade=True) as container:
        created = service.create_user(
            container.units(), name=name, role=role, agency=agency, secret=container.secret
        )
    out.print(
        f"created {created.user.role} {shown(created.user.name)} ({created.user.agency}), "
        f"id {created.user.id}; the token below is shown only now:"
    )
    typer.echo(created.token)


@app.command("list")
def list_(
    agency: Annotated[
        Agency | None,
        typer.Option("--agency", case_sensitive=False, help="Only this agency's users."),
    ] = None,
) -> None:
    """List users (never their tokens)."""
    with node(upgrade=True) as container:
        users = service.list_users(container.units(), agency)
    for user in users:
        state = "active" if user.active else "revoked"
        out.print(f"{user.agency}\t{shown(user.name)}\t{user.role}\t{state}\t{user.id}")


@app.command()
def revoke(
    name: Annotated[str, typer.Option("--name", help="The user to revoke.")],
    agency: Annotated[
        Agency, typer.Option("--agency", case_sensitive=False, help="The user's agency.")
    ],
) -> None:
    """Revoke a user's token at once."""
    with node(upgrade=True) as container:
        user = service.revoke_user(container.units(), agency=agency, name=name)
    out.print(f"revoked {shown(user.name)} ({user.agency})")
