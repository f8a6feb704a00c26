"""The ``smartborder`` entry point.

Exit codes are a public contract: 0 success, 2 bad input (one line on stderr, never a
traceback), 1 internal error.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer
from typer.exceptions import TyperException

from smartborder import __version__
from smartborder.cli import (
    audit,
    cargo,
    clear,
    db,
    demo,
    exchange,
    hits,
    lists,
    manifest,
    nexus,
    ops,
    parse,
    ports,
    rules,
    screen,
    serve,
    users,
)
from smartborder.errors import SmartborderError

app = typer.Typer(
    name="smartborder",
    help="A smart border shared by two countries: one agency's node.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(audit.app, name="audit")
app.add_typer(ports.app, name="ports")
app.add_typer(parse.app, name="parse")
app.add_typer(ops.app, name="ops")
app.add_typer(exchange.app, name="exchange")
app.add_typer(clear.app, name="clear")
app.add_typer(rules.app, name="rules")
app.add_typer(hits.app, name="hits")
app.add_typer(nexus.app, name="nexus")
app.add_typer(cargo.app, name="cargo")
app.add_typer(manifest.app, name="manifest")
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.add_typer(lists.app, name="lists")
app.command("screen")(screen.screen)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and turn our errors into exit codes and one-line messages."""
    try:
        # Not standalone: usage errors come back to us so that they, too, are one line.
        result = app(args=argv, prog_name="smartborder", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("aborted\n")
        return 1
    except TyperException as exc:  # a usage error: unknown option, bad value...
        message = " ".join(exc.format_message().split())
        if message:  # empty when a group was called bare and printed its help instead
            sys.stderr.write(f"error: {message} (see --help)\n")
        return exc.exit_code
    except SmartborderError as exc:
        if os.environ.get("SMARTBORDER_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no raw tracebacks
        if os.environ.get("SMARTBORDER_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"internal error: {type(exc).__name__}: {exc} (set SMARTBORDER_DEBUG=1 for details)\n"
        )
        return 1
    # Outside standalone mode click returns the code of a `typer.Exit(n)` instead of
    # raising it (`audit verify` and `exchange reconcile` exit 1 that way).
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
