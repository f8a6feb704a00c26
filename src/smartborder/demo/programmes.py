"""The demo's trusted travellers: a few hundred NEXUS applicants enrolled through both nodes.

The two nodes of the information-sharing section (each on its own store, signing its
messages) take applications from the day's Canadian and American travellers, each at the
node of their own country. Each agency vets with what it holds: both hold the day's
UN and OFAC lists and the demo's lookouts, CBP holds a few lookouts of its own that CBSA
does not, and some applicants declare a conviction. The partner's vetting comes back
through the exchange; the conditionally approved are interviewed at their home node
(a few fail); then CBP adds a lookout naming two members, re-vets, and both nodes
suspend them. The interview backlog of the enrolment centres is forecast last.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta

from smartborder.bootstrap import Container
from smartborder.demo.report import DemoReport
from smartborder.domain import (
    Agency,
    Arrival,
    Lookout,
    PersonName,
    Role,
    SubjectKind,
    User,
    utc_now,
)
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Declarations,
    GroundKind,
    IdentityDocument,
    Period,
)
from smartborder.lists.watchlists import current_lookouts
from smartborder.operations.interview_backlog import Centre, forecast
from smartborder.programmes import applications as service
from smartborder.programmes.revetting import revet
from smartborder.screening import ScreeningEngine

Progress = Callable[[str, int, int], None]
APPLICANTS = 300
CBP_ONLY = 6  # applicants on a lookout only CBP holds
DECLARED = 4  # applicants who declare a conviction
FAILED_INTERVIEWS = 0.03
LISTED_AFTER = 2  # members named by CBP's lookout added after enrolment
#: Two joint enrolment centres, one per side, as the backlog model takes them.
CENTRES = (
    Centre("BLA", "Blaine WA", 120, no_show_rate=0.08),
    Centre("VAN", "Vancouver BC", 90, no_show_rate=0.06),
)
#: Who waits at each centre today, and how many join a day (illustrative, not published).
BACKLOG = {"BLA": (36_000, 85), "VAN": (14_000, 70)}


def applicant_of(arrival: Arrival, rng: random.Random, on: date) -> Applicant:
    """A traveller of the day as a NEXUS applicant, with five years of history."""
    t = arrival.traveller
    assert t.birth_date is not None and t.nationality is not None
    doc = t.primary_document
    passport = IdentityDocument(
        "passport",
        doc.number if doc and doc.type == "P" else f"N{rng.randrange(10**7):07d}",
        t.nationality,
        on + timedelta(days=rng.randint(400, 3000)),
    )
    start = on - timedelta(days=365 * 6)
    city = "Vancouver BC" if t.nationality == "CAN" else "Seattle WA"
    return Applicant(
        surname=t.name.surname.upper(),
        given_names=tuple(g.upper() for g in t.name.given_names),
        birth_date=t.birth_date,
        nationality=t.nationality,
        sex=str(t.sex) if str(t.sex) in ("M", "F") else "X",
        language="fr" if t.nationality == "CAN" and rng.random() < 0.2 else "en",
        documents=(passport,),
        addresses=(Period(start, None, (f"{rng.randint(1, 9999)} Main St", city)),),
        employment=(Period(start, None, ("Self-employed",)),),
        declarations=Declarations(False, False),
    )


def _lookout(applicant: Applicant, ref: str) -> Lookout:
    return Lookout(
        list_id="cbp-lookouts",
        source_id=ref,
        kind=SubjectKind.PERSON,
        names=(PersonName(applicant.surname, applicant.given_names),),
        birth_dates=(applicant.birth_date.isoformat(),),
    )


def enrol(
    report: DemoReport,
    lists: Container,
    containers: Mapping[Agency, Container],
    engines: dict[Agency, ScreeningEngine],
    arrivals: list[Arrival],
    settle: Callable[[], None],
    progress: Progress,
    *,
    seed: int,
) -> None:
    """Enrol the applicants through both nodes and report. Both nodes hold the lists
    of ``lists`` (the demo's node); ``engines``: what each node vets with, read by its
    receiver when the partner's application arrives (set here); ``settle`` relays both
    ways until nothing is left to send."""
    rng = random.Random(seed)
    # Applications are made today, whatever day the traffic was generated for: the
    # partner's node vets on its own clock.
    now = utc_now()
    today = now.date()
    base_versions, base = current_lookouts(lists.units())
    engines[Agency.CBSA] = lists.live_engine.engine(lists.units())
    eligible = [
        a
        for a in arrivals
        if a.traveller.nationality in ("CAN", "USA")
        and a.traveller.birth_date is not None
        and today.year - a.traveller.birth_date.year >= 18
    ]
    chosen = rng.sample(eligible, min(APPLICANTS, len(eligible)))
    people = [applicant_of(a, rng, today) for a in chosen]
    for n in range(DECLARED):
        people[n] = replace(people[n], declarations=Declarations(True, False))
    cbp_only = people[DECLARED : DECLARED + CBP_ONLY]
    cbp_lookouts = [_lookout(p, f"demo-{n}") for n, p in enumerate(cbp_only)]
    engines[Agency.CBP] = ScreeningEngine(
        [*base, *cbp_lookouts], {**base_versions, "cbp-lookouts": "1"}
    )
    clerks = {a: User(name="demo-clerk", role=Role.PROGRAMME, agency=a) for a in Agency}

    made: list[Application] = []
    for n, person in enumerate(people):
        home = Agency.CBSA if person.nationality == "CAN" else Agency.CBP
        container = containers[home]
        made.append(
            service.apply(
                container.units(),
                engines[home],
                clerks[home],
                person,
                now=now,
                share=container.programme_share,
            )
        )
        progress("taking NEXUS applications at both nodes", n + 1, len(people))
    settle()

    def current(application: Application, agency: Agency) -> Application:
        with containers[agency].units() as uow:
            found = uow.applications.get(application.id)
        assert found is not None
        return found

    vetted = [current(a, a.home) for a in made]
    for application in vetted:
        if application.status is ApplicationStatus.CONDITIONALLY_APPROVED:
            container = containers[application.home]
            service.interview(
                container.units(),
                clerks[application.home],
                application.id,
                passed=rng.random() >= FAILED_INTERVIEWS,
                now=now,
                share=container.programme_share,
            )
    settle()
    enrolled = [current(a, a.home) for a in made]
    members = [a for a in enrolled if a.status is ApplicationStatus.APPROVED]

    # CBP names two members in a new lookout, re-vets, and both nodes suspend them.
    named = rng.sample(members, min(LISTED_AFTER, len(members)))
    added = [_lookout(a.applicant, f"later-{n}") for n, a in enumerate(named)]
    cbp = containers[Agency.CBP]
    # Re-vetting screens the members against what changed: the added entries.
    outcome = revet(
        cbp.units(),
        ScreeningEngine(added, {"cbp-lookouts": "2"}),
        User(name="system", role=Role.SUPERVISOR, agency=Agency.CBP),
        now=now,
        share=cbp.programme_share,
        workers=1,
    )
    settle()
    after = {a: [current(m, a) for m in named] for a in Agency}
    _report(report, enrolled, members, named, outcome.suspended, after, today)


def _report(
    report: DemoReport,
    enrolled: list[Application],
    members: list[Application],
    named: list[Application],
    suspended: tuple[str, ...],
    after: Mapping[Agency, list[Application]],
    on: date,
) -> None:
    statuses = Counter(str(a.status) for a in enrolled)
    denied = [a for a in enrolled if a.status is ApplicationStatus.DENIED]
    by_agency = Counter(n.agency for a in denied for n in a.notices[:1])
    grounds = Counter(str(g.kind) for a in denied for g in a.notices[0].grounds)
    section = report.section(
        "Trusted travellers (NEXUS through both nodes)",
        note="Each applicant applies at the node of their own country; the partner vets "
        "its copy with its own lists and sends its decision back, signed. Both must "
        "approve; the interview is at the home node.",
    )
    section.add(
        "applications",
        f"{len(enrolled):,}: {statuses.get('approved', 0):,} approved after the interview, "
        f"{statuses.get('denied', 0):,} denied",
    )
    section.add(
        "denials by agency",
        ", ".join(f"{agency} {count:,}" for agency, count in sorted(by_agency.items())),
    )
    section.add("grounds of the denials", ", ".join(f"{k} {v}" for k, v in grounds.items()))
    if denied:
        example = next(
            (
                a
                for a in denied
                if a.home is Agency.CBSA
                and a.notices[0].agency is Agency.CBP
                and a.notices[0].grounds[0].kind is GroundKind.LIST_ENTRY
            ),
            denied[0],
        )
        first = example.notices[0]
        section.add(
            "a denial notice",
            f"applied at {example.home}, denied by {first.agency}, in {first.language}: "
            f"{first.grounds[0].text}; "
            f"review until {first.recourse_deadline}",
        )
    at_both = all(
        a.status is ApplicationStatus.SUSPENDED for agency in Agency for a in after[agency]
    )
    section.add(
        "a list change at CBP",
        f"{len(named)} members named in a new lookout: {len(suspended)} suspended by CBP's "
        f"re-vetting, {'suspended at both nodes' if at_both else 'NOT SUSPENDED AT BOTH'}, "
        "each with a notice naming the entry",
    )
    waits = [forecast(c, *BACKLOG[c.code], on=on) for c in CENTRES]
    section.add(
        "interview backlog",
        "; ".join(
            f"{w.centre}: {w.waiting:,} waiting, about {w.expected_wait_days:.0f} days "
            f"(90% within {w.percentile_wait_days})"
            for w in waits
        ),
    )
    report.figures.update(
        nexus_applications=len(enrolled),
        nexus_approved=statuses.get("approved", 0),
        nexus_denied=statuses.get("denied", 0),
        nexus_denied_by={str(k): v for k, v in by_agency.items()},
        nexus_grounds=dict(grounds),
        nexus_members=len(members),
        nexus_suspended_after_list_change=len(suspended),
        nexus_suspended_at_both=at_both,
    )
