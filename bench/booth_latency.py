"""Booth latency from the node's start and across list changes: `/v1/primary` per 5 s window.

A node is served with `smartborder serve` on a SQLite store holding the UN and OFAC lists
(../shared/data/lists), the demo's rules and ports. As soon as `/health` answers 200, a
second process sends booth reads to `POST /v1/primary` at a fixed rate (open loop: a late
answer does not delay the next request; each request is timed from the moment it was
due), so the first second after the node says it is up is measured too. 20 s in, another
process loads new list versions with the CLI, as an operator would: a small agency CSV,
then a new version of the OFAC file. The figures are p50, p99 and max per 5 s window and
overall, with the list loads' start and end.

    .venv/bin/python bench/booth_latency.py                   # 150 requests/s for 60 s
    .venv/bin/python bench/booth_latency.py --rate 200 --seconds 90
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Only what the load generator needs is imported here: it runs as its own process beside
# the node and must not spend the machine's two cores importing the node's code.
from common import LISTS_DATA, ROOT, SMARTBORDER, machine, percentile  # noqa: E402

DATA = LISTS_DATA
SECRET = "benchmark-secret-that-is-long-enough-0123456789"
WINDOW = 5.0
OFAC_TRIMMED = 40  # SDN rows left out of the OFAC version the node starts with
Loads = list[tuple[str, float, float]]  # what was loaded, from, to (wall time)


def prepare(work: Path, reads_needed: int) -> tuple[str, str, Path, Any]:
    """The store, an officer's token and the booth reads; returns (url, token, reads,
    the synthetic day: bench/soak.py sends its flights' messages too)."""
    from booth_reads import booth_reads, officer_token
    from clearance import make_day  # the clearance benchmark's synthetic day
    from smartborder.bootstrap import bootstrap
    from smartborder.clearance.ports import register_ports
    from smartborder.config import load_settings
    from smartborder.demo.clearance import install_targeting
    from smartborder.domain import Agency
    from smartborder.formats.lists import read_list
    from smartborder.lists.watchlists import load_list
    from smartborder.world import catalogue

    url = f"sqlite:///{work / 'node.db'}"
    day = make_day(max(20_000, reads_needed * 2))
    container = bootstrap(
        load_settings(environment="test", secret_key=SECRET, database_url=url), upgrade=True
    )
    register_ports(container.units(), catalogue.ports())
    # The node starts on an older OFAC version (the same file less a few entries), so
    # that loading the real file 20 s in is a new version of a big list.
    older = work / "ofac-older"
    shutil.copytree(DATA / "ofac", older)
    sdn = (older / "sdn.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (older / "sdn.csv").write_text("".join(sdn[:-OFAC_TRIMMED]), encoding="utf-8")
    for fmt, path, list_id in (
        ("un-xml", DATA / "un" / "consolidated.xml", "un-sc"),
        ("ofac-csv", older, "ofac-sdn"),
    ):
        load_list(container.units, read_list(path, fmt, list_id), agency=Agency.CBSA)
    install_targeting(container, day.planted)
    token = officer_token(container)
    container.close()
    path = work / "reads.json"
    path.write_text(json.dumps(booth_reads(day.planted, reads_needed)))
    return url, token, path, day


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base: str, server: subprocess.Popen[bytes], within: float = 300) -> float:
    """Seconds until `/health` answers 200 (the node says it is ready for booths)."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if server.poll() is not None:
            raise SystemExit("the node exited before it was up")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=1) as answer:
                if answer.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"the node did not answer /health in {within:.0f} s")


def change_lists(env: dict[str, str], work: Path) -> Loads:
    """Load a small agency CSV, then the new OFAC version; (what, start, end) wall times."""
    loads = (
        ("agency CSV", ROOT / "src/smartborder/demo/data/lookouts.csv", "csv", "cbsa-watch"),
        ("OFAC", DATA / "ofac", "ofac-csv", "ofac-sdn"),
    )
    done = []
    for what, path, fmt, list_id in loads:
        started = time.time()
        ran = subprocess.run(
            [str(SMARTBORDER), "lists", "load", str(path), "--format", fmt, "--list-id", list_id],
            env=env,
            capture_output=True,
            text=True,
            cwd=work,
        )
        if ran.returncode != 0:
            raise SystemExit(f"lists load {what} failed: {ran.stderr.strip()}")
        done.append((what, started, time.time()))
    return done


def report(
    samples: list[list[float]],
    origin: float,
    loads: list[tuple[str, float, float]],
    window: float = WINDOW,
) -> None:
    """Per-window and overall p50/p99/max of (due offset, latency ms, status) samples."""
    windows: dict[int, list[float]] = {}
    errors: dict[int, int] = {}
    for due, ms, status in samples:
        w = int(due // window)
        windows.setdefault(w, []).append(ms)
        errors[w] = errors.get(w, 0) + (status != 200)
    marks = {w: [] for w in windows}
    for what, start, end in loads:
        for w in windows:
            lo, hi = origin + w * window, origin + (w + 1) * window
            if start < hi and end > lo:
                marks[w].append(what)
    print("  window      requests   p50 ms   p99 ms   max ms  errors  list loads")
    for w in sorted(windows):
        ms = windows[w]
        print(
            f"  {w * window:4.0f}-{(w + 1) * window:<4.0f} s  {len(ms):8,}"
            f"  {percentile(ms, 50):7.1f}  {percentile(ms, 99):7.1f}  {max(ms):7.1f}"
            f"  {errors[w]:6}  {', '.join(marks[w])}"
        )
    every = [ms for _, ms, _ in samples]
    first = [ms for due, ms, _ in samples if due < 1.0]
    print(
        f"  overall: {len(every):,} requests, p50 {percentile(every, 50):.1f} ms, "
        f"p99 {percentile(every, 99):.1f} ms, max {max(every):.1f} ms; "
        f"first second: p99 {percentile(first, 99):.1f} ms, max {max(first):.1f} ms"
    )
    for what, start, end in loads:
        print(f"  {what} loaded from {start - origin:.1f} s to {end - origin:.1f} s")


def run(rate: int, seconds: int, change_at: float) -> None:
    print(machine())
    work = Path(tempfile.mkdtemp(prefix="sb-booth-"))
    try:
        began = time.perf_counter()
        url, token, reads, _ = prepare(work, rate * seconds + 10)
        print(f"store with UN and OFAC prepared in {time.perf_counter() - began:.0f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "SMARTBORDER_DATABASE_URL": url,
            "SMARTBORDER_ENVIRONMENT": "test",
            "SMARTBORDER_SECRET_KEY": SECRET,
            "SMARTBORDER_AGENCY": "CBSA",
        }
        server = subprocess.Popen(
            [str(SMARTBORDER), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            up = wait_until_up(base, server)
            print(f"node up (/health 200) {up:.1f} s after `serve` started")
            driver = subprocess.Popen(
                [sys.executable, __file__, "--drive", base, "--token", token]
                + ["--reads", str(reads), "--rate", str(rate), "--seconds", str(seconds)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert driver.stdout is not None
            origin = float(driver.stdout.readline())  # the wall time the first request was due
            time.sleep(max(0.0, origin + change_at - time.time()))
            loads = change_lists(env, work)
            out, _ = driver.communicate(timeout=seconds + 300)
            samples = json.loads(out)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        print(
            f"POST /v1/primary at {rate} requests/s for {seconds} s from a second process, "
            f"from the moment /health said 200; lists loaded {change_at:.0f} s in:"
        )
        report(samples, origin, loads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _Connection:
    """One keep-alive HTTP/1.1 connection, written and read by hand (as bench/clearance.py:
    a general-purpose client would spend the processor the node under test needs)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def send(self, request: bytes) -> int:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return int(head.split(b" ", 2)[1])


async def drive(base: str, token: str, reads: list[object], rate: int, seconds: int) -> None:
    """Send the reads at ``rate``; print the start's wall time, then the samples as JSON."""
    host, port = base.removeprefix("http://").split(":")

    def request(body: object) -> bytes:
        payload = json.dumps(body).encode()
        return (
            f"POST /v1/primary HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode() + payload

    # Fewer reads than requests are sent again in turn: a traveller crossing twice is
    # still a booth read.
    prepared = [request(body) for body in reads]
    idle: list[_Connection] = []

    async def send(data: bytes) -> int:
        conn = idle.pop() if idle else _Connection(*await asyncio.open_connection(host, port))
        try:
            status = await conn.send(data)
        except (asyncio.IncompleteReadError, ConnectionError):
            conn = _Connection(*await asyncio.open_connection(host, port))
            status = await conn.send(data)
        idle.append(conn)
        return status

    samples: list[list[float]] = []

    async def one(data: bytes, due: float, offset: float) -> None:
        try:
            status = await send(data)
        except (OSError, asyncio.IncompleteReadError):  # refused or reset: an error
            status = 0
        samples.append([offset, (time.perf_counter() - due) * 1000, status])

    start = time.perf_counter() + 0.05
    print(time.time() + 0.05, flush=True)
    running: set[asyncio.Task[None]] = set()
    for n in range(rate * seconds):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        task = asyncio.create_task(one(prepared[n % len(prepared)], due, n / rate))
        running.add(task)
        task.add_done_callback(running.discard)
    await asyncio.gather(*running)
    print(json.dumps(samples), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=int, default=150, help="booth reads per second")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--change-at", type=float, default=20.0, help="seconds in: load lists")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # the load generator's own run
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--reads", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        reads = json.loads(Path(args.reads).read_text())
        asyncio.run(drive(args.drive, args.token, reads, args.rate, args.seconds))
        return
    run(args.rate, args.seconds, args.change_at)


if __name__ == "__main__":
    main()
