"""Erlang C: waiting in a queue served by ``c`` identical booths (the M/M/c model).

Written here rather than taken from a library because it is a dozen lines of textbook
algebra and the libraries that have it (queueing toolkits, SciPy-based packages) would
bring far more than they give. The Erlang B recursion keeps it stable for hundreds of
booths, where the factorial form overflows.

Symbols: arrival rate ``lam`` (vehicles per second), service rate of one booth ``mu``
(1 / mean service seconds), ``c`` booths, offered load ``a = lam / mu`` (erlangs),
utilisation ``rho = a / c``.
"""

from __future__ import annotations

import math

from smartborder.errors import ValidationFailed


def _check(lam: float, mu: float, c: int) -> None:
    if lam < 0 or not math.isfinite(lam):
        raise ValidationFailed(f"arrival rate must be a finite number >= 0 (got {lam})")
    if mu <= 0 or not math.isfinite(mu):
        raise ValidationFailed(f"service rate must be a finite number > 0 (got {mu})")
    if c < 0:
        raise ValidationFailed(f"booths must be >= 0 (got {c})")


def erlang_b(c: int, a: float) -> float:
    """The probability that all ``c`` servers are busy in a loss system (Erlang B)."""
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def probability_of_waiting(lam: float, mu: float, c: int) -> float:
    """Erlang C: the probability that an arriving vehicle finds every open booth busy.

    1.0 when the booths cannot keep up (``lam >= c * mu``): the queue grows without end.
    """
    _check(lam, mu, c)
    a = lam / mu
    if c == 0 or a >= c:
        return 1.0 if lam > 0 else 0.0
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def mean_wait_seconds(lam: float, mu: float, c: int) -> float:
    """The mean time in queue before a booth (``inf`` when the booths cannot keep up)."""
    _check(lam, mu, c)
    if lam == 0:
        return 0.0
    if c == 0 or lam >= c * mu:
        return math.inf
    return probability_of_waiting(lam, mu, c) / (c * mu - lam)


def wait_exceeds(lam: float, mu: float, c: int, seconds: float) -> float:
    """P(wait > ``seconds``): the share of vehicles that wait longer than a target."""
    _check(lam, mu, c)
    if lam == 0:
        return 0.0
    if c == 0 or lam >= c * mu:
        return 1.0
    return probability_of_waiting(lam, mu, c) * math.exp(-(c * mu - lam) * seconds)


def fewest_booths(
    lam: float,
    mu: float,
    target_seconds: float,
    *,
    share_within: float | None = None,
    limit: int = 500,
) -> int:
    """The fewest booths that hold a wait target under Erlang C.

    With ``share_within`` None the target is on the mean wait; otherwise at least that
    share of vehicles (0.9 for "nine in ten") must wait no longer than the target.
    """
    _check(lam, mu, 0)
    if target_seconds < 0:
        raise ValidationFailed(f"the wait target must be >= 0 (got {target_seconds})")
    if share_within is not None and not 0 < share_within < 1:
        raise ValidationFailed(f"share_within must be between 0 and 1 (got {share_within})")
    if lam == 0:
        return 0
    c = max(1, math.floor(lam / mu) + 1)
    while c <= limit:
        if share_within is None:
            if mean_wait_seconds(lam, mu, c) <= target_seconds:
                return c
        elif wait_exceeds(lam, mu, c, target_seconds) <= 1 - share_within:
            return c
        c += 1
    raise ValidationFailed(f"no staffing of up to {limit} booths holds the wait target")
