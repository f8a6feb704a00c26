"""The demo's port operations: the synthetic day's land traffic through the port model.

For each of the two partner ports, the day's cars (one vehicle per car, its lane taken
from its travellers' documents) and trucks become an arrival stream. The booths that would
hold CBSA's service standard on that day are planned from the day's own hourly counts
(Erlang C, confirmed by simulation), then the day itself is simulated on that plan, and
on a flat schedule of the same officer-hours for comparison. Vehicles go to secondary at
the rate clearance referred land travellers on the day, and secondary gets, hour by
hour, the fewest booths that hold the same wait target under Erlang C. The hourly
waits are recorded in the store, so the public feed ``/v1/wait-times`` shows them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from smartborder.bootstrap import Container
from smartborder.demo.report import DemoReport
from smartborder.domain import Agency, ConveyanceKind, LaneType, PortOfEntry
from smartborder.operations import defaults, plots
from smartborder.operations.arrivals import ArrivalStream, Demand, Stream
from smartborder.operations.calendar import service_standard_minutes
from smartborder.operations.erlang import fewest_booths
from smartborder.operations.feed import simulated_waits
from smartborder.operations.model import Credential, Lane, PortModel, Secondary
from smartborder.operations.results import SimulationResult, summarise
from smartborder.operations.simulation import simulate
from smartborder.operations.staffing import plan_staffing
from smartborder.waits import record_waits
from smartborder.world.day import SyntheticDay

#: Share of vehicles sent to secondary when the caller has no measured rate (tests).
DEMO_REFERRAL_RATE = 0.03
SEED = 11

LANE_CREDENTIAL = {
    LaneType.GENERAL: (ConveyanceKind.CAR, Credential.NONE),
    LaneType.READY: (ConveyanceKind.CAR, Credential.READY),
    LaneType.NEXUS: (ConveyanceKind.CAR, Credential.NEXUS),
    LaneType.COMMERCIAL: (ConveyanceKind.TRUCK, Credential.NONE),
    LaneType.FAST: (ConveyanceKind.TRUCK, Credential.FAST),
}


def _vehicles(day: SyntheticDay, port: PortOfEntry) -> list[tuple[float, Stream]]:
    """(seconds after local midnight, stream) for each car and truck at ``port``."""
    zone = ZoneInfo(port.timezone)
    midnight = datetime.combine(day.day, time(), tzinfo=zone)
    cars: dict[str, tuple[float, Stream]] = {}
    for arrival in day.land:
        if arrival.port_code != port.code or arrival.conveyance is None:
            continue
        seconds = (arrival.arrived_at - midnight).total_seconds()
        cars.setdefault(arrival.conveyance.identifier, (seconds, LANE_CREDENTIAL[arrival.lane]))
    trucks = [
        ((t.arrival.arrived_at - midnight).total_seconds(), LANE_CREDENTIAL[t.arrival.lane])
        for t in day.trucks
        if t.arrival.port_code == port.code
    ]
    return sorted([*cars.values(), *trucks], key=lambda v: v[0])


def _model(
    port: PortOfEntry, referral_rate: float, hourly: np.ndarray, target_minutes: float
) -> PortModel:
    """The port's lanes (booths to be planned) and a secondary staffed for ``hourly``
    vehicles: each hour at least one bay, and enough that those referred wait no longer
    than ``target_minutes`` on average."""
    lanes = tuple(Lane(t, (1,) * 24, defaults.SERVICE[t]) for t in port.lanes)
    mu = 1.0 / defaults.SECONDARY.mean_seconds
    bays = tuple(
        max(1, fewest_booths(n * referral_rate / 3600.0, mu, target_minutes * 60.0)) for n in hourly
    )
    secondary = Secondary(referral_rate, bays, defaults.SECONDARY)
    return PortModel(code=port.code, name=port.name, lanes=lanes, secondary=secondary)


def _record(
    container: Container, result: SimulationResult, port: PortOfEntry, day: SyntheticDay
) -> None:
    midnight = datetime.combine(day.day, time(), tzinfo=ZoneInfo(port.timezone))
    record_waits(container.units(), simulated_waits(result, midnight))


def report_operations(
    report: DemoReport,
    container: Container,
    day: SyntheticDay,
    *,
    referral_rate: float = DEMO_REFERRAL_RATE,
    plot_dir: Path | None = None,
) -> None:
    """Plan, simulate and report each partner port's day; plot next to the database."""
    target = service_standard_minutes(day.day)
    folder = plot_dir or _report_dir(container)
    section = report.section(
        "Port operations: waits and booths",
        note=f"Booths planned to hold CBSA's service standard for {day.day:%A %d %B} "
        f"({target:g} min mean wait; 10 min Mon-Thu, 20 min Fri-Sun and holidays), from the "
        f"day's own hourly counts, on both sides of the line for comparison. Vehicles go to "
        f"secondary at {referral_rate:.1%}, the share of land travellers clearance referred "
        "on the day, where the bays open each hour are the fewest that hold the same target "
        "under Erlang C. Waits are recorded for /v1/wait-times.",
    )
    figures: dict[str, object] = {"target_minutes": target, "referral_rate": referral_rate}
    for port in day.ports:
        vehicles = _vehicles(day, port)
        counts: dict[Stream, np.ndarray] = defaultdict(lambda: np.zeros(24))
        for seconds, stream in vehicles:
            counts[stream][min(23, max(0, int(seconds // 3600)))] += 1
        demand = Demand({s: tuple(c.tolist()) for s, c in counts.items()})
        model = _model(port, referral_rate, sum(counts.values(), np.zeros(24)), target)
        plan = plan_staffing(model, demand, [target] * 24, seeds=(1, 2))
        arrivals = ArrivalStream.of([(max(0.0, t), k, c) for t, (k, c) in vehicles])
        staffed = replace(plan.planned.port, secondary=model.secondary)
        result = summarise(simulate(staffed, arrivals, seed=SEED), SEED)
        flat = summarise(
            simulate(replace(plan.flat.port, secondary=model.secondary), arrivals, seed=SEED), SEED
        )
        _record(container, result, port, day)
        side = "entering Canada" if port.agency is Agency.CBSA else "entering the U.S."
        label = f"{port.code} ({side})"
        cars = sum(1 for _, (k, _) in vehicles if k is ConveyanceKind.CAR)
        peak = max(range(24), key=lambda h: sum(lane.open_at(h) for lane in staffed.lanes))
        section.add(
            label,
            f"{cars:,} cars and {len(vehicles) - cars:,} trucks; {staffed.officer_hours} "
            f"officer-hours hold {target:g} min (Erlang C alone: "
            f"{sum(sum(b) for b in plan.erlang.values())}), "
            f"{sum(lane.open_at(peak) for lane in staffed.lanes)} booths at {peak:02d}:00",
        )
        for lane in staffed.lanes:
            name = str(lane.type)
            summary = result.lanes[name]
            hourly = " ".join(f"{result.row(h, name).wait.mean:.0f}" for h in range(24))
            section.add(
                f"{port.code} {name}: wait",
                f"mean {summary.mean:.1f} min, p90 {summary.p90:.1f}, max {summary.max:.1f}; "
                f"mean by hour 0-23: {hourly}",
            )
            section.add(f"{port.code} {name}: booths", " ".join(str(b) for b in lane.booths))
        over = sum(1 for r in flat.by_hour if r.wait.mean > target)
        section.add(
            f"{port.code} flat schedule, same officer-hours",
            f"mean wait {flat.overall.mean:.1f} min (planned {result.overall.mean:.1f}), "
            f"{over} lane-hours over {target:g} min",
        )
        section.add(
            f"{port.code} secondary",
            f"{result.referred:,} referred, mean wait {result.secondary.mean:.1f} min, "
            f"p90 {result.secondary.p90:.1f}; bays by hour "
            f"{' '.join(str(b) for b in model.secondary.booths)}",
        )
        path = plots.waits_by_hour(
            result,
            folder / f"operations-{port.code}.png",
            title=f"{port.name}: wait by hour and lane, {day.day}",
            targets_minutes=[target] * 24,
        )
        section.add(f"{port.code} plot", str(path))
        figures[port.code] = {
            "vehicles": len(vehicles),
            "officer_hours": staffed.officer_hours,
            "erlang_officer_hours": sum(sum(b) for b in plan.erlang.values()),
            "mean_wait_minutes": result.overall.mean,
            "p90_wait_minutes": result.overall.p90,
            "flat_mean_wait_minutes": flat.overall.mean,
            "lane_hours_over_target": sum(1 for r in result.by_hour if r.wait.mean > target),
            "flat_lane_hours_over_target": over,
            "referred": result.referred,
            "plot": str(path),
        }
    report.figures["operations"] = figures


def _report_dir(container: Container) -> Path:
    database = container.settings.sqlite_path()
    return (database.parent if database else Path("var")) / "reports"
