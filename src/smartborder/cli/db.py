"""``smartborder db``: the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from smartborder.cli.common import node, out

app = typer.Typer(help="Create and upgrade the database schema.", no_args_is_help=True)


@app.command()
def upgrade(
    revision: Annotated[
        str, typer.Argument(help="Target revision; 'head' is the newest.")
    ] = "head",
) -> None:
    """Apply the migrations up to REVISION (creates the embedded SQLite file if needed)."""
    from smartborder.store import migrate  # Alembic: only when a command runs

    with node() as container:
        assert container.engine is not None
        before = migrate.current_revision(container.engine)
        migrate.upgrade(container.engine, revision)
        after = migrate.current_revision(container.engine)
    out.print(f"database at revision {after} (was {before or 'empty'})")


@app.command()
def current() -> None:
    """Show the schema revision of the database and the newest one available."""
    from smartborder.store import migrate

    with node() as container:
        assert container.engine is not None
        current_rev = migrate.current_revision(container.engine)
    out.print(f"current: {current_rev or 'empty'}; newest: {migrate.head_revision()}")
