"""PostgreSQL restarted under load: the node answers 503 (never 500) while the server is
away, reconnects when it is back, and nothing it acknowledged is lost.

The restart is played by a TCP proxy between the node and the test server (the server
itself is shared by every test and checkout on the machine): it cuts every open
connection at once, as a restarting server does, and turns new ones away until it is
"back". A list load cut the same way leaves the previous version live.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
import pytest

from tests.serving import CLI, cli, create_token, served_node

from .nodes import count, listed, lookouts_file, set_up_node

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class RestartingProxy:
    """Loopback TCP to ``upstream``; ``down()`` cuts every connection and refuses new
    ones until ``up()``."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._refusing = False
        self.turned_away: list[str] = []  # why connections were closed at once: for a failure
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        with self._lock:
            self._refusing = True
            for sock in self._open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self._open.clear()

    def up(self) -> None:
        with self._lock:
            self._refusing = False

    def close(self) -> None:
        self.down()
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        with self._lock:
            refusing = self._refusing
        if refusing:
            self.turned_away.append("down")
            client.close()
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError as exc:
            self.turned_away.append(f"upstream: {exc!r}")
            client.close()
            return
        upstream.settimeout(None)
        with self._lock:
            if self._refusing:  # went down meanwhile
                client.close()
                upstream.close()
                return
            self._open |= {client, upstream}
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


def _through(url: str, proxy: RestartingProxy) -> str:
    where = urlsplit(url)
    return url.replace(where.netloc, f"{where.username}@127.0.0.1:{proxy.port}", 1)


def _upstream(url: str) -> tuple[str, int]:
    where = urlsplit(url)
    return where.hostname or "127.0.0.1", where.port or 5432


CROSSING = {
    "surname": "NGUYEN",
    "given_names": "MINH",
    "nationality": "USA",
    "sex": "M",
    "port_code": "813",
    "lane": "nexus",
    "crossed_at": "2026-07-03T18:00:00Z",
}


# Unstable: in one CI run of three (two xdist workers, the machine loaded) the node's new
# connections through the proxy kept failing after the proxy was up again, and the test
# teardown's DROP SCHEMA then waited minutes for locks. Alone it passes; the cause (the
# proxy, or the shared server's connection limit) is not found yet.
@pytest.mark.unstable
def test_a_restart_under_load_answers_503_reconnects_and_loses_nothing_acknowledged(
    postgres_url: str, tmp_path: Path
) -> None:
    env = {"SMARTBORDER_DATABASE_URL": postgres_url, "SMARTBORDER_AGENCY": "CBSA"}
    set_up_node(env, tmp_path)
    officer = create_token(env, "officer-9", "officer", "CBSA")
    proxy = RestartingProxy(_upstream(postgres_url))
    served = {**env, "SMARTBORDER_DATABASE_URL": _through(postgres_url, proxy)}
    acknowledged: list[str] = []
    answers: list[tuple[float, int]] = []
    stop = threading.Event()

    def booth(base: str) -> None:
        with httpx2.Client(headers={"Authorization": f"Bearer {officer}"}, timeout=10) as http:
            while not stop.is_set():
                try:
                    answer = http.post(f"{base}/v1/crossings", json=CROSSING)
                except httpx2.TransportError:  # no answer in 10 s: the node hung
                    answers.append((time.monotonic(), 0))
                    continue
                answers.append((time.monotonic(), answer.status_code))
                if answer.status_code == 201:
                    acknowledged.append(answer.json()["id"])
                elif answer.status_code == 503:
                    assert answer.headers["Retry-After"]
                    time.sleep(0.05)

    try:
        with served_node(served, log=tmp_path / "node.log") as base:
            booths = [threading.Thread(target=booth, args=(base,)) for _ in range(2)]
            for thread in booths:
                thread.start()
            time.sleep(1.5)
            went_down = time.monotonic()
            proxy.down()
            time.sleep(2.0)
            came_back = time.monotonic()
            proxy.up()
            time.sleep(3.0)
            stop.set()
            for thread in booths:
                thread.join(timeout=30)
    finally:
        proxy.close()

    statuses = Counter(status for _, status in answers)
    why = Counter(proxy.turned_away)
    assert set(statuses) <= {201, 503}, (statuses, why, (tmp_path / "node.log").read_text()[-3000:])
    assert statuses[503] > 0  # the restart was felt
    assert any(201 == s and went_down > t for t, s in answers)
    # Back within seconds of the server (the pool finds its connections dead and opens
    # new ones), and every answer since the first is a 201.
    back = [t for t, s in answers if s == 201 and t > came_back]
    assert back, (statuses, why)  # the node never came back
    first_back = min(back)
    assert first_back - came_back < 2.5
    assert all(s == 201 for t, s in answers if t > first_back)
    # Nothing acknowledged is lost: every id answered 201 is in the store.
    stored = count(
        postgres_url,
        "SELECT count(*) FROM crossings WHERE id IN ({})".format(  # noqa: S608 - our own ids
            ",".join(f"'{i}'" for i in acknowledged)
        ),
    )
    assert stored == len(acknowledged) > 0
    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout, verified.stderr


def test_a_list_load_cut_off_by_a_restart_leaves_the_previous_version_live(
    postgres_url: str, tmp_path: Path
) -> None:
    env = {"SMARTBORDER_DATABASE_URL": postgres_url}
    set_up_node(env, tmp_path, lookouts=10)
    newer = lookouts_file(tmp_path / "lookouts-v2.csv", listed(20_000))
    args = ("lists", "load", str(newer), "--format", "csv", "--list-id", "cbsa-lookouts")
    proxy = RestartingProxy(_upstream(postgres_url))
    try:
        load = subprocess.Popen(
            [CLI, *args],
            env={**os.environ, "SMARTBORDER_DATABASE_URL": _through(postgres_url, proxy)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while count(postgres_url, "SELECT count(*) FROM lookouts") <= 10:  # staging begun
            assert load.poll() is None and time.monotonic() < deadline, load.communicate()
            time.sleep(0.02)
        proxy.down()
        _, err = load.communicate(timeout=60)
        proxy.up()
    finally:
        proxy.close()

    assert load.returncode == 1, err
    assert err.strip().splitlines()[-1].startswith("error: the database could not be reached")
    assert count(postgres_url, "SELECT entry_count FROM watch_lists") == 10
    live = (
        "SELECT count(*) FROM lookouts l JOIN watch_lists w "
        "ON l.list_id = w.list_id AND l.version = w.version"
    )
    assert count(postgres_url, live) == 10
    again = cli(env, *args)
    assert again.returncode == 0, again.stderr
    assert count(postgres_url, "SELECT count(*) FROM lookouts") == 20_000  # none left over
