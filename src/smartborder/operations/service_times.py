"""Service-time distributions at a booth, and drawing from them with numpy.

Booth times are positive and right-skewed (most cars take half a minute, a few take
several), so the default is the lognormal given by its mean and coefficient of variation;
the exponential is there for M/M/c checks against Erlang C, the gamma as a middle ground
and the fixed time for teaching examples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from smartborder.errors import ValidationFailed

FloatArray = npt.NDArray[np.float64]


class Distribution(StrEnum):
    EXPONENTIAL = "exponential"
    LOGNORMAL = "lognormal"
    GAMMA = "gamma"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class ServiceTime:
    """How long a booth takes over one vehicle: a distribution, its mean and spread."""

    mean_seconds: float
    distribution: Distribution = Distribution.LOGNORMAL
    cv: float = 0.6  # coefficient of variation: standard deviation / mean

    def __post_init__(self) -> None:
        if not (math.isfinite(self.mean_seconds) and 0 < self.mean_seconds <= 86_400):
            raise ValidationFailed(
                f"mean_seconds must be > 0 and at most a day (got {self.mean_seconds})"
            )
        if not (math.isfinite(self.cv) and 0 <= self.cv <= 10):
            raise ValidationFailed(f"cv must be between 0 and 10 (got {self.cv})")
        if self.distribution in (Distribution.LOGNORMAL, Distribution.GAMMA) and self.cv == 0:
            raise ValidationFailed(f"a {self.distribution} service time needs cv > 0")

    @property
    def rate(self) -> float:
        """Vehicles per second that one booth clears: 1 / mean."""
        return 1.0 / self.mean_seconds

    def scaled(self, factor: float) -> ServiceTime:
        """The same shape with its mean multiplied by ``factor`` (a faster or slower lane)."""
        return ServiceTime(self.mean_seconds * factor, self.distribution, self.cv)

    def draw(self, rng: np.random.Generator, n: int) -> FloatArray:
        """``n`` service times in seconds."""
        mean = self.mean_seconds
        if self.distribution is Distribution.EXPONENTIAL:
            return rng.exponential(mean, n)
        if self.distribution is Distribution.FIXED:
            return np.full(n, mean)
        if self.distribution is Distribution.GAMMA:
            shape = 1.0 / (self.cv * self.cv)
            return rng.gamma(shape, mean / shape, n)
        sigma2 = math.log1p(self.cv * self.cv)
        return rng.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2), n)
