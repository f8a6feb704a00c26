"""`lists fetch` against a local HTTP server standing in for the official addresses."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]


class Publisher:
    """What the server answers: path -> (status, body, declared length or None)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, bytes, int | None]] = {}
        self.requests: list[str] = []

    def put(
        self, path: str, body: bytes, *, status: int = 200, declared: int | None = None
    ) -> None:
        self.files[path] = (status, body, declared)


@pytest.fixture
def publisher() -> Iterator[tuple[Publisher, str]]:
    state = Publisher()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            state.requests.append(self.path)
            status, body, declared = state.files.get(self.path, (404, b"not found", None))
            self.send_response(status)
            self.send_header("Content-Length", str(declared if declared is not None else len(body)))
            self.end_headers()
            self.wfile.write(body)  # a declared length larger than this is a cut-off download
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/lists/"
    finally:
        server.shutdown()
        server.server_close()


def loaded_version(cli: Cli, list_id: str) -> str | None:
    import json

    shown = json.loads(cli("lists", "show", "--json").out)
    return next((w["version"] for w in shown if w["list_id"] == list_id), None)


def test_fetch_un_downloads_keeps_checksum_and_loads(
    cli: Cli, publisher: tuple[Publisher, str], fixtures: Path, tmp_path: Path
) -> None:
    state, base = publisher
    state.put("/lists/consolidated.xml", (fixtures / "un.xml").read_bytes())
    store = tmp_path / "lists"
    ran = cli("lists", "fetch", "--source", "un", "--from", base, "--dir", str(store))
    assert ran.code == 0, ran.err
    assert "un: loaded version 2026-03-01+" in ran.out
    [kept] = list((store / "un").iterdir())
    sums = (kept / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums.endswith("  consolidated.xml\n") and kept.name in ran.out.replace("\n", "")
    assert (kept / "consolidated.xml").read_bytes() == (fixtures / "un.xml").read_bytes()


def test_fetch_ofac_downloads_its_four_files(
    cli: Cli, publisher: tuple[Publisher, str], fixtures: Path, tmp_path: Path
) -> None:
    state, base = publisher
    for remote, local in (
        ("SDN.CSV", "sdn.csv"),
        ("ALT.CSV", "alt.csv"),
        ("ADD.CSV", "add.csv"),
        ("SDN_COMMENTS.CSV", "sdn_comments.csv"),
    ):
        state.put(f"/lists/{remote}", (fixtures / "ofac" / local).read_bytes())
    ran = cli("lists", "fetch", "--source", "ofac", "--from", base, "--dir", str(tmp_path))
    assert ran.code == 0, ran.err
    assert "ofac: loaded version" in ran.out and "4 entries" in ran.out
    assert sorted(state.requests) == sorted(
        f"/lists/{n}" for n in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")
    )


@pytest.mark.parametrize("failure", ["cut off", "server error", "not a list"])
def test_a_failed_download_leaves_the_loaded_version(
    cli: Cli, publisher: tuple[Publisher, str], fixtures: Path, tmp_path: Path, failure: str
) -> None:
    state, base = publisher
    good = (fixtures / "un.xml").read_bytes()
    state.put("/lists/consolidated.xml", good)
    assert cli("lists", "fetch", "--source", "un", "--from", base, "--dir", str(tmp_path)).code == 0
    before = loaded_version(cli, "un")
    newer = good.replace(b"2026-03-01", b"2026-04-01")
    if failure == "cut off":
        state.put("/lists/consolidated.xml", newer[:500], declared=len(newer))
    elif failure == "server error":
        state.put("/lists/consolidated.xml", b"busy", status=503)
    else:
        state.put("/lists/consolidated.xml", b"<html>maintenance</html>")
    ran = cli("lists", "fetch", "--source", "un", "--from", base, "--dir", str(tmp_path))
    assert ran.code != 0 and ran.err.count("\n") == 1
    assert loaded_version(cli, "un") == before
    assert not (tmp_path / "un" / ".partial").exists()
    # And the next good publication loads.
    state.put("/lists/consolidated.xml", newer)
    assert cli("lists", "fetch", "--source", "un", "--from", base, "--dir", str(tmp_path)).code == 0
    assert loaded_version(
        cli,
        "un",
    ).startswith("2026-04-01+")  # type: ignore[union-attr]


def test_unknown_source_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    ran = cli("lists", "fetch", "--source", "interpol", "--dir", str(tmp_path))
    assert ran.code == 2 and "unknown source" in ran.err
