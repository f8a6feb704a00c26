"""Vehicles arriving at the port: a non-homogeneous Poisson stream, hour by hour.

Within an hour the rate is constant, so the count is Poisson and the times uniform: the
standard construction of a piecewise-constant non-homogeneous Poisson process. A stream
can also be built from observed arrivals (the demo's synthetic day does this).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from smartborder.domain import ConveyanceKind
from smartborder.errors import ValidationFailed
from smartborder.operations.model import VEHICLE_CLASSES, Credential, eligible_lanes

CREDENTIALS = tuple(Credential)
MAX_VEHICLES = 5_000_000  # a whole country's land traffic for several days; beyond is a typo


@dataclass(frozen=True)
class ArrivalStream:
    """Vehicles in time order: seconds from the start, class and credential of each."""

    times: npt.NDArray[np.float64]
    kinds: npt.NDArray[np.int8]  # index into VEHICLE_CLASSES
    credentials: npt.NDArray[np.int8]  # index into CREDENTIALS

    def __post_init__(self) -> None:
        n = len(self.times)
        if len(self.kinds) != n or len(self.credentials) != n:
            raise ValidationFailed("arrival times, classes and credentials differ in length")
        if n and (np.any(np.diff(self.times) < 0) or self.times[0] < 0):
            raise ValidationFailed("arrival times must be >= 0 and in order")

    def __len__(self) -> int:
        return len(self.times)

    @classmethod
    def of(cls, vehicles: Sequence[tuple[float, ConveyanceKind, Credential]]) -> ArrivalStream:
        """A stream from (seconds from start, class, credential) triples, in any order."""
        if len(vehicles) > MAX_VEHICLES:
            raise ValidationFailed(f"at most {MAX_VEHICLES:,} vehicles can be simulated")
        ordered = sorted(vehicles, key=lambda v: v[0])
        for _, kind, credential in ordered:
            eligible_lanes(kind, credential)  # refuses a bus with a FAST card
        return cls(
            times=np.array([v[0] for v in ordered], dtype=np.float64),
            kinds=np.array([VEHICLE_CLASSES.index(v[1]) for v in ordered], dtype=np.int8),
            credentials=np.array([CREDENTIALS.index(v[2]) for v in ordered], dtype=np.int8),
        )


Stream = tuple[ConveyanceKind, Credential]


@dataclass(frozen=True, slots=True)
class Demand:
    """Expected vehicles per hour for each (class, credential) stream."""

    per_hour: Mapping[Stream, tuple[float, ...]]

    def __post_init__(self) -> None:
        for (kind, credential), rates in self.per_hour.items():
            if kind not in VEHICLE_CLASSES:
                raise ValidationFailed(f"arrivals: {kind} is not a vehicle class of a land port")
            eligible_lanes(kind, credential)
            if any(not np.isfinite(r) or r < 0 for r in rates):
                raise ValidationFailed(f"arrivals.{kind}: rates must be finite and >= 0")

    @classmethod
    def from_shares(
        cls,
        per_hour: Mapping[ConveyanceKind, Sequence[float]],
        shares: Mapping[ConveyanceKind, Mapping[Credential, float]],
    ) -> Demand:
        """Class totals per hour, split by the share of each class holding each credential."""
        streams: dict[Stream, tuple[float, ...]] = {}
        for kind, rates in per_hour.items():
            split = dict(shares.get(kind, {}))
            split.pop(Credential.NONE, None)
            if any(s < 0 for s in split.values()) or sum(split.values()) > 1 + 1e-9:
                raise ValidationFailed(
                    f"credentials.{kind}: shares must be >= 0 and add up to at most 1"
                )
            split[Credential.NONE] = max(0.0, 1.0 - sum(split.values()))
            for credential, share in split.items():
                if share > 0:
                    streams[(kind, credential)] = tuple(r * share for r in rates)
        return cls(streams)

    @property
    def hours(self) -> int:
        return max((len(r) for r in self.per_hour.values()), default=0)

    def total(self) -> float:
        return float(sum(sum(r) for r in self.per_hour.values()))

    def shifted(self, share: float, to: Credential) -> Demand:
        """Move ``share`` of the cars holding no credential to ``to`` (NEXUS or Ready)."""
        if not 0 <= share <= 1:
            raise ValidationFailed(f"the share to move must be between 0 and 1 (got {share})")
        if to not in (Credential.NEXUS, Credential.READY):
            raise ValidationFailed("travellers can be moved into NEXUS or Ready only")
        car = ConveyanceKind.CAR
        streams = dict(self.per_hour)
        plain = streams.get((car, Credential.NONE))
        if plain is None:
            return self
        moved = tuple(r * share for r in plain)
        streams[(car, Credential.NONE)] = tuple(r - m for r, m in zip(plain, moved, strict=True))
        before = streams.get((car, to), (0.0,) * len(plain))
        streams[(car, to)] = tuple(b + m for b, m in zip(before, moved, strict=True))
        return Demand(streams)


def generate(demand: Demand, rng: np.random.Generator) -> ArrivalStream:
    """Draw one day (or horizon) of arrivals from ``demand``."""
    if demand.total() > MAX_VEHICLES:
        raise ValidationFailed(f"at most {MAX_VEHICLES:,} vehicles can be simulated")
    times: list[npt.NDArray[np.float64]] = []
    kinds: list[npt.NDArray[np.int8]] = []
    creds: list[npt.NDArray[np.int8]] = []
    for (kind, credential), rate_list in sorted(demand.per_hour.items()):
        rates = np.asarray(rate_list, dtype=np.float64)
        counts = rng.poisson(rates)
        n = int(counts.sum())
        hour_of = np.repeat(np.arange(rates.size), counts)
        times.append((hour_of + rng.random(n)) * 3600.0)
        kinds.append(np.full(n, VEHICLE_CLASSES.index(kind), dtype=np.int8))
        creds.append(np.full(n, CREDENTIALS.index(credential), dtype=np.int8))
    if not times:
        empty = np.zeros(0)
        return ArrivalStream(empty, empty.astype(np.int8), empty.astype(np.int8))
    all_times = np.concatenate(times)
    order = np.argsort(all_times, kind="stable")
    return ArrivalStream(
        times=all_times[order],
        kinds=np.concatenate(kinds)[order],
        credentials=np.concatenate(creds)[order],
    )
