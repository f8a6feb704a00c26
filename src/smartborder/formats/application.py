"""The trusted-traveller application document (NEXUS, FAST): its schema and its checks.

The fields are those of the programmes' application form: identity, travel documents,
five years of addresses and of employment (each period with its lines), and the
declarations of criminal convictions and of customs or immigration violations; the
applicant's language (en | fr) is the language of every notice they will be sent.

Validation reports every problem at once, each with its path (``documents[0].expiry_date``),
as the eManifest does. Some checks depend on the day of application (``on``): a document
already expired, five years of addresses that leave a gap or do not reach today.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from smartborder.domain import Sex
from smartborder.domain.applications import (
    Applicant,
    Declarations,
    IdentityDocument,
    IdentityDocumentType,
    Language,
    Period,
)
from smartborder.domain.people import name_problem
from smartborder.formats.manifest.schema import Problem, load_json, problems_of

MAX_DOCUMENT_BYTES = 256 * 1024
HISTORY_YEARS = 5
# A move or a change of job leaves a few days between two periods; more than this is a
# gap the applicant must account for (the form asks for every period, unemployment too).
GAP_DAYS = 31


def _printable(text: str) -> str:
    if not text.isprintable() and (problem := name_problem(text)):
        raise ValueError(f"contains {problem}")
    return text


Text = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_printable)]
Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166 alpha-3 country")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class DocumentIn(_Strict):
    type: IdentityDocumentType
    number: Annotated[str, Field(pattern=r"^[A-Z0-9<]{5,20}$")]
    issuing_country: Alpha3
    expiry_date: date


class PeriodIn(_Strict):
    # "from" is a Python keyword: the document's field names are kept by alias.
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True
    )

    start: date = Field(alias="from")
    end: date | None = Field(None, alias="to", description="Absent or null: to date.")
    lines: Annotated[list[Text], Field(min_length=1, max_length=6)]


class DeclarationsIn(_Strict):
    criminal_convictions: bool
    customs_or_immigration_violations: bool


class ApplicationIn(_Strict):
    surname: Text
    given_names: Annotated[str, Field(max_length=200), AfterValidator(_printable)] = ""
    birth_date: date
    nationality: Alpha3
    sex: Sex
    language: Language
    documents: Annotated[list[DocumentIn], Field(min_length=1, max_length=5)]
    addresses: Annotated[list[PeriodIn], Field(min_length=1, max_length=40)]
    employment: Annotated[list[PeriodIn], Field(min_length=1, max_length=40)]
    declarations: DeclarationsIn


def load_application(raw: bytes | str, on: date) -> tuple[Applicant | None, list[Problem]]:
    """Parse and check one application as of the day ``on``: the applicant, or every
    problem found."""
    data, problems = load_json(raw, MAX_DOCUMENT_BYTES)
    if problems:
        return None, problems
    return validate(data, on)


def validate(data: Any, on: date) -> tuple[Applicant | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem("document", "an application is a JSON object")]
    try:
        form = ApplicationIn.model_validate(data)
    except ValidationError as exc:
        return None, problems_of(exc)
    return check(form, on)


def check(form: ApplicationIn, on: date) -> tuple[Applicant | None, list[Problem]]:
    """A well-formed application checked as of the day ``on``: the applicant, or every
    problem found (an expired document, a gap in the addresses...)."""
    problems = _as_of(form, on)
    return (None, problems) if problems else (to_applicant(form), [])


def _as_of(form: ApplicationIn, on: date) -> list[Problem]:
    """The checks that depend on the day of application."""
    problems = []
    if form.birth_date >= on:
        problems.append(Problem("birth_date", f"{form.birth_date} is not before {on}"))
    for n, doc in enumerate(form.documents):
        if doc.expiry_date < on:
            problems.append(
                Problem(f"documents[{n}].expiry_date", f"the document expired on {doc.expiry_date}")
            )
    for field in ("addresses", "employment"):
        periods: list[PeriodIn] = getattr(form, field)
        problems += _periods(field, periods, on)
    problems += _five_years("addresses", form.addresses, on)
    return problems


def _periods(field: str, periods: list[PeriodIn], on: date) -> list[Problem]:
    out = []
    for n, period in enumerate(periods):
        if period.start > on:
            out.append(Problem(f"{field}[{n}].from", f"{period.start} is after {on}"))
        if period.end is not None and period.end < period.start:
            out.append(Problem(f"{field}[{n}].to", f"{period.end} is before {period.start}"))
    return out


def _five_years(field: str, periods: list[PeriodIn], on: date) -> list[Problem]:
    """The periods, in date order, must run without a gap from five years ago to today."""
    since = years_before(on, HISTORY_YEARS)
    spans = sorted((p.start, p.end or on) for p in periods)
    out = []
    if spans[0][0] > since + timedelta(days=GAP_DAYS):
        out.append(Problem(field, f"the history starts on {spans[0][0]}, not by {since}"))
    reached = spans[0][1]
    for start, end in spans[1:]:
        if start > reached + timedelta(days=GAP_DAYS):
            out.append(Problem(field, f"nothing is given from {reached} to {start}"))
        reached = max(reached, end)
    if reached < on - timedelta(days=GAP_DAYS):
        out.append(Problem(field, f"nothing is given after {reached}"))
    return out


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for a 29th that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _period(period: PeriodIn) -> Period:
    return Period(period.start, period.end, tuple(period.lines))


def to_applicant(form: ApplicationIn) -> Applicant:
    return Applicant(
        surname=form.surname.upper(),
        given_names=tuple(form.given_names.upper().split()),
        birth_date=form.birth_date,
        nationality=form.nationality,
        sex=form.sex.value,
        language=form.language.value,
        documents=tuple(
            IdentityDocument(d.type.value, d.number, d.issuing_country, d.expiry_date)
            for d in form.documents
        ),
        addresses=tuple(_period(p) for p in form.addresses),
        employment=tuple(_period(p) for p in form.employment),
        declarations=Declarations(
            form.declarations.criminal_convictions,
            form.declarations.customs_or_immigration_violations,
        ),
    )


def json_schema() -> dict[str, Any]:
    schema = ApplicationIn.model_json_schema(by_alias=True)
    schema["title"] = "smartborder trusted-traveller application"
    return schema
