"""Interviews at the enrolment centres: booking a slot, and the wait for one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Role, User
from smartborder.domain.applications import Application, ApplicationStatus, EnrolmentCentre
from smartborder.errors import Conflict, InvalidInput, ValidationFailed
from smartborder.programmes import interviews
from smartborder.programmes.interviews import book, first_free_day, outlook, read_centres

CENTRES = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "centres.csv"
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)  # a Thursday
CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)
TINY = EnrolmentCentre("TNY", "Tiny centre", 2)  # Monday to Friday, two a day


@pytest.fixture
def units(memory_container: Container):  # type: ignore[no-untyped-def]
    with memory_container.units() as uow:
        uow.centres.put_many([TINY])
        uow.commit()
    return memory_container.units


def approved(units, n: int) -> str:  # type: ignore[no-untyped-def]
    """A conditionally approved application at CBSA's node."""
    from tests.unit.programmes.test_applications import applicant

    application = Application(
        id=f"00000000-0000-7000-8000-{n:012d}",
        programme="nexus",  # type: ignore[arg-type]
        applicant=replace(applicant(), surname=f"APPLICANT{n}"),
        status=ApplicationStatus.CONDITIONALLY_APPROVED,
        submitted_at=NOW,
        updated_at=NOW,
        home=Agency.CBSA,
    )
    with units() as uow:
        uow.applications.add(application)
        uow.commit()
    return application.id


def test_the_shipped_centres_read_with_their_open_days() -> None:
    found = {c.code: c for c in read_centres(CENTRES.read_text(encoding="utf-8"))}
    assert found["YVR"].open_weekdays == frozenset(range(6))
    assert found["LAN"].open_weekdays == frozenset({0, 1, 3, 4})
    assert found["BLA"].interviews_per_day == 120 and found["BLA"].no_show_rate == 0.08


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("BLA,Blaine,0,mon-fri,0.1", "line 2: interviews_per_day must be from 1"),
        ("BLA,Blaine,10,fri-mon,0.1", "runs backwards"),
        ("BLA,Blaine,10,someday,0.1", "days are mon, tue"),
        ("BLA,Blaine,10,mon,1.5", "no_show_rate must be from 0"),
        ("B,Blaine,10,mon,0", "is not 2 to 8 letters"),
        ("BLÉ,Blaine,10,mon,0", "is not 2 to 8 letters"),
    ],
)
def test_a_bad_centre_line_is_named(row: str, problem: str) -> None:
    text = "code,name,interviews_per_day,open_weekdays,no_show_rate\n" + row + "\n"
    with pytest.raises(InvalidInput, match=problem):
        read_centres(text)


def test_bookings_fill_a_day_and_go_on_to_the_next_open_one(units) -> None:  # type: ignore[no-untyped-def]
    days = [
        book(units(), CLERK, approved(units, n), "TNY", now=NOW).interview.day  # type: ignore[union-attr]
        for n in range(5)
    ]
    # Friday twice, then Monday twice (the weekend is closed), then Tuesday.
    assert days == [date(2026, 12, 4)] * 2 + [date(2026, 12, 7)] * 2 + [date(2026, 12, 8)]
    with units() as uow:
        assert first_free_day(uow, TINY, NOW.date()) == date(2026, 12, 8)
        assert uow.applications.waiting_at("TNY") == 5


def test_a_chosen_day_must_be_open_free_and_ahead(units) -> None:  # type: ignore[no-untyped-def]
    for n in range(2):
        book(units(), CLERK, approved(units, n), "TNY", now=NOW, day=date(2026, 12, 10))
    late = approved(units, 9)
    with pytest.raises(Conflict, match="fully booked on 2026-12-10"):
        book(units(), CLERK, late, "TNY", now=NOW, day=date(2026, 12, 10))
    with pytest.raises(ValidationFailed, match="closed on Saturday"):
        book(units(), CLERK, late, "TNY", now=NOW, day=date(2026, 12, 5))
    with pytest.raises(ValidationFailed, match="from tomorrow"):
        book(units(), CLERK, late, "TNY", now=NOW, day=NOW.date())
    moved = book(units(), CLERK, late, "TNY", now=NOW, day=date(2026, 12, 11))
    assert moved.status is ApplicationStatus.INTERVIEW_BOOKED
    again = book(units(), CLERK, late, "TNY", now=NOW, day=date(2026, 12, 11))  # its own slot
    assert again.interview is not None and again.interview.day == date(2026, 12, 11)


def test_only_a_conditionally_approved_applicant_books_at_the_home_node(units) -> None:  # type: ignore[no-untyped-def]
    application_id = approved(units, 1)
    partner = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBP)
    with pytest.raises(Conflict, match="booked there"):
        book(units(), partner, application_id, "TNY", now=NOW)
    with pytest.raises(Exception, match="no enrolment centre XYZ"):
        book(units(), CLERK, application_id, "XYZ", now=NOW)


def test_the_outlook_forecasts_from_who_is_booked(units) -> None:  # type: ignore[no-untyped-def]
    for n in range(6):
        book(units(), CLERK, approved(units, n), "TNY", now=NOW)
    (view,) = outlook(units(), now=NOW)
    assert view.centre == TINY and view.forecast.waiting == 6
    assert view.first_free_day == date(2026, 12, 9)
    # Six booked in the last four weeks at two a day: the queue shrinks and clears.
    assert view.forecast.arrivals_per_day == pytest.approx(6 / interviews.RECENT_DAYS)
    assert view.forecast.clears_on is not None
