"""``smartborder users``: accounts and their bearer tokens."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from smartborder.accounts import service
from smartborder.cli.common import node, out
from smartborder.cli.printable import shown
from smartborder.domain import Agency, Role, User, utc_now

if TYPE_CHECKING:
    from smartborder.bootstrap import Container  # wired only when a command runs

app = typer.Typer(help="Create, list, rotate and revoke users.", no_args_is_help=True)

Days = Annotated[
    int | None,
    typer.Option(
        "--days",
        min=1,
        max=3650,
        help="Days the token is accepted (default SMARTBORDER_TOKEN_LIFETIME_DAYS, 90).",
    ),
]


def _lifetime(container: Container, days: int | None) -> timedelta:
    return timedelta(days=days if days is not None else container.settings.token_lifetime_days)


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ") if at is not None else "never"


def _print_token(verb: str, created: service.NewUser) -> None:
    user = created.user
    out.print(
        f"{verb} {user.role} {shown(user.name)} ({user.agency}), id {user.id}; the token "
        f"below expires {_when(user.token_expires_at)} and is shown only now:"
    )
    typer.echo(created.token)


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
    days: Days = None,
) -> None:
    """Create a user and print its bearer token once, alone on the last line of stdout."""
    with node(upgrade=True) as container:
        created = service.create_user(
            container.units(),
            name=name,
            role=role,
            agency=agency,
            secret=container.secret,
            lifetime=_lifetime(container, days),
        )
    _print_token("created", created)


def _state(user: User, now: datetime) -> str:
    if not user.active:
        return "revoked"
    return "expired" if user.token_expired(now) else "active"


@app.command("list")
def list_(
    agency: Annotated[
        Agency | None,
        typer.Option("--agency", case_sensitive=False, help="Only this agency's users."),
    ] = None,
) -> None:
    """List users (never their tokens): agency, name, role, state (active, expired or
    revoked), id and, last, when the token expires (UTC)."""
    with node(upgrade=True) as container:
        users = service.list_users(container.units(), agency)
    now = utc_now()
    for user in users:
        out.print(
            f"{user.agency}\t{shown(user.name)}\t{user.role}\t{_state(user, now)}\t{user.id}"
            f"\t{_when(user.token_expires_at)}"
        )


@app.command()
def rotate(
    name: Annotated[str, typer.Option("--name", help="The user whose token is replaced.")],
    agency: Annotated[
        Agency, typer.Option("--agency", case_sensitive=False, help="The user's agency.")
    ],
    days: Days = None,
) -> None:
    """Issue a new token, refusing the old one at once; print it once, alone on the last
    line of stdout. For a token that leaked or is about to expire."""
    with node(upgrade=True) as container:
        rotated = service.rotate_token(
            container.units(),
            agency=agency,
            name=name,
            secret=container.secret,
            lifetime=_lifetime(container, days),
        )
    _print_token("rotated the token of", rotated)


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


@app.command()
def password(
    name: Annotated[str, typer.Argument(help="The user who signs in to the web console.")],
    agency: Annotated[
        Agency, typer.Option("--agency", case_sensitive=False, help="The user's agency.")
    ],
) -> None:
    """Set the password NAME signs in to the web console with, read from standard input
    (its first line; asked twice, unechoed, at a terminal). Ends NAME's open sessions."""
    from smartborder.accounts.sign_in import set_password

    secret = _read_password()
    with node(upgrade=True) as container:
        user = set_password(container.units(), agency=agency, name=name, password=secret)
    out.print(f"set the password of {shown(user.name)} ({user.agency}); open sessions ended")


def _read_password() -> str:
    import getpass
    import sys

    if sys.stdin.isatty():
        first = getpass.getpass("new password: ")
        if getpass.getpass("again: ") != first:
            raise typer.BadParameter("the two passwords differ")
        return first
    # A line, not the whole stream: `printf '%s\n' "$PW" | smartborder users password ...`
    return sys.stdin.readline(1024).rstrip("\r\n")
