"""Run the demo: build a synthetic day and put it through every capability the node has."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar
from zoneinfo import ZoneInfo

from smartborder.accounts.service import ensure_user
from smartborder.audit import trail
from smartborder.bootstrap import Container
from smartborder.clearance.ports import register_ports
from smartborder.demo.clearance import clear_the_day
from smartborder.demo.clearance_report import report_clearance
from smartborder.demo.console import open_the_console
from smartborder.demo.exchange import share_day
from smartborder.demo.formats import formats_sections
from smartborder.demo.goods import run_goods
from smartborder.demo.operations import report_operations
from smartborder.demo.report import DemoReport
from smartborder.demo.screening import load_demo_lookouts, screen_the_day
from smartborder.domain import Agency, Role
from smartborder.errors import ValidationFailed
from smartborder.world import catalogue
from smartborder.world.day import People, SyntheticDay, generate_day, partner_pair
from smartborder.world.flights import ArrivingFlight, generate_flights
from smartborder.world.plants import plant

T = TypeVar("T")

#: Called with (step description, done, total) so that a terminal can show progress.
Progress = Callable[[str, int, int], None]

#: Share of the day's travellers who fly in: most who cross this border drive.
AIR_SHARE = 0.3
#: A number on the demo rules' watched list (demo/data/rules.yaml), planted on bookings.
WATCHED_PHONE = "+1 604 555 0101"


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 7
    travellers: int = 300_000
    shipments: int = 2_000
    day: date = date(2026, 7, 3)
    port: str = "813"

    def __post_init__(self) -> None:
        if self.travellers < 1 or self.travellers > 2_000_000:
            raise ValidationFailed("--travellers must be between 1 and 2,000,000")
        if self.shipments < 0 or self.shipments > 1_000_000:
            raise ValidationFailed("--shipments must be between 0 and 1,000,000")

    @property
    def by_air(self) -> int:
        return round(self.travellers * AIR_SHARE)


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_demo(container: Container, options: DemoOptions, progress: Progress) -> DemoReport:
    ports = catalogue.ports()
    if options.port not in {p.code for p in ports}:
        known = ", ".join(p.code for p in ports)
        raise ValidationFailed(f"unknown port {options.port!r}; the demo knows {known}")
    pair = partner_pair(ports, options.port)
    register_ports(container.units(), ports)
    officers = {
        agency: ensure_user(
            container.units(),
            name="demo-officer",
            role=Role.OFFICER,
            agency=agency,
            secret=container.secret,
        )
        for agency in Agency
    }

    progress("generating the day", 0, 1)
    started = time.perf_counter()
    day = generate_day(
        pair,
        day=options.day,
        seed=options.seed,
        travellers=options.travellers - options.by_air,
        shipments=options.shipments,
    )
    flying = People(random.Random(options.seed + 1), options.day)
    flights = generate_flights(random.Random(options.seed + 2), flying, options.day, options.by_air)
    lookouts = load_demo_lookouts(container)
    planted = plant(
        random.Random(options.seed + 3), options.day, flights, day.land, lookouts, WATCHED_PHONE
    )
    generated_s = time.perf_counter() - started
    progress("generating the day", 1, 1)

    report = DemoReport(
        seed=options.seed,
        day=options.day.isoformat(),
        ports=[f"{p.code} {p.name} ({p.agency})" for p in pair],
    )
    _traffic(report, day, flights)
    formats_sections(report, day)
    with container.units() as uow:
        audit_before = uow.audit.count()
    cleared = clear_the_day(container, planted, [t.arrival for t in day.trucks], progress)
    report_clearance(report, planted, cleared)
    _goods(report, day)
    run_goods(report, container, day, officers, progress)
    _audit(report, container, audit_before, generated_s, progress)
    report_operations(
        report, container, day, referral_rate=float(report.figures["land_referral_rate"])
    )
    share_day(report, container, day, progress)
    screen_the_day(report, container, day, officers, progress)
    open_the_console(report, container)
    return report


def _traffic(report: DemoReport, day: SyntheticDay, flights: list[ArrivingFlight]) -> None:
    section = report.section("The day's travellers")
    by_air = sum(len(f.passengers) + len(f.crew) for f in flights)
    section.add(
        "arriving by air",
        f"{by_air:,} on {len(flights):,} international flights "
        f"({sum(len(f.crew) for f in flights):,} of them crew)",
    )
    by_agency = Counter(str(a.agency) for a in day.land)
    by_lane = Counter(str(a.lane) for a in day.land)
    vehicles = len({a.conveyance.identifier for a in day.land if a.conveyance})
    zones = {p.code: ZoneInfo(p.timezone) for p in day.ports}
    by_hour = Counter(a.arrived_at.astimezone(zones[a.port_code]).hour for a in day.land)
    peak_hour, peak = by_hour.most_common(1)[0]
    nationalities = Counter(a.traveller.nationality or "?" for a in day.land).most_common(5)
    section.add("travellers in cars", f"{len(day.land):,} in {vehicles:,} vehicles")
    for agency, count in sorted(by_agency.items()):
        section.add(f"entries into {Agency(agency).country} ({agency})", f"{count:,}")
    for lane, count in by_lane.most_common():
        section.add(f"{lane} lane", f"{count:,} ({count / len(day.land):.1%})")
    section.add("busiest hour (local time)", f"{peak_hour:02d}:00, {peak:,} travellers")
    section.add("top nationalities", ", ".join(f"{n} {c:,}" for n, c in nationalities))
    report.figures.update(
        travellers=len(day.land),
        air_travellers=by_air,
        flights=len(flights),
        vehicles=vehicles,
        by_agency=dict(by_agency),
        by_lane=dict(by_lane),
    )


def _goods(report: DemoReport, day: SyntheticDay) -> None:
    section = report.section("Trucks and shipments")
    shipments = [s for t in day.trucks for s in t.shipments]
    fast = sum(1 for t in day.trucks if t.fast)
    value = sum((s.value for s in shipments), Decimal(0))
    by_chapter: Counter[str] = Counter()
    for shipment in shipments:
        for line in shipment.lines:
            by_chapter[line.hs_chapter] += int(line.value)
    section.add(
        "trucks", f"{len(day.trucks):,} ({fast:,} FAST, {fast / max(len(day.trucks), 1):.0%})"
    )
    section.add("shipments", f"{len(shipments):,}, declared value ${value:,.0f}")
    section.add(
        "top HS chapters by value",
        ", ".join(f"ch.{c} ${v:,}" for c, v in by_chapter.most_common(4)),
    )
    report.figures.update(
        trucks=len(day.trucks),
        fast_trucks=fast,
        shipments=len(shipments),
        declared_value=str(value),
    )


def _audit(
    report: DemoReport,
    container: Container,
    audit_before: int,
    generated_s: float,
    progress: Progress,
) -> None:
    progress("verifying the audit chain", 0, 1)
    verification = trail.verify(container.units())
    progress("verifying the audit chain", 1, 1)
    with container.units() as uow:
        crossings = sum(uow.crossings.count(agency) for agency in Agency)
    section = report.section("Store and audit")
    section.add("crossing records held", f"{crossings:,}")
    section.add(
        "audit entries added by clearance and goods", f"{verification.entries - audit_before:,}"
    )
    section.add(
        "audit chain",
        f"intact ({verification.entries:,} entries)"
        if verification.ok
        else f"BROKEN at entry {verification.broken.seq if verification.broken else '?'}",
    )
    section.add("day generated in", f"{generated_s:.2f} s")
    report.figures.update(
        crossings_held=crossings, audit_entries=verification.entries, audit_intact=verification.ok
    )
