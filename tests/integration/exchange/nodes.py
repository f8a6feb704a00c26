"""Real nodes for the integration tests: ``smartborder serve`` processes on loopback.

Each node is its own process with its own database, configured only through the public
settings (SMARTBORDER_AGENCY, _NODE_KEY, _PARTNER_URL, _PARTNER_KEY, _AGREEMENT), as an
agency would run it. ``CuttingProxy`` sits between two nodes and can drop the partner's
answer after the partner received and applied the message.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from smartborder.accounts.service import create_user
from smartborder.bootstrap import Container, bootstrap
from smartborder.clearance.ports import register_ports
from smartborder.config import load_settings
from smartborder.domain import Agency, Role
from smartborder.exchange.outbox import delivery_status
from tests.conftest import TEST_SECRET
from tests.unit.exchange.support import PORTS

AGREEMENTS = Path(__file__).parents[3] / "examples" / "agreements"
EXAMPLE = AGREEMENTS / "entry-exit.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], what: str, timeout: float = 90.0) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartborder.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass
class Node:
    agency: str
    database_url: str
    home: Path
    port: int = field(default_factory=free_port)
    partner_url: str = ""
    partner_key: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    agreement: Path = EXAMPLE  # a file, or a folder of agreements (AGREEMENTS: all of them)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def key_dir(self) -> Path:
        return self.home / "keys"

    def env(self) -> dict[str, str]:
        assert self.partner_key is not None, "connect the nodes first"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTBORDER_")}
        env.update(
            SMARTBORDER_ENVIRONMENT="test",
            SMARTBORDER_SECRET_KEY=TEST_SECRET,
            SMARTBORDER_DATABASE_URL=self.database_url,
            SMARTBORDER_AGENCY=self.agency,
            SMARTBORDER_NODE_KEY=str(self.key_dir / "node.key"),
            SMARTBORDER_PARTNER_URL=self.partner_url,
            SMARTBORDER_PARTNER_KEY=str(self.partner_key),
            SMARTBORDER_AGREEMENT=str(self.agreement),
            SMARTBORDER_RELAY_MAX_BACKOFF_SECONDS="1",
            **self.extra_env,
        )
        return env

    def prepare(self) -> None:
        """Keys, schema and ports: what an agency sets up once before serving."""
        self.home.mkdir(parents=True, exist_ok=True)
        result = cli({**os.environ}, "exchange", "keygen", "--out", str(self.key_dir))
        assert result.returncode == 0, result.stderr
        settings = load_settings(
            environment="test", secret_key=TEST_SECRET, database_url=self.database_url
        )
        container = bootstrap(settings, upgrade=True)
        register_ports(container.units(), PORTS)
        container.close()

    def user(self, name: str, role: str) -> str:
        """A bearer token for a new user (created in-process: the CLI costs seconds)."""
        with self.container() as container:
            created = create_user(
                container.units(),
                name=name,
                role=Role(role),
                agency=Agency(self.agency),
                secret=TEST_SECRET,
            )
        return created.token

    @contextmanager
    def container(self, *, configured: bool = False) -> Iterator[Container]:
        """This node's database, opened from the test process (beside the server);
        ``configured``: with its exchange settings too, so that entries are queued."""
        exchange: dict[str, object] = {}
        if configured:
            exchange = {
                "agency": self.agency,
                "node_key": self.key_dir / "node.key",
                "partner_url": self.partner_url,
                "partner_key": self.partner_key,
                "agreement": self.agreement,
            }
        settings = load_settings(
            environment="test", secret_key=TEST_SECRET, database_url=self.database_url, **exchange
        )
        container = bootstrap(settings)
        try:
            yield container
        finally:
            container.close()

    def pending(self) -> int:
        with self.container() as container:
            return delivery_status(container.units()).pending

    def delivered(self) -> int:
        with self.container() as container:
            return delivery_status(container.units()).delivered

    def start(self) -> None:
        with (self.home / "serve.log").open("ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "smartborder.cli.main",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(self.healthy, f"{self.agency} node to answer /health", timeout=60)

    def healthy(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            log = (self.home / "serve.log").read_text(errors="replace")[-3000:]
            raise AssertionError(f"{self.agency} node exited:\n{log}")
        try:
            # A client per call, closed on the way out even when the call fails half-way.
            with httpx2.Client(timeout=2) as client:
                return client.get(f"{self.url}/health").status_code == 200
        except httpx2.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a power cut would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def status(self) -> dict[str, Any]:
        result = cli(self.env(), "exchange", "status", "--json")
        assert result.returncode == 0, result.stderr
        value: dict[str, Any] = json.loads(result.stdout)
        return value


def connect(a: Node, b: Node, *, a_reaches_b_at: str | None = None) -> None:
    a.partner_url, a.partner_key = a_reaches_b_at or b.url, b.key_dir / "node.pub"
    b.partner_url, b.partner_key = a.url, a.key_dir / "node.pub"


class CuttingProxy:
    """A TCP proxy that can lose the partner's answer after the partner applied a message.

    ``drop_answers = n`` closes both sides of the next ``n`` connections the moment the
    partner starts answering: the request was received and committed (the inbox answers
    only after its commit), the answer never reaches the sender.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.drop_answers = 0
        self.dropped = 0
        self.requests_seen = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stopped = True
        self._server.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if answers:
                    with self._lock:
                        drop = self.drop_answers > 0
                        if drop:
                            self.drop_answers -= 1
                            self.dropped += 1
                    if drop:
                        break
                elif data.startswith(b"POST "):
                    with self._lock:
                        self.requests_seen += 1
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
