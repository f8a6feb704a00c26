"""The YAML configuration of a port simulation, checked field by field.

Every field has a default (see ``defaults.py`` for service times and where they come
from), so the shortest useful file names the port, its arrivals and its booths::

    port: {code: "813", name: Pacific Highway}
    arrivals: {car: [120, 80, ...]}       # expected vehicles per hour, one value per hour
    lanes:
      general: {booths: [4, 4, ...]}     # booths open in each hour (or one number)
      nexus: {booths: 2}

Parsing takes text, not a path: reading the file is the caller's job.
"""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.errors import FormatError, ValidationFailed
from smartborder.operations import defaults
from smartborder.operations.arrivals import Demand
from smartborder.operations.model import VEHICLE_CLASSES, Credential, Lane, PortModel, Secondary
from smartborder.operations.service_times import Distribution, ServiceTime

MAX_CONFIG_BYTES = 1_000_000
MAX_HOURS = 24 * 366

PerHour = list[Annotated[float, Field(ge=0)]] | Annotated[float, Field(ge=0)]
BoothsPerHour = list[Annotated[int, Field(ge=0, le=200)]] | Annotated[int, Field(ge=0, le=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceSpec(_Strict):
    mean_seconds: float = Field(gt=0, le=86_400)
    distribution: Distribution = Distribution.LOGNORMAL
    cv: float = Field(defaults.CV, ge=0, le=10)

    def build(self) -> ServiceTime:
        return ServiceTime(self.mean_seconds, self.distribution, self.cv)


class LaneSpec(_Strict):
    booths: BoothsPerHour
    service: dict[ConveyanceKind, ServiceSpec] = Field(default_factory=dict)


class SecondarySpec(_Strict):
    referral_rate: float = Field(defaults.REFERRAL_RATE, ge=0, le=1)
    booths: BoothsPerHour = 2
    service: ServiceSpec | None = None


class PortSpec(_Strict):
    code: str = Field(min_length=1, max_length=8)
    name: str = Field("", max_length=200)


class LaneChoiceSpec(_Strict):
    switch_margin_seconds: float = Field(defaults.SWITCH_MARGIN_SECONDS, ge=0, le=3600)


class ConfigSpec(_Strict):
    port: PortSpec
    seed: int = 0
    hours: int | None = Field(None, ge=1, le=MAX_HOURS)
    arrivals: dict[ConveyanceKind, PerHour]
    credentials: dict[ConveyanceKind, dict[Credential, Annotated[float, Field(ge=0, le=1)]]] = (
        Field(default_factory=lambda: {k: dict(v) for k, v in defaults.CREDENTIAL_SHARES.items()})
    )
    lanes: dict[LaneType, LaneSpec]
    secondary: SecondarySpec = Field(default_factory=SecondarySpec)
    lane_choice: LaneChoiceSpec = Field(default_factory=LaneChoiceSpec)


class PortConfig(BaseModel):
    """A parsed configuration: the port model, its demand and the run's options."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    port: PortModel
    demand: Demand
    seed: int
    switch_margin_seconds: float


def _expand(value: list[Any] | Any, hours: int, where: str) -> tuple[Any, ...]:
    if isinstance(value, list):
        if len(value) != hours:
            raise ValidationFailed(f"{where}: {len(value)} values given for {hours} hours")
        return tuple(value)
    return (value,) * hours


def parse_config(text: str, *, source: str = "config") -> PortConfig:
    """Read a YAML configuration; errors name the field (``lanes.general.booths``)."""
    if len(text.encode("utf-8")) > MAX_CONFIG_BYTES:
        raise FormatError(f"larger than {MAX_CONFIG_BYTES:,} bytes", where=source)
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}, column {mark.column + 1}" if mark else source
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise FormatError(str(problem), where=where) from None
    if not isinstance(raw, dict):
        raise FormatError(
            "the top level must be a mapping (port:, arrivals:, lanes:)", where=source
        )
    try:
        spec = ConfigSpec.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "config"
        raise FormatError(first["msg"], where=f"{source}: {field}") from None
    return build(spec, source=source)


def build(spec: ConfigSpec, *, source: str = "config") -> PortConfig:
    lengths = [len(v) for v in spec.arrivals.values() if isinstance(v, list)]
    lengths += [len(s.booths) for s in spec.lanes.values() if isinstance(s.booths, list)]
    hours = spec.hours or (max(lengths) if lengths else 24)
    for kind in spec.arrivals:
        if kind not in VEHICLE_CLASSES:
            raise ValidationFailed(f"{source}: arrivals.{kind}: not a vehicle class of a land port")
    lanes = []
    for lane_type, lane_spec in spec.lanes.items():
        service = dict(defaults.SERVICE.get(lane_type, {}))
        service.update({k: s.build() for k, s in lane_spec.service.items()})
        booths = _expand(lane_spec.booths, hours, f"{source}: lanes.{lane_type}.booths")
        lanes.append(Lane(lane_type, booths, service))
    secondary = Secondary(
        referral_rate=spec.secondary.referral_rate,
        booths=_expand(spec.secondary.booths, hours, f"{source}: secondary.booths"),
        service=spec.secondary.service.build() if spec.secondary.service else defaults.SECONDARY,
    )
    demand = Demand.from_shares(
        {
            kind: _expand(rates, hours, f"{source}: arrivals.{kind}")
            for kind, rates in spec.arrivals.items()
        },
        spec.credentials,
    )
    port = PortModel(
        code=spec.port.code, name=spec.port.name, lanes=tuple(lanes), secondary=secondary
    )
    return PortConfig(
        port=port,
        demand=demand,
        seed=spec.seed,
        switch_margin_seconds=spec.lane_choice.switch_margin_seconds,
    )
