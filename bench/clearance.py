"""Traveller clearance benchmark: travellers/s end to end, and `/v1/primary` under load.

End to end means what a node does with a day's traffic as it arrives: read each carrier's
PAXLST and PNRGOV, read each booth's MRZ, look the travellers up in the store, screen them
against the real UN and OFAC lists (../shared/data/lists), run the rules, check NEXUS
lanes, decide, and store decisions, hits, crossing records and audit entries. The day
is the demo's synthetic day (30% by air); its messages are written before the clock
starts. Each run starts from a fresh store; the figure is the median of the runs.

The latency part serves a node with `smartborder serve` and sends booth reads to
`POST /v1/primary` from a second process at a fixed rate (open loop: a late answer does
not delay the next request), timing each request from the moment it was due.

    .venv/bin/python bench/clearance.py                       # 100,000 travellers, 3 runs
    .venv/bin/python bench/clearance.py --travellers 300000   # the demo's full day
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import create_engine, text  # noqa: E402

from booth_reads import booth_reads, officer_token  # noqa: E402
from common import LISTS_DATA, ROOT, SMARTBORDER, machine, percentile  # noqa: E402
from smartborder.accounts.service import ensure_user  # noqa: E402
from smartborder.bootstrap import Container, bootstrap  # noqa: E402
from smartborder.clearance.batch import AirMessage, BatchResult, clear_day  # noqa: E402
from smartborder.clearance.land import BoothRead  # noqa: E402
from smartborder.clearance.pipeline import ScreeningPool  # noqa: E402
from smartborder.clearance.ports import register_ports  # noqa: E402
from smartborder.config import load_settings  # noqa: E402
from smartborder.demo.clearance import install_targeting  # noqa: E402
from smartborder.demo.messages import booth_read, paxlst_of, pnrgov_of  # noqa: E402
from smartborder.demo.screening import load_demo_lookouts  # noqa: E402
from smartborder.domain import Agency, Role, User  # noqa: E402
from smartborder.formats.lists import read_list  # noqa: E402
from smartborder.lists.watchlists import load_list  # noqa: E402
from smartborder.world import catalogue  # noqa: E402
from smartborder.world.day import People, generate_day, partner_pair  # noqa: E402
from smartborder.world.flights import generate_flights  # noqa: E402
from smartborder.world.plants import PlantedDay, plant  # noqa: E402

DATA = LISTS_DATA
SECRET = "benchmark-secret-that-is-long-enough-0123456789"
DAY = date(2026, 7, 3)
AIR_SHARE = 0.3


@dataclass
class Day:
    planted: PlantedDay
    air: list[AirMessage]
    land: dict[Agency, list[BoothRead]]

    @property
    def travellers(self) -> int:
        flying = sum(len(f.passengers) + len(f.crew) for f in self.planted.flights)
        return flying + sum(len(r) for r in self.land.values())


def make_day(travellers: int, seed: int = 7) -> Day:
    pair = partner_pair(catalogue.ports(), "813")
    by_air = round(travellers * AIR_SHARE)
    land = generate_day(pair, day=DAY, seed=seed, travellers=travellers - by_air, shipments=0)
    flights = generate_flights(
        random.Random(seed + 2), People(random.Random(seed + 1), DAY), DAY, by_air
    )
    lookouts = list(
        read_list(ROOT / "src/smartborder/demo/data/lookouts.csv", "csv", "demo-lookouts").lookouts
    )
    planted = plant(random.Random(seed + 3), DAY, flights, land.land, lookouts, "+1 604 555 0101")
    air = [
        AirMessage(f.agency, paxlst_of(f, n), pnrgov_of(f, n))
        for n, f in enumerate(planted.flights, start=1)
    ]
    reads: dict[Agency, list[BoothRead]] = {agency: [] for agency in Agency}
    for arrival in sorted(planted.land, key=lambda a: a.arrived_at):
        reads[arrival.agency].append(booth_read(arrival))
    return Day(planted, air, reads)


def prepare_node(url: str, day: Day) -> Container:
    """A node with its ports, the real lists, the demo's rules and the NEXUS registry."""
    settings = load_settings(environment="test", secret_key=SECRET, database_url=url)
    container = bootstrap(settings, upgrade=True)
    register_ports(container.units(), catalogue.ports())
    for fmt, path, list_id in (
        ("un-xml", DATA / "un" / "consolidated.xml", "un-sc"),
        ("ofac-csv", DATA / "ofac", "ofac-sdn"),
    ):
        load_list(container.units, read_list(path, fmt, list_id), agency=Agency.CBSA)
    load_demo_lookouts(container)
    install_targeting(container, day.planted)
    return container


def clear(container: Container, day: Day) -> BatchResult:
    def users(role: Role) -> dict[Agency, User]:
        return {
            a: ensure_user(
                container.units(),
                name=f"bench-{role}",
                role=role,
                agency=a,
                secret=container.secret,
            )
            for a in Agency
        }

    assessors = {a: container.clearance.assessor(a) for a in Agency}  # builds the engine
    with ScreeningPool(container.live_engine.engine(container.units())) as pool:
        air = clear_day(
            container.units,
            assessors,
            users(Role.ANALYST),
            air=day.air,
            pool=pool,
        )
        land = clear_day(
            container.units,
            assessors,
            users(Role.OFFICER),
            land=day.land,
            pool=pool,
        )
    air.decisions += land.decisions
    air.land_travellers, air.land_seconds = land.land_travellers, land.land_seconds
    return air


def postgres_schema(base: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}", schema


def drop_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def end_to_end(backend: str, day: Day, runs: int, postgres: str | None) -> None:
    rates = []
    for run in range(1, runs + 1):
        work = Path(tempfile.mkdtemp(prefix="sb-bench-"))
        schema = None
        if backend == "sqlite":
            url = f"sqlite:///{work / 'node.db'}"
        else:
            assert postgres
            url, schema = postgres_schema(postgres)
        try:
            container = prepare_node(url, day)
            result = clear(container, day)
            container.close()
        finally:
            if schema:
                drop_schema(postgres or "", schema)
            shutil.rmtree(work, ignore_errors=True)
        seconds = result.air_seconds + result.land_seconds
        rates.append(len(result.decisions) / seconds)
        print(
            f"  {backend} run {run}: {len(result.decisions):,} travellers in {seconds:.1f} s "
            f"= {rates[-1]:,.0f}/s (air {result.air_travellers / result.air_seconds:,.0f}/s, "
            f"land {result.land_travellers / result.land_seconds:,.0f}/s)",
            flush=True,
        )
    median = statistics.median(rates)
    print(
        f"{backend}: median {median:,.0f} travellers/s end to end over {runs} runs; "
        f"a 300,000-traveller day in {300_000 / median:.0f} s"
        + (
            f" (target >= 3,000/s: {'met' if median >= 3000 else 'NOT met'})"
            if backend == "sqlite"
            else ""
        )
    )


# --- /v1/primary under load ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def latency(day: Day, rate: int, seconds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="sb-bench-serve-"))
    url = f"sqlite:///{work / 'node.db'}"
    container = prepare_node(url, day)
    officer = officer_token(container)
    container.close()
    reads = booth_reads(day.planted, rate * seconds + 200)
    reads_file = work / "reads.json"
    reads_file.write_text(json.dumps(reads))
    port = free_port()
    env = {
        **os.environ,
        "SMARTBORDER_DATABASE_URL": url,
        "SMARTBORDER_ENVIRONMENT": "test",
        "SMARTBORDER_SECRET_KEY": SECRET,
        "SMARTBORDER_AGENCY": "CBSA",
    }
    server = subprocess.Popen(
        [str(SMARTBORDER), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        load = subprocess.run(
            [
                sys.executable,
                __file__,
                "--load",
                f"http://127.0.0.1:{port}",
                "--token",
                officer,
                "--reads",
                str(reads_file),
                "--rate",
                str(rate),
                "--seconds",
                str(seconds),
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
        print(load.stdout.strip() or load.stderr.strip())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


class _Connection:
    """One keep-alive HTTP/1.1 connection, written and read by hand.

    A general-purpose client spends about a millisecond of processor per request; on a
    two-core machine that shares the processor with the node under test, it would be
    measuring itself. Requests here are bytes prepared in advance.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def send(self, request: bytes) -> int:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status


async def _load(
    base: str, token: str, reads: list[dict[str, object]], rate: int, seconds: int
) -> None:
    host, port = base.removeprefix("http://").split(":")

    def request(body: dict[str, object]) -> bytes:
        payload = json.dumps(body).encode()
        return (
            f"POST /v1/primary HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode() + payload

    idle: list[_Connection] = []

    async def connection() -> _Connection:
        if idle:
            return idle.pop()
        return _Connection(*await asyncio.open_connection(host, int(port)))

    for _ in range(120):  # the node is up before anything is sent
        try:
            idle.append(await connection())
            break
        except OSError:
            await asyncio.sleep(0.25)
    prepared = [request(body) for body in reads]

    async def send(data: bytes) -> int:
        conn = await connection()
        try:
            status = await conn.send(data)
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed a keep-alive connection that sat idle: open another.
            conn = _Connection(*await asyncio.open_connection(host, int(port)))
            status = await conn.send(data)
        idle.append(conn)
        return status

    for warm in prepared[:50]:  # the engine is built before the clock starts
        await send(warm)
    latencies: list[float] = []
    errors = 0

    async def one(data: bytes, due: float) -> None:
        nonlocal errors
        status = await send(data)
        latencies.append(time.perf_counter() - due)
        errors += status != 200

    tasks = []
    start = time.perf_counter() + 0.1
    for n, data in enumerate(prepared[50 : 50 + rate * seconds]):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(data, due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    ms = [x * 1000 for x in latencies]
    print(
        f"POST /v1/primary at {rate} requests/s for {seconds} s from a second process: "
        f"{len(ms):,} requests ({len(ms) / elapsed:,.0f}/s achieved), {errors} errors; "
        f"p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms, "
        f"max {max(ms):.1f} ms"
        + f" (target p99 <= 50 ms: {'met' if percentile(ms, 99) <= 50 else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--travellers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SMARTBORDER_TEST_POSTGRES_URL"),
        help="A PostgreSQL URL (default: SMARTBORDER_TEST_POSTGRES_URL).",
    )
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument(
        "--skip", choices=("sqlite", "postgres", "latency"), action="append", default=[]
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)  # the load generator's own run
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--reads", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        reads = json.loads(Path(args.reads).read_text())
        asyncio.run(_load(args.load, args.token, reads, args.rate, args.seconds))
        return
    print(machine())
    started = time.perf_counter()
    day = make_day(args.travellers)
    print(
        f"day: {day.travellers:,} travellers ({len(day.air)} flights as PAXLST + PNRGOV, "
        f"{sum(len(r) for r in day.land.values()):,} booth reads) written in "
        f"{time.perf_counter() - started:.1f} s; lists: UN and OFAC from {DATA}, "
        f"at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    if "sqlite" not in args.skip:
        end_to_end("sqlite", day, args.runs, None)
    if "postgres" not in args.skip:
        if args.postgres:
            end_to_end("postgres", day, args.runs, args.postgres)
        else:
            print("postgres: skipped (no --postgres URL or SMARTBORDER_TEST_POSTGRES_URL)")
    if "latency" not in args.skip:
        latency(day, args.rate, args.seconds)


if __name__ == "__main__":
    main()
