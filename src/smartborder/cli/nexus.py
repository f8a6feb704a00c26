"""``smartborder nexus``: trusted-traveller applications, and the registry the booths check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartborder.cli.common import err, local_user, node, out, print_json, read_text
from smartborder.programmes.nexus import load_members

if TYPE_CHECKING:
    from smartborder.programmes.interviews import CentreOutlook

app = typer.Typer(
    help="NEXUS and FAST: applications, vetting, interviews, re-vetting, and the registry.",
    no_args_is_help=True,
)


@app.command()
def load(
    path: Annotated[
        Path,
        typer.Argument(
            help="Members CSV: card_number,surname,given_names,"
            "birth_date,nationality,status,expiry_date."
        ),
    ],
) -> None:
    """Load (or update) members from CSV; a bad line is named and nothing is loaded."""
    text = read_text(path)
    with node(upgrade=True) as container:
        count = load_members(container.units(), text)
        with container.units() as uow:
            active = uow.nexus.active_count()
    out.print(f"loaded {count:,} members from {path}; {active:,} active in the registry")


@app.command()
def apply(
    path: Annotated[
        Path,
        typer.Argument(
            help="The application, JSON: surname, given_names, birth_date, nationality, sex, "
            "language (en|fr), documents, addresses, employment, declarations."
        ),
    ],
    programme: Annotated[
        str, typer.Option("--programme", help="nexus, or fast for commercial drivers.")
    ] = "nexus",
) -> None:
    """Take an application and vet it on this node; print its id alone on the last line."""
    from smartborder.domain import utc_now
    from smartborder.domain.applications import Programme
    from smartborder.errors import ValidationFailed
    from smartborder.formats.application import MAX_DOCUMENT_BYTES, load_application
    from smartborder.programmes import applications as service

    raw = read_text(path, limit=MAX_DOCUMENT_BYTES, what="application")
    now = utc_now()
    applicant, problems = load_application(raw, now.date())
    if applicant is None:
        for problem in problems:
            err.print(f"error: {problem.where}: {problem.text}")
        raise ValidationFailed(f"{path}: {len(problems)} problem(s); nothing was submitted")
    try:
        chosen = Programme(programme)
    except ValueError:
        raise ValidationFailed(f"--programme is nexus or fast, not {programme!r}") from None
    with node(upgrade=True) as container:
        engine = container.live_engine.engine(container.units())
        application = service.apply(
            container.units(),
            engine,
            local_user(container),
            applicant,
            programme=chosen,
            now=now,
            share=container.programme_share,
        )
    own = application.vetting_of(container.settings.agency)
    err.print(
        f"{application.programme.upper()} application {application.status}; "
        f"{own.agency} vetting: {own.decision}"
        + "".join(f"\n  {g.kind}: {g.text}" for g in own.grounds)
    )
    out.print(application.id)


@app.command()
def show(
    application_id: Annotated[str, typer.Argument(help="The application's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract's JSON.")] = False,
    purpose: Annotated[
        str, typer.Option("--purpose", help="Why the application is read (audited).")
    ] = "trusted traveller programme",
) -> None:
    """An application: its status, both agencies' vetting with reasons, PASSID, notices."""
    from smartborder.programmes import applications as service

    with node(upgrade=True) as container:
        application = service.show(
            container.units(), local_user(container), application_id, purpose=purpose
        )
    view = service.as_json(application)
    if as_json:
        print_json(view)
        return
    out.print(f"{view['id']}  {view['programme']}  {view['status']}")
    for agency, vetting in view["vetting"].items():  # type: ignore[attr-defined]
        out.print(f"  {agency}: {vetting['decision']}")
        for reason in vetting["reasons"]:
            out.print(f"    {reason['kind']} {reason['ref']}: {reason['text']}")
    if application.interview:
        interview = application.interview
        out.print(f"  interview at {interview.centre} on {interview.day}")
    if application.passid:
        out.print(f"  PASSID {application.passid}, until {application.expiry_date}")
    for notice in application.notices:
        out.print(f"  notice {notice.id} ({notice.kind}, {notice.issued_at:%Y-%m-%d}):")
        for line in notice.text.splitlines():
            out.print(f"    {line}")


@app.command()
def interview(
    application_id: Annotated[str, typer.Argument(help="The application's id.")],
    outcome: Annotated[str, typer.Option("--outcome", help="pass or fail.")],
) -> None:
    """Record the joint interview: a pass issues the PASSID, a fail denies with a notice."""
    from smartborder.domain import utc_now
    from smartborder.errors import ValidationFailed
    from smartborder.programmes import applications as service

    if outcome.lower() not in ("pass", "fail"):
        raise ValidationFailed(f"--outcome is pass or fail, not {outcome!r}")
    with node(upgrade=True) as container:
        application = service.interview(
            container.units(),
            local_user(container),
            application_id,
            passed=outcome.lower() == "pass",
            now=utc_now(),
            share=container.programme_share,
        )
    if application.passid:
        out.print(f"approved: PASSID {application.passid}, valid until {application.expiry_date}")
    else:
        out.print(f"{application.status}: a notice with the reasons was issued")


@app.command()
def revet(
    full: Annotated[
        bool,
        typer.Option("--full", help="Against every loaded list entry, not only what changed."),
    ] = False,
) -> None:
    """Screen every active member against the list entries new or changed since the last
    re-vetting (all of them with --full, or the first time); a match suspends the card."""
    from smartborder.domain import utc_now
    from smartborder.lists.watchlists import current_lookouts
    from smartborder.programmes.revetting import revet_changes

    with node(upgrade=True) as container:
        versions, lookouts = current_lookouts(container.units())
        outcome, entries = revet_changes(
            container.units(),
            lookouts,
            versions,
            local_user(container),
            now=utc_now(),
            full=full,
            share=container.programme_share,
        )
    out.print(
        f"re-vetted {outcome.members:,} members against {entries:,} list entries "
        f"{'(all)' if full else 'new or changed since the last re-vetting'}: "
        f"{outcome.screened:,} near a listed name and screened, "
        f"{len(outcome.suspended):,} suspended"
    )
    for passid in outcome.suspended:
        out.print(f"  suspended PASSID {passid}")


@app.command()
def centres(
    path: Annotated[
        Path | None,
        typer.Option(
            "--load",
            help="CSV to load first: code,name,interviews_per_day,open_weekdays "
            "(mon-fri),no_show_rate.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The enrolment centres and their wait: the first free interview day, and the
    queue model's forecast (with its assumptions)."""
    from smartborder.domain import utc_now
    from smartborder.programmes.interviews import load_centres, outlook

    with node(upgrade=True) as container:
        if path is not None:
            loaded = load_centres(container.units(), local_user(container), read_text(path))
            err.print(f"loaded {len(loaded)} enrolment centres from {path}")
        views = outlook(container.units(), now=utc_now())
    if as_json:
        print_json([_outlook_json(v) for v in views])
        return
    if not views:
        out.print("no enrolment centre loaded (smartborder nexus centres --load FILE.csv)")
    for v in views:
        f = v.forecast
        out.print(
            f"{v.centre.code}  {v.centre.name}: {f.waiting:,} booked and waiting; first free "
            f"day {v.first_free_day or 'none within two years'}; forecast wait "
            f"{f.expected_wait_days:.0f} days (90% within {f.percentile_wait_days}), "
            + (f"clears by {f.clears_on}" if f.clears_on else "does not clear")
        )


def _outlook_json(view: CentreOutlook) -> dict[str, object]:
    f = view.forecast
    return {
        "code": view.centre.code,
        "name": view.centre.name,
        "interviews_per_day": view.centre.interviews_per_day,
        "waiting": f.waiting,
        "first_free_day": view.first_free_day.isoformat() if view.first_free_day else None,
        "expected_wait_days": round(f.expected_wait_days, 1),
        "percentile_wait_days": f.percentile_wait_days,
        "clears_on": f.clears_on.isoformat() if f.clears_on else None,
        "growing": f.growing,
        "assumptions": list(f.assumptions),
    }


@app.command()
def book(
    application_id: Annotated[str, typer.Argument(help="The application's id.")],
    centre: Annotated[str, typer.Option("--centre", help="The enrolment centre's code.")],
    day: Annotated[
        str | None,
        typer.Option("--day", help="YYYY-MM-DD; the first free day when not given."),
    ] = None,
) -> None:
    """Book a conditionally approved applicant's interview at a centre."""
    from datetime import date

    from smartborder.domain import utc_now
    from smartborder.errors import ValidationFailed
    from smartborder.programmes.interviews import book as book_interview

    chosen = None
    if day is not None:
        try:
            chosen = date.fromisoformat(day)
        except ValueError:
            raise ValidationFailed(f"--day {day!r} is not a date (YYYY-MM-DD)") from None
    with node(upgrade=True) as container:
        application = book_interview(
            container.units(),
            local_user(container),
            application_id,
            centre,
            now=utc_now(),
            day=chosen,
            share=container.programme_share,
        )
    assert application.interview is not None
    out.print(f"interview booked at {application.interview.centre} on {application.interview.day}")
