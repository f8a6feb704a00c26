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
from smartborder.cli.lazy import Lazy, LazyGroup
from smartborder.errors import SmartborderError


class Commands(LazyGroup):
    """The commands, in the order ``--help`` lists them, each imported when it runs."""

    lazy = {
        "db": Lazy("smartborder.cli.db:app", "Create and upgrade the database schema."),
        "users": Lazy("smartborder.cli.users:app", "Create, list, rotate and revoke users."),
        "audit": Lazy("smartborder.cli.audit:app", "Verify and export the audit log."),
        "ports": Lazy("smartborder.cli.ports:app", "Register and list ports of entry."),
        "parse": Lazy(
            "smartborder.cli.parse:app",
            "Read travel documents (MRZ) and passenger data (PAXLST, PNRGOV) and print JSON.",
        ),
        "ops": Lazy(
            "smartborder.cli.ops:app",
            "Port operations: simulate a port, staff its booths, forecast and backtest delays.",
        ),
        "exchange": Lazy(
            "smartborder.cli.exchange:app", "Share records with the partner agency's node."
        ),
        "clear": Lazy("smartborder.cli.clear:app", "Clear travellers from advance passenger data."),
        "rules": Lazy(
            "smartborder.cli.rules:app",
            "Targeting rule sets: load, list, fields, backtest, performance.",
        ),
        "hits": Lazy("smartborder.cli.hits:app", "Review the hit queue and dispose of hits."),
        "nexus": Lazy(
            "smartborder.cli.nexus:app",
            "NEXUS and FAST: applications, vetting, interviews, re-vetting, and the registry.",
        ),
        "cargo": Lazy(
            "smartborder.cli.cargo:app", "Train, score and evaluate the cargo risk model."
        ),
        "manifest": Lazy(
            "smartborder.cli.manifest:app",
            "Submit eManifest trips and read their acknowledgements.",
        ),
        "serve": Lazy(
            "smartborder.cli.serve:serve",
            "Serve the API (and the node's background work) until interrupted.",
        ),
        "demo": Lazy(
            "smartborder.cli.demo:demo",
            "Generate a synthetic day at two partner ports, run it through the node, report.",
        ),
        "lists": Lazy("smartborder.cli.lists:app", "Load, fetch and show watch lists."),
        "screen": Lazy(
            "smartborder.cli.screen:screen",
            "Screen every row of QUERIES against the loaded lists; write ranked, explained hits.",
        ),
    }


app = typer.Typer(
    name="smartborder",
    cls=Commands,
    help="A smart border shared by two countries: one agency's node.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """A smart border shared by two countries: one agency's node."""


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
        from smartborder.store.failures import store_failure  # not imported on the fast path

        failed = store_failure(exc)
        if failed is not None:  # a full disk, a server restarting: not a bug of ours
            sys.stderr.write(f"error: {failed}\n")
            return failed.exit_code
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
