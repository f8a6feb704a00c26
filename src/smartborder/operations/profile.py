"""The hourly arrival profile that ``ops staff`` reads: ``hour,lane,vehicles`` rows.

Each row is the number of vehicles expected in one hour (0 = the first hour of the day)
whose own lane is ``lane``: general and Ready and NEXUS lanes for cars, commercial and
FAST lanes for trucks. Hours missing for a lane mean no vehicles.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.errors import FormatError
from smartborder.operations import defaults
from smartborder.operations.arrivals import Demand, Stream
from smartborder.operations.model import Credential, Lane, PortModel, Secondary
from smartborder.operations.service_times import ServiceTime

MAX_BYTES = 4 * 1024 * 1024
MAX_HOURS = 24 * 31
HEADER = ("hour", "lane", "vehicles")

#: Who a lane's own traffic is: the vehicles for which it is the first choice.
LANE_STREAM: Mapping[LaneType, Stream] = {
    LaneType.GENERAL: (ConveyanceKind.CAR, Credential.NONE),
    LaneType.READY: (ConveyanceKind.CAR, Credential.READY),
    LaneType.NEXUS: (ConveyanceKind.CAR, Credential.NEXUS),
    LaneType.COMMERCIAL: (ConveyanceKind.TRUCK, Credential.NONE),
    LaneType.FAST: (ConveyanceKind.TRUCK, Credential.FAST),
}


def parse_profile(text: str, *, source: str = "profile") -> dict[LaneType, list[float]]:
    """Vehicles per hour for each lane; errors name the line."""
    if len(text) > MAX_BYTES:
        raise FormatError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB", where=source)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        raise FormatError("the header must be 'hour,lane,vehicles'", where=f"{source}, line 1")
    cells: dict[LaneType, dict[int, float]] = {}
    try:
        for row in reader:
            where = f"{source}, line {reader.line_num}"
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != 3:
                raise FormatError(f"{len(row)} fields; expected 3", where=where)
            hour_text, lane_text, count_text = (c.strip() for c in row)
            try:
                hour = int(hour_text)
            except ValueError:
                raise FormatError(
                    f"hour {hour_text!r} is not a whole number", where=where
                ) from None
            if not 0 <= hour < MAX_HOURS:
                raise FormatError(f"hour {hour} is outside 0..{MAX_HOURS - 1}", where=where)
            try:
                lane = LaneType(lane_text.lower())
            except ValueError:
                known = ", ".join(t.value for t in LaneType)
                raise FormatError(
                    f"lane {lane_text!r} is not one of {known}", where=where
                ) from None
            try:
                count = float(count_text)
            except ValueError:
                raise FormatError(f"vehicles {count_text!r} is not a number", where=where) from None
            if not math.isfinite(count) or not 0 <= count <= 100_000:
                raise FormatError(f"vehicles {count_text!r} is outside 0..100000", where=where)
            lane_cells = cells.setdefault(lane, {})
            if hour in lane_cells:
                raise FormatError(f"hour {hour} of lane {lane} is given twice", where=where)
            lane_cells[hour] = count
    except csv.Error as exc:
        raise FormatError(str(exc), where=f"{source}, line {reader.line_num}") from None
    if not cells:
        raise FormatError("no rows after the header", where=source)
    hours = max(max(c) for c in cells.values()) + 1
    return {lane: [c.get(h, 0.0) for h in range(hours)] for lane, c in cells.items()}


def demand_of(profile: Mapping[LaneType, list[float]]) -> Demand:
    return Demand({LANE_STREAM[lane]: tuple(v) for lane, v in profile.items()})


def port_for(
    profile: Mapping[LaneType, list[float]],
    *,
    code: str = "PROFILE",
    service: Mapping[LaneType, Mapping[ConveyanceKind, ServiceTime]] | None = None,
    secondary: Secondary | None = None,
) -> PortModel:
    """A port with the profile's lanes (one booth each until staffing says otherwise)."""
    hours = max(len(v) for v in profile.values())
    lanes = []
    for lane in profile:
        times = dict(defaults.SERVICE[lane])
        if service and lane in service:
            times.update(service[lane])
        lanes.append(Lane(lane, (1,) * hours, times))
    return PortModel(code=code, lanes=tuple(lanes), secondary=secondary or Secondary())
