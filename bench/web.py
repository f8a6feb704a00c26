"""Web benchmark: the console's pages with a whole day stored, the public page under load.

A node is served with `smartborder serve` (2 worker processes) on a SQLite store holding
a cleared day of ``--travellers`` (300,000 by default: the demo's day, cleared as
bench/clearance.py clears it, with the real UN and OFAC lists, the demo's rules and
planted lookouts, so that the hit queue holds the hits such a day raises) and the wait
times of every crossing. Then, over loopback HTTP from this process:

- a supervisor signs in and states a purpose, and each console page is asked
  ``--requests`` times, one after another (after five unmeasured): the console's home,
  the hit queue in English and in French, the queue filtered by a port, a hit's review
  page, the day's flights, the first flight's travellers, the booth's form, the audit
  log and who read a hit, the rules' versions and the live rule set, operations at one
  port, a port's day of goods (``--shipments`` on trucks through Douglas and its partner
  port, taken in as the demo takes them, Douglas's examination queue built) and one
  shipment, the watch lists, information sharing, the disposition of a hit (a POST, each
  on another open hit) and a booth decision (a POST of one of the day's documents, each
  another); then three backtests of the live rules over the day (work, not a page:
  reported with no target). The time is the client's, from the request's first byte to
  the response's last, on loopback: the server's time and well under a millisecond of
  the network's;
- the public wait-times page and one crossing's page at ``--rate`` requests a second for
  ``--seconds``, open loop (each request timed from the moment it was due, so that a
  late answer is not hidden by the next request waiting for it), without
  ``If-None-Match``: each answer is a full page.

Targets (issue 15): console pages p95 <= 100 ms; the public page p95 <= 50 ms at 200/s.

    .venv/bin/python bench/web.py                         # the full day
    .venv/bin/python bench/web.py --travellers 30000      # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookies
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from booth_reads import booth_reads  # noqa: E402
from clearance import (  # noqa: E402
    DAY,
    SECRET,
    _Connection,
    clear,
    free_port,
    make_day,
    prepare_node,
)
from common import SMARTBORDER, machine, percentile  # noqa: E402
from smartborder.accounts.service import ensure_user  # noqa: E402
from smartborder.accounts.sign_in import set_password  # noqa: E402
from smartborder.bootstrap import Container  # noqa: E402
from smartborder.demo.goods import CAPACITY_SHARE, WATCH_LIST  # noqa: E402
from smartborder.demo.goods_world import Truth, document  # noqa: E402
from smartborder.domain import Agency, LaneType, Role  # noqa: E402
from smartborder.domain.clock import utc_now  # noqa: E402
from smartborder.domain.waits import LaneWait, WaitSource  # noqa: E402
from smartborder.goods.examinations import build_queue  # noqa: E402
from smartborder.goods.parties import InMemoryPartyScreener  # noqa: E402
from smartborder.goods.shipments import IntakeRules, submit_manifest  # noqa: E402
from smartborder.waits import record_waits  # noqa: E402
from smartborder.world import catalogue  # noqa: E402
from smartborder.world.day import IMPORTERS, generate_day, partner_pair  # noqa: E402

CONSOLE_P95_MS = 100.0
PUBLIC_P95_MS = 50.0
PASSWORD = "bench-password-long-enough"
BACKTEST = "a backtest of the day (POST)"


def store_goods(container: Container, shipments: int) -> None:
    """The day's trucks at Douglas (813) and its partner port: ``shipments`` shipments,
    their eManifests taken in as the demo takes them (each trip's lanes decided), then
    813's examination queue built under the demo's capacity."""
    rng = random.Random(11)
    pair = partner_pair(catalogue.ports(), "813")
    trucks = generate_day(pair, day=DAY, seed=11, travellers=0, shipments=shipments).trucks
    truth = Truth(rng, frozenset(rng.sample(IMPORTERS, 2)))
    rules = IntakeRules(screener=InMemoryPartyScreener(WATCH_LIST, version="demo-list-1"))
    officers = {
        agency: ensure_user(
            container.units(),
            name="bench-goods",
            role=Role.OFFICER,
            agency=agency,
            secret=container.secret,
        )
        for agency in Agency
    }
    for n, trip in enumerate(trucks):
        submit_manifest(
            container.units(),
            officers[trip.arrival.agency],
            document(trip, truth, n, rng),
            rules=rules,
            received_at=trip.arrival.arrived_at - timedelta(hours=2),
        )
    at_813 = sum(len(t.shipments) for t in trucks if t.arrival.port_code == "813")
    supervisor = ensure_user(
        container.units(),
        name="bench-goods-supervisor",
        role=Role.SUPERVISOR,
        agency=Agency.CBSA,
        secret=container.secret,
    )
    build_queue(
        container.units(),
        supervisor,
        port_code="813",
        day=DAY,
        capacity=max(1, round(at_813 * CAPACITY_SHARE)),
        seed=11,
    )


def store_day(
    url: str, travellers: int, reads: int, shipments: int
) -> tuple[int, float, list[list[str]]]:
    """Clear a day into the store at ``url``, record every crossing's waits, make the
    supervisor (who may open every console page); the travellers cleared, the seconds
    it took, and ``reads`` of the day's documents for the booth page."""
    started = time.perf_counter()
    day = make_day(travellers)
    zones = [list(read["mrz"]) for read in booth_reads(day.planted, reads)]
    container = prepare_node(url, day)
    try:
        cleared = clear(container, day)
        hour = utc_now().replace(minute=0, second=0, microsecond=0)
        waits = []
        for port in catalogue.ports():
            for lane in (LaneType.GENERAL, LaneType.NEXUS):
                waits.append(LaneWait(port.code, lane, hour, 20, WaitSource.OBSERVED, lanes_open=3))
                waits += [
                    LaneWait(
                        port.code, lane, hour + timedelta(hours=h), 10 + h, WaitSource.FORECAST
                    )
                    for h in range(1, 13)
                ]
        record_waits(container.units(), waits)
        store_goods(container, shipments)
        ensure_user(
            container.units(),
            name="bench-web",
            role=Role.SUPERVISOR,
            agency=Agency.CBSA,
            secret=container.secret,
        )
        set_password(container.units(), agency=Agency.CBSA, name="bench-web", password=PASSWORD)
        return len(cleared.decisions), time.perf_counter() - started, zones
    finally:
        container.close()


class Browser:
    """A signed-in analyst's cookie and CSRF token, got as a browser gets them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        form = self.get("/en/sign-in")
        self.post("/en/sign-in", {"name": "bench-web", "password": PASSWORD, "csrf": _csrf(form)})
        home = self.get("/en/console")
        self.csrf = _csrf(home)
        self.post("/en/console/purpose", {"purpose": "benchmark", "csrf": self.csrf})

    def _open(self, request: urllib.request.Request) -> str:
        request.add_header("Cookie", self.cookie_header)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:  # a 303 is an answer here, not a failure
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.read().decode()

    def get(self, path: str) -> str:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, form: dict[str, str]) -> str:
        data = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST"))

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    if found is None:
        raise SystemExit("no CSRF token on the page: did the sign-in fail?")
    return found.group(1)


def _request(host: str, method: str, path: str, cookie: str = "", form: str = "") -> bytes:
    body = form.encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    if body:
        head += "Content-Type: application/x-www-form-urlencoded\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


async def console_pages(
    base: str, browser: Browser, requests: int, zones: list[list[str]]
) -> list[tuple[str, list[float]]]:
    host, port = base.removeprefix("http://").split(":")
    conn = _Connection(*await asyncio.open_connection(host, int(port)))
    queue = browser.get("/en/console/hits")
    hits = re.findall(r'href="/en/console/hits/([0-9a-f-]{36})"', queue)
    if len(hits) < 12:
        raise SystemExit(f"the queue lists {len(hits)} open hits: too few to measure")
    ask = {
        "home": "/en/console",
        "hit queue (en)": "/en/console/hits",
        "hit queue (fr)": "/fr/console/alertes",
        "hit queue, one port": "/en/console/hits?status=open&port=YVR",
        "a hit's review": f"/en/console/hits/{hits[0]}",
        "the day's flights": f"/en/console/flights?date={DAY.isoformat()}",
        "the booth's form": "/en/console/booth",
    }
    flights = browser.get(ask["the day's flights"])
    first = re.search(r'href="(/en/console/flights/[^"]+)"', flights)
    if first is None:
        raise SystemExit("the day has no flight")
    ask["a flight's travellers"] = first.group(1)
    ask["the audit log"] = "/en/console/audit"
    ask["who read a hit"] = f"/en/console/audit?record={hits[0]}"
    ask["the rules' versions"] = "/en/console/rules"
    live = re.search(r'href="(/en/console/rules/[0-9a-f]+)"', browser.get("/en/console/rules"))
    if live is None:
        raise SystemExit("no rule set is saved")
    ask["a rule set"] = live.group(1)
    ask["operations, one port"] = f"/en/console/operations?port=813&date={DAY.isoformat()}"
    ask["goods, one port's day"] = f"/en/console/goods?port=813&date={DAY.isoformat()}"
    shipment = re.search(
        r'href="(/en/console/goods/[^"?]+)"', browser.get(ask["goods, one port's day"])
    )
    if shipment is None:
        raise SystemExit("the goods day has no shipment")
    ask["a shipment"] = shipment.group(1)
    ask["the watch lists"] = "/en/console/lists"
    ask["information sharing"] = "/en/console/sharing"

    async def timed(requests_: list[bytes], expect: int, skip: int = 5) -> list[float]:
        """Each request's time, one after another; the first ``skip`` unmeasured."""
        times = []
        for n, data in enumerate(requests_):
            started = time.perf_counter()
            status = await conn.send(data)
            if status != expect:
                raise SystemExit(f"{data.split(b' HTTP')[0].decode()} answered {status}")
            if n >= skip:
                times.append((time.perf_counter() - started) * 1000)
        return times

    cookie = browser.cookie_header
    results = []
    for name, path in ask.items():
        get = _request(host, "GET", path, cookie)
        results.append((name, await timed([get] * (requests + 5), 200)))
    # Each disposition is of another open hit (all the queue holds but the first); each
    # booth decision of another of the day's documents.
    dispositions = [
        _request(host, "POST", f"/en/console/hits/{hit}", cookie, _form(browser, note="bench"))
        for hit in hits[1 : requests + 6]
    ]
    results.append(("a disposition (POST)", await timed(dispositions, 303)))
    decisions = [
        _request(host, "POST", "/en/console/booth", cookie, _form(browser, mrz=zone))
        for zone in zones[: requests + 5]
    ]
    results.append(("a booth decision (POST)", await timed(decisions, 200)))
    # A backtest of the live rules over the whole day: work, not a page (it runs apart
    # from the booths, bounded by SMARTBORDER_BACKTEST_SECONDS); three, no target.
    day = DAY.isoformat()
    backtest = _request(
        host,
        "POST",
        f"{ask['a rule set']}/backtest",
        cookie,
        urllib.parse.urlencode({"csrf": browser.csrf, "since": day, "until": day}),
    )
    results.append((BACKTEST, await timed([backtest] * 4, 200, skip=1)))
    return results


def _form(browser: Browser, *, note: str = "", mrz: list[str] | None = None) -> str:
    if mrz is not None:
        fields = {"port": "813", "lane": "general", "mrz": "\n".join(mrz)}
    else:
        fields = {"status": "dismissed", "note": note}
    return urllib.parse.urlencode({"csrf": browser.csrf, **fields})


async def public_load(base: str, path: str, rate: int, seconds: int) -> tuple[list[float], int]:
    host, port = base.removeprefix("http://").split(":")
    idle: list[_Connection] = []
    data = _request(host, "GET", path)

    async def send() -> int:
        conn = idle.pop() if idle else _Connection(*await asyncio.open_connection(host, int(port)))
        try:
            status = await conn.send(data)
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed a keep-alive connection that sat idle: open another.
            conn = _Connection(*await asyncio.open_connection(host, int(port)))
            status = await conn.send(data)
        idle.append(conn)
        return status

    for _ in range(20):
        await send()
    latencies: list[float] = []
    errors = 0

    async def one(due: float) -> None:
        nonlocal errors
        errors += await send() != 200
        latencies.append((time.perf_counter() - due) * 1000)

    start = time.perf_counter() + 0.1
    tasks = []
    for n in range(rate * seconds):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(due)))
    await asyncio.gather(*tasks)
    return latencies, errors


def line(name: str, ms: list[float], target: float) -> str:
    p95 = percentile(ms, 95)
    if name == BACKTEST:  # work with no page target: its median and its longest
        return (
            f"  {name:<24} median {percentile(ms, 50):7.0f} ms  max {max(ms):7.0f} ms "
            f"({len(ms)} runs; no target)"
        )
    return (
        f"  {name:<24} p50 {percentile(ms, 50):6.1f} ms  p95 {p95:6.1f} ms  "
        f"p99 {percentile(ms, 99):6.1f} ms  max {max(ms):6.1f} ms  "
        f"({len(ms):,} requests; p95 <= {target:.0f} ms: {'met' if p95 <= target else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--travellers", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=100, help="per console page")
    parser.add_argument("--shipments", type=int, default=3000, help="the day's, on trucks")
    parser.add_argument("--rate", type=int, default=200, help="public page requests/s")
    parser.add_argument("--seconds", type=int, default=30, help="of load per public page")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="sb-bench-web-"))
    url = f"sqlite:///{work / 'node.db'}"
    server = None
    try:
        cleared, took, zones = store_day(url, args.travellers, args.requests + 5, args.shipments)
        print(f"stored: {cleared:,} travellers' decisions and their hits in {took:.0f} s")
        port = free_port()
        env = {
            "PATH": "/usr/bin:/bin",
            "SMARTBORDER_DATABASE_URL": url,
            "SMARTBORDER_ENVIRONMENT": "development",  # a cookie over plain loopback HTTP
            "SMARTBORDER_SECRET_KEY": SECRET,
            "SMARTBORDER_AGENCY": "CBSA",
        }
        server = subprocess.Popen(
            [str(SMARTBORDER), "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        browser = Browser(base)
        print(
            f"console pages, {args.requests} requests each, one after another, "
            f"`serve --workers {args.workers}`:"
        )
        for name, ms in asyncio.run(console_pages(base, browser, args.requests, zones)):
            print(line(name, ms, CONSOLE_P95_MS))
        print(f"public pages at {args.rate} requests/s for {args.seconds} s each, open loop:")
        for path in ("/en/wait-times", "/fr/temps-attente/813"):
            ms, errors = asyncio.run(public_load(base, path, args.rate, args.seconds))
            print(line(path, ms, PUBLIC_P95_MS) + f", {errors} errors")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
