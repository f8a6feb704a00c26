"""What ``ops staff`` writes: the schedule CSV and the planned-against-flat summary."""

from __future__ import annotations

import io
from typing import Any

from smartborder.operations.staffing import Outcome, StaffingPlan
from smartborder.spreadsheet import SafeWriter, figure


def schedule_csv(plan: StaffingPlan) -> str:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(
        [
            "hour",
            "lane",
            "vehicles",
            "booths",
            "erlang_booths",
            "erlang_wait_minutes",
            "simulated_wait_minutes",
            "flat_booths",
            "flat_simulated_wait_minutes",
        ]
    )
    for load in plan.loads:
        lane = str(load.lane)
        planned = plan.planned.port.lane(load.lane)
        flat = plan.flat.port.lane(load.lane)
        assert planned is not None and flat is not None
        for h, vehicles in enumerate(load.vehicles):
            writer.writerow(
                [
                    h,
                    lane,
                    figure(vehicles, "g"),
                    planned.booths[h],
                    plan.erlang[lane][h],
                    figure(plan.erlang_wait[lane][h], ".2f"),
                    figure(plan.planned.mean_wait_by_hour[lane][h], ".2f"),
                    flat.booths[h],
                    figure(plan.flat.mean_wait_by_hour[lane][h], ".2f"),
                ]
            )
    return out.getvalue()


def staffing_summary(plan: StaffingPlan) -> dict[str, Any]:
    """The figures a supervisor compares: officer-hours and waits, planned against flat."""

    def side(outcome: Outcome) -> dict[str, Any]:
        return {
            "officer_hours": outcome.port.officer_hours,
            "mean_wait_minutes": outcome.overall.mean,
            "p90_wait_minutes": outcome.overall.p90,
            "lane_hours_over_target": outcome.hours_over_target,
            "worst_hour_minutes": outcome.worst_hour_minutes,
        }

    return {
        "erlang_officer_hours": sum(sum(b) for b in plan.erlang.values()),
        "simulation_rounds": plan.rounds,
        "planned": side(plan.planned),
        "flat": side(plan.flat),
    }
