"""``smartborder lists``: load, fetch and show the watch lists screening uses."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from smartborder.cli.common import node, out, print_json
from smartborder.cli.printable import shown
from smartborder.formats.lists import READERS, read_list
from smartborder.lists.watchlists import LoadOutcome, load_list, loaded_lists

app = typer.Typer(help="Load, fetch and show watch lists.", no_args_is_help=True)

FORMATS = ", ".join(READERS)
BATCH_NICENESS = 10  # added to the process's niceness for a load


@contextmanager
def _bulk() -> Iterator[None]:
    """No cyclic garbage collection while a list is read and stored: it would walk the
    million objects being built over and over, and none of them is garbage yet.

    And a lower scheduling priority: a load is batch work, and on a node's machine the
    booths' server must have the processor first (issue 14: on two cores a load at the
    same priority stretched booth reads to seconds).
    """
    if hasattr(os, "nice"):
        os.nice(BATCH_NICENESS)
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _report(outcome: LoadOutcome) -> None:
    wl = outcome.watch_list
    if outcome.unchanged:
        loaded = f"{shown(wl.list_id)}: version {shown(wl.version)}"
        out.print(f"{loaded} is already loaded (same checksum)")
        return
    replaced = f", replacing {shown(outcome.previous_version)}" if outcome.previous_version else ""
    out.print(
        f"{shown(wl.list_id)}: loaded version {shown(wl.version)}, {wl.entry_count:,} entries"
        f"{replaced}"
    )


@app.command()
def load(
    path: Annotated[
        Path, typer.Argument(help="The list file (for ofac-csv, sdn.csv or its folder).")
    ],
    fmt: Annotated[str, typer.Option("--format", help=f"The file's format: {FORMATS}.")],
    list_id: Annotated[
        str, typer.Option("--list-id", help="The list's id, e.g. ofac, un, cbsa-lookouts.")
    ],
) -> None:
    """Load a list file as the new version of a list; the old one serves until it commits."""
    with _bulk():
        loaded = read_list(path, fmt, list_id)
        with node(upgrade=True) as container:
            outcome = load_list(container.units, loaded, agency=container.settings.agency)
    _report(outcome)


@app.command()
def fetch(
    source: Annotated[str, typer.Option("--source", help="ofac, un or sema.")],
    list_id: Annotated[
        str | None, typer.Option("--list-id", help="The list's id (the source's name by default).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Another address to download from (a mirror), instead of the official one.",
        ),
    ] = None,
    folder: Annotated[
        Path, typer.Option("--dir", help="Where downloaded files are kept, under their checksum.")
    ] = Path("var/lists"),
) -> None:
    """Download a list from its official address, keep it with its checksum, and load it.

    A failed or cut-off download changes nothing: the loaded version keeps serving.
    """
    from smartborder.clients.downloads import HttpDownloads
    from smartborder.lists.fetching import begin_fetch, fetch_and_load

    # As the console's Lists page fetches: recorded as it begins, finished with its outcome.
    with node(upgrade=True) as container:
        fetch = begin_fetch(container.units, source, list_id=list_id)
        with HttpDownloads() as get:
            done = fetch_and_load(
                container.units,
                fetch,
                get,
                folder,
                agency=container.settings.agency,
                base_url=base_url,
            )
    download = done.download
    out.print(f"downloaded {source} (sha256 {download.checksum}) into {download.folder}")
    _report(done.outcome)


@app.command()
def show(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """The loaded lists: id, version, source, entry count and when each was loaded."""
    with node(upgrade=True) as container:
        lists = loaded_lists(container.units())
    if as_json:
        print_json(
            [
                {
                    "list_id": w.list_id,
                    "version": w.version,
                    "source": w.source,
                    "entries": w.entry_count,
                    "loaded_at": w.loaded_at.isoformat(),
                    "sha256": w.checksum,
                }
                for w in lists
            ]
        )
        return
    if not lists:
        out.print("no list loaded yet: use `smartborder lists load` or `lists fetch`")
    for w in lists:
        loaded_at = w.loaded_at.strftime("%Y-%m-%d %H:%M:%SZ")
        out.print(
            f"{shown(w.list_id)}\t{shown(w.version)}\t{shown(w.source)}\t"
            f"{w.entry_count:,} entries\tloaded {loaded_at}"
        )
