"""Holidays of both countries, and CBSA's service standard by day."""

from __future__ import annotations

from datetime import date

from smartborder.operations.calendar import HolidayCalendar, service_standard_minutes


def test_both_countries_holidays_are_known() -> None:
    calendar = HolidayCalendar(2019, 2019)
    assert calendar.canadian(date(2019, 7, 1))  # Canada Day
    assert calendar.american(date(2019, 7, 4))  # Independence Day
    assert calendar.canadian(date(2019, 2, 18))  # BC Family Day
    assert not calendar.american(date(2019, 7, 1))
    assert calendar.days_to_next(date(2019, 6, 28), canadian=True) == 3
    assert calendar.long_weekend(date(2019, 5, 18))  # Victoria Day weekend
    assert not calendar.long_weekend(date(2019, 6, 12))


def test_service_standard_is_ten_minutes_mid_week_and_twenty_otherwise() -> None:
    assert service_standard_minutes(date(2026, 7, 6)) == 10  # a Monday
    assert service_standard_minutes(date(2026, 7, 9)) == 10  # a Thursday
    assert service_standard_minutes(date(2026, 7, 3)) == 20  # a Friday
    assert service_standard_minutes(date(2026, 7, 5)) == 20  # a Sunday
    assert service_standard_minutes(date(2026, 7, 1)) == 20  # Canada Day, a Wednesday
