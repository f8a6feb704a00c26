"""``smartborder ops``: port simulation, booth staffing, delay forecasts and backtests.

The four commands ``simulate``, ``staff``, ``forecast`` and ``backtest`` and their file
formats are a public contract (benchmarks and users script them). ``observe`` and the
``--record`` options fill the node's store, which the public feed ``/v1/wait-times`` reads.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import numpy as np
import typer

from smartborder import files
from smartborder.cli.common import err, node, print_json
from smartborder.domain import LaneType
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.errors import ValidationFailed
from smartborder.operations.arrivals import generate
from smartborder.operations.config import parse_config
from smartborder.operations.feed import simulated_waits
from smartborder.operations.history import format_series, parse_history, parse_timestamp
from smartborder.operations.model import Credential
from smartborder.operations.profile import demand_of, parse_profile, port_for
from smartborder.operations.results import summarise
from smartborder.operations.simulation import simulate as run_simulation
from smartborder.operations.staffing import plan_staffing
from smartborder.operations.staffing_files import schedule_csv, staffing_summary

# LightGBM and matplotlib take seconds to import: they are imported by the commands that
# use them, so that every other ``smartborder`` command starts quickly.

app = typer.Typer(
    help="Port operations: simulate a port, staff its booths, forecast and backtest delays.",
    no_args_is_help=True,
)

MAX_INPUT_BYTES = 64 * 1024 * 1024


def _read(path: Path) -> str:
    return files.read_text(path, limit=MAX_INPUT_BYTES)


def _write(path: Path, text: str) -> None:
    """Write to ``NAME.partial`` and rename, so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise ValidationFailed(f"{path}: {exc.strerror}") from None


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def _port_zone(port_code: str) -> ZoneInfo:
    from smartborder import waits  # the store's ports: not for `ops --help`

    with node(upgrade=True) as container:
        return waits.port_zone(container.units(), port_code)


def _record(hourly: list[LaneWait]) -> None:
    from smartborder import waits

    with node(upgrade=True) as container:
        stored = waits.record_waits(container.units(), hourly)
    err.print(f"recorded {stored:,} hourly waits in the node's store")


@app.command()
def simulate(
    config: Annotated[Path, typer.Argument(help="The port's YAML configuration.")],
    out: Annotated[
        Path, typer.Option("--out", dir_okay=False, help="Where to write the result (JSON).")
    ],
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of the run (default: the config's).")
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", dir_okay=False, help="Also draw waits by hour and lane (PNG)."),
    ] = None,
    record: Annotated[
        bool, typer.Option("--record", help="Store the hourly waits for the public feed.")
    ] = False,
    day: Annotated[
        str | None, typer.Option("--date", help="With --record: the local day simulated.")
    ] = None,
) -> None:
    """Simulate a day (or any hours) at a land port and write waits, queues, utilisation."""
    from smartborder.operations import plots

    parsed = parse_config(_read(config), source=str(config))
    run_seed = parsed.seed if seed is None else seed
    stream = generate(parsed.demand, np.random.default_rng(run_seed))
    trace = run_simulation(
        parsed.port, stream, seed=run_seed, switch_margin_seconds=parsed.switch_margin_seconds
    )
    result = summarise(trace, run_seed)
    _write(out, json.dumps(result.as_dict(), indent=2) + "\n")
    if plot is not None:
        plots.waits_by_hour(result, plot)
    err.print(
        f"{result.vehicles:,} vehicles over {result.hours} h at port {result.port}: mean wait "
        f"{result.overall.mean:.1f} min, 90th percentile {result.overall.p90:.1f} min"
    )
    if record:
        if day is None:
            raise ValidationFailed("--record needs --date: the local day the hours describe")
        midnight = datetime.combine(_day(day, "--date"), time(), tzinfo=_port_zone(result.port))
        _record(simulated_waits(result, midnight))


def _targets(target_minutes: float, hours: int) -> list[float]:
    if not math.isfinite(target_minutes) or target_minutes <= 0:
        raise ValidationFailed("--target-minutes must be a number > 0")
    return [target_minutes] * hours


@app.command()
def staff(
    profile: Annotated[Path, typer.Argument(help="Arrivals: CSV with hour,lane,vehicles.")],
    target_minutes: Annotated[
        float, typer.Option("--target-minutes", help="The wait to hold in every hour.")
    ],
    out: Annotated[
        Path, typer.Option("--out", dir_okay=False, help="Where to write the schedule (CSV).")
    ],
    config: Annotated[
        Path | None, typer.Option("--config", help="Take service times from this port YAML.")
    ] = None,
    share_within: Annotated[
        float | None,
        typer.Option(
            "--share-within",
            help="Target a share (e.g. 0.9) within the wait, instead of the mean wait.",
        ),
    ] = None,
    seeds: Annotated[
        int, typer.Option("--seeds", min=1, max=50, help="Simulation runs pooled per check.")
    ] = 3,
    shift_to_nexus: Annotated[
        float | None,
        typer.Option(
            "--shift-to-nexus",
            help="Also plan with this share of general-lane "
            "cars moved into NEXUS, and report the difference.",
        ),
    ] = None,
    shift_to_ready: Annotated[
        float | None,
        typer.Option("--shift-to-ready", help="The same, moving them into Ready lanes."),
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option("--summary", dir_okay=False, help="Also write the comparison as JSON."),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", dir_okay=False, help="Also draw booths scheduled (PNG)."),
    ] = None,
) -> None:
    """Fewest booths per hour for a wait target (Erlang C, confirmed by simulation)."""
    from smartborder.operations import plots

    lanes = parse_profile(_read(profile), source=str(profile))
    service = None
    if config is not None:
        parsed = parse_config(_read(config), source=str(config))
        service = {lane.type: lane.service for lane in parsed.port.lanes}
    port = port_for(lanes, service=service)
    targets = _targets(target_minutes, port.hours)
    seed_list = list(range(1, seeds + 1))
    demand = demand_of(lanes)
    plan = plan_staffing(port, demand, targets, seeds=seed_list, share_within=share_within)
    _write(out, schedule_csv(plan))
    report = staffing_summary(plan)
    for share, to in ((shift_to_nexus, Credential.NEXUS), (shift_to_ready, Credential.READY)):
        if share is None:
            continue
        if LaneType(to.value) not in lanes:
            raise ValidationFailed(f"the profile has no {to} lane to move travellers into")
        moved = plan_staffing(
            port, demand.shifted(share, to), targets, seeds=seed_list, share_within=share_within
        )
        report[f"shift_{share:g}_to_{to}"] = staffing_summary(moved)
    if summary is not None:
        _write(summary, json.dumps(report, indent=2) + "\n")
    if plot is not None:
        plots.booths_scheduled(
            {str(k.type): list(k.booths) for k in plan.planned.port.lanes},
            {str(k.type): list(k.booths) for k in plan.flat.port.lanes},
            {str(load.lane): list(load.vehicles) for load in plan.loads},
            plot,
        )
    planned, flat = report["planned"], report["flat"]
    err.print(
        f"planned: {planned['officer_hours']} officer-hours, mean wait "
        f"{planned['mean_wait_minutes']:.1f} min, {planned['lane_hours_over_target']} lane-hours "
        f"over target; flat: mean wait {flat['mean_wait_minutes']:.1f} min, "
        f"{flat['lane_hours_over_target']} lane-hours over target"
    )
    for key, moved in report.items():
        if key.startswith("shift_"):
            err.print(
                f"{key}: {moved['planned']['officer_hours']} officer-hours, mean wait "
                f"{moved['planned']['mean_wait_minutes']:.1f} min"
            )


@app.command()
def forecast(
    history: Annotated[Path, typer.Argument(help="Hourly history: timestamp,delay_minutes.")],
    start: Annotated[
        str,
        typer.Option(
            "--start",
            help="First hour to forecast, local time "
            "'YYYY-MM-DD HH:MM'; only history before it is used.",
        ),
    ],
    horizon: Annotated[int, typer.Option("--horizon", help="Hours to forecast (1 to 168).")],
    out: Annotated[
        Path, typer.Option("--out", dir_okay=False, help="Where to write timestamp,delay_minutes.")
    ],
    plot: Annotated[
        Path | None, typer.Option("--plot", dir_okay=False, help="Also draw the forecast (PNG).")
    ] = None,
    record_port: Annotated[
        str | None,
        typer.Option("--record-port", help="Store the forecast for the feed, for this port."),
    ] = None,
    record_lane: Annotated[
        LaneType,
        typer.Option(
            "--record-lane", case_sensitive=False, help="The lane type the history measures."
        ),
    ] = LaneType.GENERAL,
    naive_out: Annotated[
        Path | None,
        typer.Option(
            "--naive-out", dir_okay=False, help="Also write the seasonal naive forecast (same CSV)."
        ),
    ] = None,
) -> None:
    """Forecast hourly delay from history, beside the seasonal naive forecast."""
    from smartborder.operations import plots
    from smartborder.operations.forecasting import forecast as make_forecast

    series = parse_history(_read(history), source=str(history))
    first = parse_timestamp(start, where="--start")
    made = make_forecast(series, first, horizon)
    _write(out, format_series(first, made.values))
    if naive_out is not None:
        _write(naive_out, format_series(first, made.naive))
    if plot is not None:
        actual = series.between(first, first + timedelta(hours=horizon))
        plots.forecast_vs_actual(
            first,
            made.values,
            plot,
            naive=made.naive,
            actual=actual if not np.isnan(actual).all() else None,
        )
    err.print(
        f"forecast {horizon} h from {first:%Y-%m-%d %H:%M}: mean {np.mean(made.values):.1f} min "
        f"(seasonal naive {np.nanmean(made.naive) if not np.isnan(made.naive).all() else 0:.1f})"
    )
    if record_port is not None:
        zone = _port_zone(record_port)
        _record(
            [
                LaneWait(
                    port_code=record_port,
                    lane=record_lane,
                    hour=moment.replace(tzinfo=zone),
                    delay_minutes=float(value),
                    source=WaitSource.FORECAST,
                )
                for moment, value in zip(made.times, made.values.tolist(), strict=True)
            ]
        )


@app.command()
def backtest(
    history: Annotated[Path, typer.Argument(help="Hourly history: timestamp,delay_minutes.")],
    from_: Annotated[str, typer.Option("--from", help="First origin's day (YYYY-MM-DD).")],
    to: Annotated[str, typer.Option("--to", help="Last day a forecast may cover (YYYY-MM-DD).")],
    horizon: Annotated[int, typer.Option("--horizon", help="Hours ahead (1 to 168).")],
    every_hours: Annotated[
        int, typer.Option("--every-hours", help="Hours between origins (a week by default).")
    ] = 168,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", dir_okay=False, help="Also draw RMSE per origin (PNG).")
    ] = None,
) -> None:
    """Rolling-origin backtest: MAE and RMSE of our forecast and the seasonal naive one."""
    from smartborder.operations import plots
    from smartborder.operations.backtest import backtest as run_backtest

    series = parse_history(_read(history), source=str(history))
    result = run_backtest(
        series,
        _day(from_, "--from"),
        _day(to, "--to"),
        horizon,
        every_hours=every_hours,
        progress=lambda done, total: err.print(f"origin {done}/{total}", end="\r"),
    )
    err.print()
    if plot is not None:
        plots.backtest_weeks(
            [o.origin for o in result.origins],
            [o.ours.rmse for o in result.origins],
            [o.naive.rmse for o in result.origins],
            plot,
        )
    document = {
        "horizon": result.horizon,
        "origins": len(result.origins),
        "hours_scored": result.hours,
        "ours": {"mae": result.ours.mae, "rmse": result.ours.rmse},
        "seasonal_naive": {"mae": result.naive.mae, "rmse": result.naive.rmse},
        "rmse_reduction": result.improvement,
        "origins_won": result.weeks_won,
        "by_origin": [
            {
                "origin": o.origin.isoformat(sep=" "),
                "hours": o.hours,
                "ours_rmse": o.ours.rmse,
                "naive_rmse": o.naive.rmse,
            }
            for o in result.origins
        ],
    }
    if as_json:
        print_json(document)
        return
    typer.echo(f"{'forecast':<16}{'MAE':>8}{'RMSE':>8}")
    typer.echo(f"{'ours':<16}{result.ours.mae:>8.2f}{result.ours.rmse:>8.2f}")
    typer.echo(f"{'seasonal naive':<16}{result.naive.mae:>8.2f}{result.naive.rmse:>8.2f}")
    typer.echo(
        f"{len(result.origins)} origins, {result.hours:,} hours scored; RMSE "
        f"{result.improvement:.1%} lower; ours better in {result.weeks_won} of "
        f"{len(result.origins)} origins"
    )


@app.command()
def observe(
    history: Annotated[Path, typer.Argument(help="Observed waits: timestamp,delay_minutes.")],
    port: Annotated[str, typer.Option("--port", help="The port code the waits belong to.")],
    lane: Annotated[
        LaneType, typer.Option("--lane", case_sensitive=False, help="The lane type measured.")
    ] = (LaneType.GENERAL),
) -> None:
    """Store observed hourly waits of one port and lane for the public feed."""
    series = parse_history(_read(history), source=str(history))
    zone = _port_zone(port)
    waits = [
        LaneWait(
            port_code=port,
            lane=lane,
            hour=series.time_at(i).replace(tzinfo=zone),
            delay_minutes=float(value),
            source=WaitSource.OBSERVED,
        )
        for i, value in enumerate(series.values.tolist())
        if not math.isnan(value)
    ]
    _record(waits)
