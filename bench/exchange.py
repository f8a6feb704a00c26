"""Records delivered between two nodes on loopback, and the delay from entry to exit record.

Two ``smartborder serve`` processes (CBSA and CBP), each on its own SQLite database,
configured only through the public settings, exchange entries under the shipped phase
III agreement. Entries are written into CBSA's database by this script through
``clearance.record_entries`` with the node's outbox, the same transaction that
``POST /v1/crossings`` runs (the HTTP front of that call is not what is measured here);
CBSA's relay, inside ``serve``, sends them to CBP over HTTP. The delay runs from the
entry's commit at CBSA to CBP's ``recorded_at`` of the exit record, which CBP takes as it
applies the message (a few milliseconds before its commit).

1. Both up: entries at a steady offered rate (default 1,000/s, twice the target, so that
   the delivered rate shows what the link carries, not what was offered); delivered
   records/s and the delay from the entry's commit at CBSA to CBP applying its exit
   record (p50, p99).
2. Partner outage: CBP is killed, a backlog is recorded at CBSA, CBP is started again;
   the backlog's drain rate from the moment CBP answers /health to its last exit
   record. Repeated; the median is printed.

    python bench/exchange.py [--rate 1000] [--seconds 20] [--backlog 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx2
from sqlalchemy import create_engine, text

from common import machine, percentile
from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container, bootstrap
from smartborder.clearance.crossings import record_entries
from smartborder.clearance.ports import register_ports
from smartborder.config import load_settings
from smartborder.domain import (
    Agency,
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    PortOfEntry,
    Role,
    Sex,
    TravelDocument,
    User,
)
from smartborder.exchange.keys import write_key_pair

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "examples" / "agreements" / "entry-exit.yaml"
SECRET = "benchmark-secret-that-is-long-enough-0123456789"
PORTS = (
    PortOfEntry(
        code="813",
        name="Pacific Highway, BC",
        agency=Agency.CBSA,
        lanes=(LaneType.GENERAL, LaneType.NEXUS),
        partner_port_code="3004",
    ),
    PortOfEntry(
        code="3004",
        name="Blaine, WA",
        agency=Agency.CBP,
        lanes=(LaneType.GENERAL, LaneType.NEXUS),
        partner_port_code="813",
    ),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Node:
    def __init__(self, agency: Agency, home: Path) -> None:
        self.agency = agency
        self.home = home
        self.port = free_port()
        self.db = home / "node.db"
        self.process: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}
        home.mkdir(parents=True)
        write_key_pair(home / "keys")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def configure(self, partner: Node) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTBORDER_")}
        self.env.update(
            SMARTBORDER_ENVIRONMENT="test",
            SMARTBORDER_SECRET_KEY=SECRET,
            SMARTBORDER_DATABASE_URL=f"sqlite:///{self.db}",
            SMARTBORDER_AGENCY=str(self.agency),
            SMARTBORDER_NODE_KEY=str(self.home / "keys" / "node.key"),
            SMARTBORDER_PARTNER_URL=partner.url,
            SMARTBORDER_PARTNER_KEY=str(partner.home / "keys" / "node.pub"),
            SMARTBORDER_AGREEMENT=str(AGREEMENT),
            SMARTBORDER_RELAY_MAX_BACKOFF_SECONDS="1",
        )

    def container(self) -> Container:
        """This node's store and exchange services, opened from the benchmark's process."""
        settings = load_settings(
            **{
                k.removeprefix("SMARTBORDER_").lower(): v
                for k, v in self.env.items()
                if k.startswith("SMARTBORDER_")
            }
        )
        return bootstrap(settings, upgrade=True)

    def start(self) -> float:
        """Start ``serve``; the wall-clock time at which it first answers /health."""
        with (self.home / "serve.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "smartborder.cli.main", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        with httpx2.Client(timeout=1) as client:
            while time.monotonic() < deadline:
                try:
                    if client.get(f"{self.url}/health").status_code == 200:
                        return time.time()
                except httpx2.HTTPError:
                    pass
                time.sleep(0.02)
        raise SystemExit(f"{self.agency} node did not start; see {self.home / 'serve.log'}")

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


def entries(start: int, count: int) -> list[CrossingRecord]:
    base = datetime(2026, 7, 3, 8, tzinfo=UTC)
    return [
        CrossingRecord(
            agency=Agency.CBSA,
            direction=Direction.ENTRY,
            name=PersonName(surname=f"TRAVELLER{n}", given_names=("ALEX",)),
            birth_date=date(1970 + n % 40, 1 + n % 12, 1 + n % 28),
            nationality="CAN" if n % 3 else "USA",
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
            document=TravelDocument(
                type=DocumentType.PASSPORT,
                number=f"GA{n:07d}",
                issuing_state="CAN",
                expiry_date=date(2031, 1, 1),
            ),
            port_code="813",
            lane=LaneType.GENERAL,
            crossed_at=base + timedelta(milliseconds=n * 37),
        )
        for n in range(start, start + count)
    ]


class Feeder:
    """Records entries at CBSA (with the outbox) and notes when each one was committed."""

    def __init__(self, container: Container, officer: User) -> None:
        self.container = container
        self.officer = officer
        self.committed: dict[str, float] = {}
        self.next = 0

    def record(self, count: int) -> None:
        batch = entries(self.next, count)
        self.next += count
        record_entries(
            self.container.units(), self.officer, batch, outbox=self.container.entry_outbox
        )
        now = time.time()
        for record in batch:
            self.committed[record.id] = now

    def steady(self, rate: int, seconds: float, tick: float = 0.05) -> None:
        per_tick = max(1, round(rate * tick))
        started = time.monotonic()
        for n in range(round(seconds / tick)):
            self.record(per_tick)
            wait = started + (n + 1) * tick - time.monotonic()
            if wait > 0:
                time.sleep(wait)


def received(db: Path) -> dict[str, float]:
    """partner id -> when CBP applied it (its recorded_at), for every exit record at CBP."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT partner_id, recorded_at FROM crossings WHERE direction = 'exit'")
        ).all()
    engine.dispose()
    return {
        str(pid): datetime.fromisoformat(str(at)).replace(tzinfo=UTC).timestamp()
        for pid, at in rows
    }


def count_exits(db: Path) -> int:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        n = connection.execute(
            text("SELECT count(*) FROM crossings WHERE direction = 'exit'")
        ).scalar_one()
    engine.dispose()
    return int(n)


def wait_until(db: Path, total: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while count_exits(db) < total:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {count_exits(db)} of {total} records arrived in {timeout} s")
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=1000, help="offered entries per second")
    parser.add_argument("--seconds", type=float, default=20, help="length of the steady phase")
    parser.add_argument("--backlog", type=int, default=20_000, help="records recorded in outage")
    parser.add_argument("--runs", type=int, default=3, help="outage/drain repetitions")
    args = parser.parse_args()

    print(machine())
    with tempfile.TemporaryDirectory(prefix="sb-exchange-") as tmp:
        cbsa, cbp = Node(Agency.CBSA, Path(tmp) / "cbsa"), Node(Agency.CBP, Path(tmp) / "cbp")
        cbsa.configure(cbp)
        cbp.configure(cbsa)
        for node in (cbsa, cbp):
            setup = node.container()
            register_ports(setup.units(), PORTS)
            setup.close()
        container = cbsa.container()
        officer = ensure_user(
            container.units(),
            name="bench-officer",
            role=Role.OFFICER,
            agency=Agency.CBSA,
            secret=SECRET,
        )
        feeder = Feeder(container, officer)
        try:
            cbsa.start()
            cbp.start()
            feeder.record(50)  # warm-up: connections, caches
            wait_until(cbp.db, 50, 30)

            # 1. Both nodes up, steady offered load.
            before = set(feeder.committed)
            feeder.steady(args.rate, args.seconds)
            steady_ids = [i for i in feeder.committed if i not in before]
            wait_until(cbp.db, len(feeder.committed), 120)
            arrived = received(cbp.db)
            delays = [arrived[i] - feeder.committed[i] for i in steady_ids]
            first = min(feeder.committed[i] for i in steady_ids)
            last = max(arrived[i] for i in steady_ids)
            print(
                f"both up: {len(steady_ids):,} entries offered at {args.rate}/s for "
                f"{args.seconds:.0f} s; delivered {len(steady_ids) / (last - first):,.0f} "
                f"records/s; delay entry -> partner's exit record "
                f"p50 {percentile(delays, 50) * 1000:,.0f} ms, "
                f"p99 {percentile(delays, 99) * 1000:,.0f} ms, max {max(delays) * 1000:,.0f} ms"
            )
            delivered = len(steady_ids) / (last - first)
            p99 = percentile(delays, 99)
            met = "met" if delivered >= 500 and p99 <= 2.0 else "NOT met"
            print(f"  (targets >= 500 records/s and p99 <= 2 s while both are up: {met})")

            # 2. Partner outage, backlog, restart, drain.
            rates, first_waits = [], []
            for run in range(args.runs):
                cbp.kill()
                before = set(feeder.committed)
                for _ in range(args.backlog // 1000):
                    feeder.record(1000)
                backlog_ids = [i for i in feeder.committed if i not in before]
                time.sleep(1.5)  # let the relay find the partner gone and back off
                back = cbp.start()
                wait_until(cbp.db, len(feeder.committed), 600)
                arrived = received(cbp.db)
                times = [arrived[i] for i in backlog_ids]
                # The relay may reach the partner a few ms before our /health poll does.
                start = min(back, min(times))
                rates.append(len(backlog_ids) / (max(times) - start))
                first_waits.append(min(times) - start)
                print(
                    f"  outage run {run + 1}: {len(backlog_ids):,} backlog records drained in "
                    f"{max(times) - start:.2f} s after the partner answered "
                    f"({rates[-1]:,.0f} records/s; first exit record after "
                    f"{first_waits[-1]:.2f} s)"
                )
            print(
                f"after an outage: backlog of {args.backlog:,} drained at median "
                f"{statistics.median(rates):,.0f} records/s over {args.runs} runs "
                f"(median wait for the first record {statistics.median(first_waits):.2f} s; "
                f"target >= 500 records/s: "
                f"{'met' if statistics.median(rates) >= 500 else 'NOT met'})"
            )
            exits = count_exits(cbp.db)
            print(
                f"check: {len(feeder.committed):,} entries recorded, {exits:,} exit records "
                f"at the partner, {len(received(cbp.db)):,} distinct partner ids"
            )
        finally:
            container.close()
            cbsa.stop()
            cbp.stop()


if __name__ == "__main__":
    main()
