"""Run real ``smartborder`` processes for integration tests: the CLI and a served node."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2

from smartborder.lists.unit import ListsUnit
from smartborder.lists.watchlists import Pacer, build_engine
from smartborder.screening import ScreeningEngine

CLI = str(Path(sys.executable).with_name("smartborder"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(
    env: dict[str, str], *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLI, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def create_token(env: dict[str, str], name: str, role: str, agency: str) -> str:
    result = cli(env, "users", "create", "--name", name, "--role", role, "--agency", agency)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@contextmanager
def served_node(
    env: dict[str, str], *, log: Path, start_within: float = 30, args: Sequence[str] = ()
) -> Iterator[str]:
    """A ``smartborder serve`` process on a free loopback port; yields its base URL.

    ``start_within`` seconds to answer ``/health``: more for a node on a busy machine;
    ``args``, more of ``serve``'s options.
    """
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [CLI, "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_within
        while True:
            if process.poll() is not None:
                raise AssertionError(f"node exited early:\n{log.read_text()}")
            try:
                if httpx2.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"node did not answer in {start_within:.0f} s:\n{log.read_text()}"
                )
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def served_app(app: Any, *, start_within: float = 10) -> Iterator[str]:
    """An ASGI ``app`` served by uvicorn in a thread of this process, on a loopback socket
    bound before it starts (no race for the port); yields its base URL. For tests that
    need the node's objects at hand; ``served_node`` runs a real ``smartborder serve``."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_within
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError(f"the app did not start in {start_within:.0f} s")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class GatedBuild:
    """Builds the engine as the node does, but a held build waits until the gate opens
    (or raises ``fail`` then): the test sees what is served in the meantime."""

    def __init__(self) -> None:
        self.hold = False
        self.started = threading.Event()
        self.gate = threading.Event()
        self.fail: Exception | None = None

    def __call__(self, uow: ListsUnit, pace: Pacer | None) -> ScreeningEngine:
        if self.hold:
            self.started.set()
            assert self.gate.wait(30), "the test never opened the gate"
            if self.fail is not None:
                raise self.fail
        return build_engine(uow, pace)
