"""NEXUS interview backlog: the wait for an interview at an enrolment centre (issue 16).

A conditionally approved NEXUS applicant waits for an interview slot at the enrolment
centre of their choice. :func:`forecast` says how long someone joining the queue today
waits and whether (and when) the centre's backlog clears; :func:`simulate` runs the same
centre day by day with chance in it (``backlog_simulation``), so that the benchmark can
check one against the other (``bench/programmes_backlog.py``).

Why our own code: no library forecasts an interview queue with a weekday calendar and
no-shows that rebook. A general queueing library (M/M/c formulas, SimPy) would add a
dependency for a few dozen lines, and its steady-state formulas do not apply anyway: a
backlog of thousands far from equilibrium is a fluid problem, not a steady-state one.

The model (its assumptions are also returned in words, :attr:`BacklogForecast.assumptions`):
first come, first served; applicants arrive at a steady rate on every calendar day; the
centre interviews on open days only (no holidays, closures or staffing changes); a
booked slot is a no-show with probability ``no_show_rate``, and the applicant keeps
their place and is rebooked on the next open day, so each needs ``1 / (1 - rate)`` slots
on average; a day's applicants join after that day's interviews; today counts if the
centre is open; the wait is in calendar days, to the interview of one who attends.

Fluid model: the queue moves at exactly its average rates, day by day (``persons`` below:
waiting + arrivals so far - interviews held). The backlog clears on the first day with a
slot for everyone waiting. The applicant joining today is served on the first open day
on which fewer of those ahead remain than that day has slots. Arrivals after today
cannot delay them (they join behind), so the chance in their wait is the no-shows alone:
before their day every slot went to someone ahead, so the interviews held in ``n`` slots
are Binomial(n, 1 - no_show_rate), taken here by its normal approximation (with a
continuity correction). That gives the wait's distribution, hence its mean and a
percentile; with no no-shows the wait is certain and both equal the fluid answer.

Capacity that is not a whole number (62.5 a day) is spread by cumulative rounding: the
first ``m`` open days hold ``floor(62.5 * m)`` slots, so days of 62 and 63 alternate.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from smartborder.errors import ValidationFailed

__all__ = [
    "BacklogForecast",
    "Centre",
    "InvalidBacklogInput",
    "forecast",
]

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONDAY_TO_FRIDAY = frozenset(range(5))
# A wait longer than this is a typing mistake, not a forecast; refusing it also bounds
# the day-by-day loops below.
MOST_OPEN_DAYS = 36_500
# Float products such as 0.1 * 30 land a hair under the integer they stand for.
_EPSILON = 1e-9
# The wait's distribution is followed until this little of it is left.
_TAIL = 1e-9


class InvalidBacklogInput(ValidationFailed, ValueError):
    """A centre or a queue the backlog model cannot work with (422 / exit 2).

    Also a ``ValueError``, for callers that use the engine without the rest of the
    hierarchy.
    """


@dataclass(frozen=True)
class Centre:
    """An enrolment centre: where conditionally approved applicants are interviewed."""

    code: str
    name: str
    #: Interviews the centre can hold on one open day.
    interviews_per_day: float
    #: The days of the week it holds interviews (0 = Monday).
    open_weekdays: frozenset[int] = field(default=MONDAY_TO_FRIDAY)
    #: The share of booked slots not used: the applicant rebooks, the slot is lost.
    no_show_rate: float = 0.0

    def __post_init__(self) -> None:
        rate = self.interviews_per_day
        if not math.isfinite(rate) or rate < 0:
            raise InvalidBacklogInput(
                f"centre {self.code}: interviews per day must be a finite number >= 0 (got {rate})"
            )
        if not self.open_weekdays <= frozenset(range(7)):
            raise InvalidBacklogInput(
                f"centre {self.code}: open weekdays must be 0 (Monday) to 6 (Sunday) "
                f"(got {sorted(self.open_weekdays)})"
            )
        if not 0 <= self.no_show_rate < 1:
            raise InvalidBacklogInput(
                f"centre {self.code}: the no-show rate must be at least 0 and below 1 "
                f"(got {self.no_show_rate})"
            )

    @property
    def interviews_per_calendar_day(self) -> float:
        """Interviews held (no-shows taken out) per calendar day, on average."""
        share_open = len(self.open_weekdays) / 7
        return self.interviews_per_day * (1 - self.no_show_rate) * share_open


@dataclass(frozen=True)
class BacklogForecast:
    """How long an applicant joining one centre's queue today waits, and what follows."""

    centre: str
    on: date
    waiting: int
    arrivals_per_day: float
    #: Interviews held per calendar day on average (no-shows taken out).
    capacity_per_day: float
    #: The mean wait in calendar days for an applicant joining today.
    expected_wait_days: float
    #: The percentile of ``percentile_wait_days`` (90.0: nine in ten wait no longer).
    percentile: float
    percentile_wait_days: int
    #: The first day with a slot for everyone waiting; None when the backlog grows or
    #: does not clear within the horizon.
    clears_on: date | None
    #: Applicants arrive faster than the centre interviews them.
    growing: bool
    assumptions: tuple[str, ...]


def forecast(
    centre: Centre,
    waiting: int,
    arrivals_per_day: float,
    *,
    on: date,
    horizon_days: int = 730,
    percentile: float = 90.0,
) -> BacklogForecast:
    """Forecast the wait for an applicant joining ``centre``'s queue ``on`` a day.

    ``waiting`` applicants are ahead of them; ``arrivals_per_day`` more are conditionally
    approved each calendar day. The clearing day is looked for ``horizon_days`` ahead.
    """
    check_queue(centre, waiting, arrivals_per_day)
    check_horizon(horizon_days)
    if not 0 < percentile < 100:
        raise InvalidBacklogInput(f"the percentile must be between 0 and 100 (got {percentile})")
    expected, at_percentile = _wait(centre, waiting, on, percentile / 100)
    clears = _clears_on(centre, waiting, arrivals_per_day, on, horizon_days)
    growing = arrivals_per_day > centre.interviews_per_calendar_day
    return BacklogForecast(
        centre=centre.code,
        on=on,
        waiting=waiting,
        arrivals_per_day=arrivals_per_day,
        capacity_per_day=centre.interviews_per_calendar_day,
        expected_wait_days=expected,
        percentile=percentile,
        percentile_wait_days=at_percentile,
        clears_on=clears,
        growing=growing,
        assumptions=_assumptions(
            centre, waiting, arrivals_per_day, percentile, horizon_days, clears, growing
        ),
    )


def check_queue(centre: Centre, waiting: int, arrivals_per_day: float) -> None:
    if centre.interviews_per_day == 0 or not centre.open_weekdays:
        raise InvalidBacklogInput(
            f"centre {centre.code} holds no interviews ({centre.interviews_per_day:g} a day "
            f"on {_weekdays_text(centre.open_weekdays)}): nobody waiting is ever seen"
        )
    if waiting < 0:
        raise InvalidBacklogInput(f"applicants waiting must be 0 or more (got {waiting})")
    if not math.isfinite(arrivals_per_day) or arrivals_per_day < 0:
        raise InvalidBacklogInput(
            f"arrivals per day must be a finite number >= 0 (got {arrivals_per_day})"
        )
    open_days = (waiting + 1) / (centre.interviews_per_day * (1 - centre.no_show_rate))
    if open_days > MOST_OPEN_DAYS:
        raise InvalidBacklogInput(
            f"{waiting} waiting at {centre.code} would take {open_days:,.0f} open days to "
            "interview: check the figures"
        )


def check_horizon(days: int) -> None:
    if days < 1:
        raise InvalidBacklogInput(f"the number of days must be at least 1 (got {days})")


def calendar(centre: Centre, on: date) -> Iterator[tuple[int, int]]:
    """(days after ``on``, slots that day) for every day from ``on``, 0 slots when shut."""
    first_weekday = on.weekday()
    booked = 0
    opened = 0
    day = 0
    while True:
        slots = 0
        if (first_weekday + day) % 7 in centre.open_weekdays:
            opened += 1
            total = math.floor(centre.interviews_per_day * opened + _EPSILON)
            slots, booked = total - booked, total
        yield day, slots
        day += 1


def _wait(centre: Centre, waiting: int, on: date, share: float) -> tuple[float, int]:
    """The mean wait and the wait at ``share`` (0.9) of the applicant joining today.

    Follows P(interviewed by open day m) = P(interviews held before m >= waiting + 1 -
    slots on m): once that many of those ahead are done, the day's slots reach them.
    """
    attend = 1 - centre.no_show_rate
    mean = 0.0
    served = 0.0
    at_share: int | None = None
    before = 0
    for day, slots in calendar(centre, on):
        if slots == 0:
            continue
        by_now = max(served, _at_least(before, attend, waiting + 1 - slots))
        mean += day * (by_now - served)
        served = by_now
        if at_share is None and served >= share:
            at_share = day
        if served >= 1 - _TAIL:
            return mean + day * (1 - served), at_share if at_share is not None else day
        before += slots
    raise AssertionError("unreachable: the calendar never ends")


def _at_least(trials: int, chance: float, needed: int) -> float:
    """P(X >= needed) for X ~ Binomial(trials, chance), by the normal approximation."""
    if needed <= 0:
        return 1.0
    if needed > trials:
        return 0.0
    if chance == 1:
        return 1.0
    mean = trials * chance
    spread = math.sqrt(trials * chance * (1 - chance))
    # P(X >= k) = P(X > k - 0.5) for an integer X: the continuity correction.
    return 0.5 * math.erfc((needed - 0.5 - mean) / (spread * math.sqrt(2)))


def _clears_on(
    centre: Centre, waiting: int, arrivals_per_day: float, on: date, horizon_days: int
) -> date | None:
    """The first day with a slot for everyone waiting (fluid model), within the horizon."""
    attend = 1 - centre.no_show_rate
    persons = float(waiting)
    for day, slots in islice(calendar(centre, on), horizon_days):
        if persons <= slots:
            return on + timedelta(days=day)
        # Every slot is used while the backlog lasts; the day's applicants join after.
        persons += arrivals_per_day - attend * slots
    return None


def _weekdays_text(weekdays: frozenset[int]) -> str:
    days = sorted(weekdays)
    if not days:
        return "no day"
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{WEEKDAYS[days[0]]}–{WEEKDAYS[days[-1]]}"
    return ", ".join(WEEKDAYS[d] for d in days)


def _assumptions(
    centre: Centre,
    waiting: int,
    arrivals_per_day: float,
    percentile: float,
    horizon_days: int,
    clears: date | None,
    growing: bool,
) -> tuple[str, ...]:
    rate = centre.no_show_rate
    if clears is not None:
        outcome = (
            f"The backlog clears on {clears:%d %B %Y}, the first day with a slot for everyone "
            "waiting, if arrivals and no-shows keep to their average rates."
        )
    elif growing:
        outcome = (
            f"Applicants arrive faster ({arrivals_per_day:g} a day) than the centre "
            f"interviews them ({centre.interviews_per_calendar_day:.1f} a day): the backlog "
            "grows and never clears."
        )
    else:
        outcome = f"The backlog does not clear within {horizon_days} days."
    return (
        f"First come, first served: an applicant joining today is interviewed after the "
        f"{waiting:,} already waiting; nobody who joins later overtakes them.",
        f"{arrivals_per_day:g} applicants are conditionally approved each calendar day, "
        "steadily; they change when the backlog clears, not this applicant's wait.",
        f"The centre holds {centre.interviews_per_day:g} interviews on each open day "
        f"({_weekdays_text(centre.open_weekdays)}) and none on other days; holidays, "
        "closures and staffing changes are not modelled.",
        f"{rate:.0%} of booked interviews are no-shows; the applicant keeps their place and "
        f"is rebooked on the next open day, so each applicant uses {1 / (1 - rate):.2f} "
        "slots on average.",
        "The wait counts calendar days from today (today included when the centre is "
        "open) to the interview, for an applicant who attends it.",
        f"The {percentile:g}th percentile allows for chance in no-shows only (a normal "
        "approximation to the binomial count of interviews held); capacity is taken as "
        "given.",
        outcome,
    )
