"""Days that move border traffic: Canadian and U.S. holidays, and CBSA's service standard.

Holidays come from the maintained ``holidays`` library (observed dates included). Both
countries count: a U.S. holiday fills the southbound lanes of a crossing as much as a
Canadian one fills the northbound. Provinces and states default to the Peace Arch pair,
British Columbia and Washington.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

DEFAULT_PROVINCE = "BC"
DEFAULT_STATE = "WA"

#: CBSA's service standard for land travellers: 10 minutes Monday to Thursday, 20 minutes
#: Friday to Sunday and on statutory holidays.
WEEKDAY_STANDARD_MINUTES = 10.0
WEEKEND_STANDARD_MINUTES = 20.0


@lru_cache(maxsize=32)
def _canada(years: tuple[int, ...], province: str) -> holidays.HolidayBase:
    return holidays.country_holidays("CA", subdiv=province, years=years)


@lru_cache(maxsize=32)
def _united_states(years: tuple[int, ...], state: str) -> holidays.HolidayBase:
    return holidays.country_holidays("US", subdiv=state, years=years)


class HolidayCalendar:
    """Canadian (provincial) and U.S. (state) holidays over a span of years."""

    def __init__(
        self,
        first_year: int,
        last_year: int,
        *,
        province: str = DEFAULT_PROVINCE,
        state: str = DEFAULT_STATE,
    ) -> None:
        years = tuple(range(first_year - 1, last_year + 2))
        self._ca = _canada(years, province)
        self._us = _united_states(years, state)

    def canadian(self, day: date) -> bool:
        return day in self._ca

    def american(self, day: date) -> bool:
        return day in self._us

    def name(self, day: date) -> str | None:
        names = [n for n in (self._ca.get(day), self._us.get(day)) if n]
        return " / ".join(dict.fromkeys(names)) or None

    def days_to_next(self, day: date, *, canadian: bool, limit: int = 14) -> int:
        """Days until the next holiday of one country (``limit`` when none is that near)."""
        table = self._ca if canadian else self._us
        for k in range(limit):
            if day + timedelta(days=k) in table:
                return k
        return limit

    def long_weekend(self, day: date) -> bool:
        """A Friday to Monday touching a holiday of either country (a three-day weekend)."""
        if day.weekday() not in (4, 5, 6, 0):
            return False
        friday = day - timedelta(days=(day.weekday() - 4) % 7)
        span = [friday + timedelta(days=k) for k in range(4)]
        return any(self.canadian(d) or self.american(d) for d in span)


def service_standard_minutes(day: date, calendar: HolidayCalendar | None = None) -> float:
    """CBSA's posted standard for ``day``: 10 min Mon-Thu, 20 min Fri-Sun and holidays."""
    calendar = calendar or HolidayCalendar(day.year, day.year)
    if day.weekday() >= 4 or calendar.canadian(day):
        return WEEKEND_STANDARD_MINUTES
    return WEEKDAY_STANDARD_MINUTES
