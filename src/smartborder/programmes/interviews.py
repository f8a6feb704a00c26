"""Interviews at the joint enrolment centres: the centres, booking a slot, the wait.

A conditionally approved applicant books an interview at a centre, on an open day that
still has a slot (the first one, unless they choose). The booking is made at the node the
applicant applied at and shared with the partner's, whose officers interview with ours.

The wait is given two ways: the first free day, read from the centre's calendar, which is
what an applicant booking today gets; and the queue model's forecast
(``operations.interview_backlog``) from the applicants booked and not yet interviewed and
the bookings of the last four weeks, which says whether the backlog grows and when it
would clear, with its assumptions in words.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from smartborder.domain import AuditAction, AuditEvent, User
from smartborder.domain.applications import (
    Application,
    ApplicationStatus,
    EnrolmentCentre,
    Interview,
)
from smartborder.errors import Conflict, InvalidInput, NotFound, ValidationFailed
from smartborder.formats.programme_records import Change
from smartborder.operations.interview_backlog import BacklogForecast, Centre, forecast
from smartborder.programmes.lifecycle import at_home, changed, event, get, save
from smartborder.programmes.sharing import Sharing, share_decision
from smartborder.programmes.unit import ProgrammesUnit

S = ApplicationStatus
#: How far ahead an interview is booked, and the free day looked for.
HORIZON_DAYS = 730
#: The bookings whose pace the forecast takes as the arrivals to come.
RECENT_DAYS = 28
CENTRE_COLUMNS = ("code", "name", "interviews_per_day", "open_weekdays", "no_show_rate")
MAX_CENTRES = 500
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def read_centres(text: str) -> list[EnrolmentCentre]:
    """Centres from CSV (``code,name,interviews_per_day,open_weekdays,no_show_rate``;
    open days as ``mon-fri`` or ``mon,tue,sat``); InvalidInput naming the line."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or set(CENTRE_COLUMNS) - set(reader.fieldnames):
        raise InvalidInput(f"the header must name {', '.join(CENTRE_COLUMNS)}")
    centres: dict[str, EnrolmentCentre] = {}
    for line, row in enumerate(reader, start=2):
        try:
            centre = _centre(row)
        except ValueError as exc:
            raise InvalidInput(f"line {line}: {exc}") from None
        if centre.code in centres:
            raise InvalidInput(f"line {line}: centre {centre.code} is given twice")
        centres[centre.code] = centre
        if len(centres) > MAX_CENTRES:
            raise InvalidInput(f"more than {MAX_CENTRES} centres")
    if not centres:
        raise InvalidInput("no centre in the file")
    return list(centres.values())


def _centre(row: dict[str, str | None]) -> EnrolmentCentre:
    code = (row.get("code") or "").strip().upper()
    name = (row.get("name") or "").strip()
    if not (code.isascii() and code.isalnum()) or not 2 <= len(code) <= 8:
        raise ValueError(f"code {code!r} is not 2 to 8 letters or digits")
    if not 1 <= len(name) <= 200 or not name.isprintable():
        raise ValueError("name must be 1 to 200 printable characters")
    try:
        per_day = int(row.get("interviews_per_day") or "")
        no_shows = float(row.get("no_show_rate") or "0")
    except ValueError:
        raise ValueError("interviews_per_day is a whole number, no_show_rate a share") from None
    if not 1 <= per_day <= 10_000:
        raise ValueError("interviews_per_day must be from 1 to 10,000")
    if not 0 <= no_shows < 1:
        raise ValueError("no_show_rate must be from 0 to below 1")
    return EnrolmentCentre(code, name, per_day, _weekdays(row.get("open_weekdays") or ""), no_shows)


def _weekdays(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in _WEEKDAYS or (last and last not in _WEEKDAYS):
            raise ValueError(f"open_weekdays {text!r}: days are mon, tue, ... sun")
        start, end = _WEEKDAYS[first], _WEEKDAYS[last or first]
        if end < start:
            raise ValueError(f"open_weekdays {text!r}: {part} runs backwards")
        days.update(range(start, end + 1))
    return frozenset(days)


def load_centres(uow: ProgrammesUnit, user: User, text: str) -> list[EnrolmentCentre]:
    """Store the centres of a CSV file (replacing those of the same code); audited."""
    centres = read_centres(text)
    with uow:
        uow.centres.put_many(centres)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.UPDATE,
                purpose="enrolment centres",
                record_type="enrolment_centre",
                detail={"codes": [c.code for c in centres]},
            )
        )
        uow.commit()
    return centres


def _the_centre(uow: ProgrammesUnit, code: str) -> EnrolmentCentre:
    centre = uow.centres.get(code.upper())
    if centre is None:
        known = ", ".join(c.code for c in uow.centres.list()) or "none loaded"
        raise NotFound(f"no enrolment centre {code} (known: {known})")
    return centre


def first_free_day(uow: ProgrammesUnit, centre: EnrolmentCentre, after: date) -> date | None:
    """The first open day after ``after`` with a slot left, within the horizon."""
    last = after + timedelta(days=HORIZON_DAYS)
    booked = uow.applications.booked(centre.code, after + timedelta(days=1), last)
    day = after + timedelta(days=1)
    while day <= last:
        if centre.opens_on(day) and booked.get(day, 0) < centre.interviews_per_day:
            return day
        day += timedelta(days=1)
    return None


def book(
    uow: ProgrammesUnit,
    user: User,
    application_id: str,
    centre_code: str,
    *,
    now: datetime,
    day: date | None = None,
    share: Sharing | None = None,
) -> Application:
    """Book (or move) the applicant's interview at a centre: on ``day`` if it is open
    and has a slot, else the first free day; at the node the applicant applied at."""
    with uow:
        application = get(uow, application_id)
        at_home(application, user.agency, "booked")
        if application.status not in (S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED):
            raise Conflict(
                f"application {application_id} is {application.status}: only a "
                "conditionally approved applicant books an interview"
            )
        centre = _the_centre(uow, centre_code)
        today = now.date()
        if day is None:
            day = first_free_day(uow, centre, today)
            if day is None:
                raise Conflict(f"{centre.name} has no free slot in {HORIZON_DAYS} days")
        elif day <= today or day > today + timedelta(days=HORIZON_DAYS):
            raise ValidationFailed(
                f"an interview is booked from tomorrow to {HORIZON_DAYS} days on"
            )
        elif not centre.opens_on(day):
            raise ValidationFailed(f"{centre.name} is closed on {day:%A} {day}")
        else:
            taken = uow.applications.booked(centre.code, day, day).get(day, 0)
            current = application.interview
            if current is not None and (current.centre, current.day) == (centre.code, day):
                taken -= 1  # the applicant's own slot
            if taken >= centre.interviews_per_day:
                raise Conflict(f"{centre.name} is fully booked on {day}")
        updated = changed(
            application,
            now,
            status=S.INTERVIEW_BOOKED,
            interview=Interview(centre.code, day, now),
        )
        updated = save(uow, application, updated)
        share_decision(share, uow, updated, user.agency, Change.BOOKING, now)
        uow.audit.append(
            event(
                user,
                AuditAction.UPDATE,
                updated,
                "trusted traveller interview booking",
                centre=centre.code,
                day=day.isoformat(),
            )
        )
        uow.commit()
    return updated


@dataclass(frozen=True)
class CentreOutlook:
    """A centre's wait: the first free day, and the queue model's forecast."""

    centre: EnrolmentCentre
    first_free_day: date | None
    forecast: BacklogForecast


def outlook(uow: ProgrammesUnit, *, now: datetime) -> list[CentreOutlook]:
    """Every centre's wait as of ``now``."""
    today = now.date()
    found = []
    with uow:
        for centre in uow.centres.list():
            waiting = uow.applications.waiting_at(centre.code)
            recent = uow.applications.booked_since(centre.code, now - timedelta(days=RECENT_DAYS))
            model = Centre(
                centre.code,
                centre.name,
                float(centre.interviews_per_day),
                centre.open_weekdays,
                no_show_rate=centre.no_show_rate,
            )
            found.append(
                CentreOutlook(
                    centre,
                    first_free_day(uow, centre, today),
                    forecast(model, waiting, recent / RECENT_DAYS, on=today),
                )
            )
    return found


@dataclass(frozen=True)
class CalendarDay:
    day: date
    open: bool
    booked: int
    capacity: int  # 0 on a closed day

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


CALENDAR_DAYS = 28


def calendar(
    uow: ProgrammesUnit, centre_code: str, first: date, days: int = CALENDAR_DAYS
) -> tuple[EnrolmentCentre, list[CalendarDay]]:
    """A centre's interviews day by day from ``first``: booked against capacity (counts
    only: no applicant is named, so it is not a read of personal data)."""
    if not 1 <= days <= 366:
        raise ValidationFailed("a calendar shows 1 to 366 days")
    with uow:
        centre = _the_centre(uow, centre_code)
        last = first + timedelta(days=days - 1)
        booked = uow.applications.booked(centre.code, first, last)
    shown = []
    for n in range(days):
        day = first + timedelta(days=n)
        opens = centre.opens_on(day)
        shown.append(
            CalendarDay(day, opens, booked.get(day, 0), centre.interviews_per_day if opens else 0)
        )
    return centre, shown
