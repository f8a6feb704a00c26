"""Trusted-traveller applications as JSON, the way the SQL store keeps them whole.

Every field comes back exactly as it was written: dates as ISO dates, times as ISO
instants in UTC (a time given at another offset comes back as the same instant in UTC; a
naive one is refused, as ``tables.types.UtcDateTime`` refuses it), enumerations by their
values, tuples as lists. The store reads only rows it wrote, but a row that cannot be read
(edited by hand, cut short) raises a ValueError naming the application and the field,
rather than giving back an application with something missing or of the wrong type.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from smartborder.domain.agencies import Agency
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Declarations,
    Ground,
    GroundKind,
    IdentityDocument,
    Interview,
    Notice,
    NoticeKind,
    Period,
    Programme,
    Recourse,
    RecourseStatus,
    Vetting,
    VettingDecision,
)

#: The layout of the body; a reader refuses one it does not know.
FORMAT = 1

E = TypeVar("E", bound=StrEnum)


def to_json(application: Application) -> str:
    """The whole application as JSON text (a naive time raises ValueError)."""
    return json.dumps(_application(application), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str, *, expected_id: str | None = None) -> Application:
    """The application ``to_json`` wrote; ``expected_id`` is the id the caller holds the
    body under (a row's), named in the error if the body cannot be read and checked."""
    name = f"application {expected_id}" if expected_id is not None else "a stored application"
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} cannot be read: its body is not JSON ({exc})") from exc
    if expected_id is None and isinstance(data, dict) and isinstance(data.get("id"), str):
        name = f"application {data['id']}"
    try:
        application = _read_application(_Fields(data, ""))
    except ValueError as exc:
        raise ValueError(f"{name} cannot be read: {exc}") from exc
    if expected_id is not None and application.id != expected_id:
        raise ValueError(f"{name} cannot be read: its body is application {application.id}")
    return application


# Writing.


def _instant(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetimes are not stored; give a timezone")
    return moment.astimezone(UTC).isoformat()


def _optional_instant(moment: datetime | None) -> str | None:
    return _instant(moment) if moment is not None else None


def _day(day: date) -> str:
    if isinstance(day, datetime):  # a date is wanted: the time would be lost on reading
        raise ValueError(f"a date is wanted, not the time {day.isoformat()}")
    return day.isoformat()


def _optional_day(day: date | None) -> str | None:
    return _day(day) if day is not None else None


def _grounds(grounds: tuple[Ground, ...]) -> list[dict[str, Any]]:
    return [{"kind": g.kind.value, "ref": g.ref, "text": g.text} for g in grounds]


def _period(period: Period) -> dict[str, Any]:
    return {
        "start": _day(period.start),
        "end": _optional_day(period.end),
        "lines": list(period.lines),
    }


def _applicant(applicant: Applicant) -> dict[str, Any]:
    return {
        "surname": applicant.surname,
        "given_names": list(applicant.given_names),
        "birth_date": _day(applicant.birth_date),
        "nationality": applicant.nationality,
        "sex": applicant.sex,
        "language": applicant.language,
        "documents": [
            {
                "type": d.type,
                "number": d.number,
                "issuing_country": d.issuing_country,
                "expiry_date": _day(d.expiry_date),
            }
            for d in applicant.documents
        ],
        "addresses": [_period(p) for p in applicant.addresses],
        "employment": [_period(p) for p in applicant.employment],
        "declarations": {
            "criminal_convictions": applicant.declarations.criminal_convictions,
            "customs_or_immigration_violations": (
                applicant.declarations.customs_or_immigration_violations
            ),
        },
    }


def _application(a: Application) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "id": a.id,
        "programme": a.programme.value,
        "applicant": _applicant(a.applicant),
        "status": a.status.value,
        "submitted_at": _instant(a.submitted_at),
        "updated_at": _instant(a.updated_at),
        "home": a.home.value,
        "vetting": [
            {
                "agency": v.agency.value,
                "decision": v.decision.value,
                "grounds": _grounds(v.grounds),
                "decided_at": _optional_instant(v.decided_at),
            }
            for v in a.vetting
        ],
        "passid": a.passid,
        "expiry_date": _optional_day(a.expiry_date),
        "notices": [
            {
                "id": n.id,
                "kind": n.kind.value,
                "agency": n.agency.value,
                "language": n.language,
                "text": n.text,
                "grounds": _grounds(n.grounds),
                "issued_at": _instant(n.issued_at),
                "recourse_deadline": _optional_day(n.recourse_deadline),
            }
            for n in a.notices
        ],
        "recourses": [
            {
                "notice_id": r.notice_id,
                "opened_at": _instant(r.opened_at),
                "deadline": _day(r.deadline),
                "status": r.status.value,
                "statement": r.statement,
                "decided_by": r.decided_by,
                "decided_at": _optional_instant(r.decided_at),
            }
            for r in a.recourses
        ],
        "version": a.version,
        "history": [{"at": _instant(at), "status": status.value} for at, status in a.history],
        "interview": None
        if a.interview is None
        else {
            "centre": a.interview.centre,
            "day": _day(a.interview.day),
            "booked_at": _instant(a.interview.booked_at),
        },
    }


# Reading: every value is checked for its type, and an error names where it is.


class _Fields:
    """One JSON object of the body, read field by field."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise ValueError(f"{path or 'the body'} is not an object")
        self._data: dict[str, object] = value
        self._path = path

    def _at(self, key: str) -> str:
        return f"{self._path}.{key}" if self._path else key

    def _get(self, key: str) -> object:
        if key not in self._data:
            raise ValueError(f"{self._at(key)} is missing")
        return self._data[key]

    def _wrong(self, key: str, wanted: str) -> ValueError:
        return ValueError(f"{self._at(key)} is not {wanted}: {self._data.get(key)!r:.80}")

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self._wrong(key, "a string")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self._get(key) is None else self.text(key)

    def flag(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false")
        return value

    def number(self, key: str) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "a whole number")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._list(key)
        if not all(isinstance(v, str) for v in values):
            raise self._wrong(key, "a list of strings")
        return tuple(str(v) for v in values)

    def day(self, key: str) -> date:
        try:
            return date.fromisoformat(self.text(key))
        except ValueError:
            raise self._wrong(key, "an ISO date") from None

    def optional_day(self, key: str) -> date | None:
        return None if self._get(key) is None else self.day(key)

    def instant(self, key: str) -> datetime:
        try:
            moment = datetime.fromisoformat(self.text(key))
        except ValueError:
            raise self._wrong(key, "an ISO time") from None
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise self._wrong(key, "a time with its offset")
        return moment.astimezone(UTC)

    def optional_instant(self, key: str) -> datetime | None:
        return None if self._get(key) is None else self.instant(key)

    def choice(self, kind: type[E], key: str) -> E:
        try:
            return kind(self.text(key))
        except ValueError:
            raise self._wrong(key, f"a {kind.__name__}") from None

    def fields(self, key: str) -> _Fields:
        return _Fields(self._get(key), self._at(key))

    def optional_fields(self, key: str) -> _Fields | None:
        """An object that may be null, or absent from a body written before it existed."""
        value = self._data.get(key)
        return None if value is None else _Fields(value, self._at(key))

    def each(self, key: str) -> list[_Fields]:
        return [_Fields(v, f"{self._at(key)}[{i}]") for i, v in enumerate(self._list(key))]

    def _list(self, key: str) -> list[object]:
        value = self._get(key)
        if not isinstance(value, list):
            raise self._wrong(key, "a list")
        return value


def _read_grounds(f: _Fields) -> tuple[Ground, ...]:
    return tuple(
        Ground(g.choice(GroundKind, "kind"), g.text("ref"), g.text("text"))
        for g in f.each("grounds")
    )


def _read_period(f: _Fields) -> Period:
    return Period(f.day("start"), f.optional_day("end"), f.texts("lines"))


def _read_applicant(f: _Fields) -> Applicant:
    declared = f.fields("declarations")
    return Applicant(
        surname=f.text("surname"),
        given_names=f.texts("given_names"),
        birth_date=f.day("birth_date"),
        nationality=f.text("nationality"),
        sex=f.text("sex"),
        language=f.text("language"),
        documents=tuple(
            IdentityDocument(
                type=d.text("type"),
                number=d.text("number"),
                issuing_country=d.text("issuing_country"),
                expiry_date=d.day("expiry_date"),
            )
            for d in f.each("documents")
        ),
        addresses=tuple(_read_period(p) for p in f.each("addresses")),
        employment=tuple(_read_period(p) for p in f.each("employment")),
        declarations=Declarations(
            criminal_convictions=declared.flag("criminal_convictions"),
            customs_or_immigration_violations=declared.flag("customs_or_immigration_violations"),
        ),
    )


def _read_application(f: _Fields) -> Application:
    layout = f.number("format")
    if layout != FORMAT:
        raise ValueError(f"its body is in format {layout}, which this version cannot read")
    return Application(
        id=f.text("id"),
        programme=f.choice(Programme, "programme"),
        applicant=_read_applicant(f.fields("applicant")),
        status=f.choice(ApplicationStatus, "status"),
        submitted_at=f.instant("submitted_at"),
        updated_at=f.instant("updated_at"),
        home=f.choice(Agency, "home"),
        vetting=tuple(
            Vetting(
                agency=v.choice(Agency, "agency"),
                decision=v.choice(VettingDecision, "decision"),
                grounds=_read_grounds(v),
                decided_at=v.optional_instant("decided_at"),
            )
            for v in f.each("vetting")
        ),
        passid=f.optional_text("passid"),
        expiry_date=f.optional_day("expiry_date"),
        notices=tuple(
            Notice(
                id=n.text("id"),
                kind=n.choice(NoticeKind, "kind"),
                agency=n.choice(Agency, "agency"),
                language=n.text("language"),
                text=n.text("text"),
                grounds=_read_grounds(n),
                issued_at=n.instant("issued_at"),
                recourse_deadline=n.optional_day("recourse_deadline"),
            )
            for n in f.each("notices")
        ),
        recourses=tuple(
            Recourse(
                notice_id=r.text("notice_id"),
                opened_at=r.instant("opened_at"),
                deadline=r.day("deadline"),
                status=r.choice(RecourseStatus, "status"),
                statement=r.text("statement"),
                decided_by=r.text("decided_by"),
                decided_at=r.optional_instant("decided_at"),
            )
            for r in f.each("recourses")
        ),
        version=f.number("version"),
        history=tuple(
            (h.instant("at"), h.choice(ApplicationStatus, "status")) for h in f.each("history")
        ),
        interview=_read_interview(f.optional_fields("interview")),
    )


def _read_interview(f: _Fields | None) -> Interview | None:
    if f is None:
        return None
    return Interview(f.text("centre"), f.day("day"), f.instant("booked_at"))
