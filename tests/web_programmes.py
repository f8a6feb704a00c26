"""Trusted-traveller applications at a node, for the programme pages' tests: one booked
for its interview, and a member suspended who asks for a review."""

from __future__ import annotations

from dataclasses import replace

from smartborder.bootstrap import Container
from smartborder.domain import Agency, Lookout, PersonName, Role, SubjectKind, User, utc_now
from smartborder.domain.applications import Vetting, VettingDecision
from smartborder.programmes import applications, interviews, recourse, revetting
from smartborder.screening import ScreeningEngine
from tests.unit.programmes.test_applications import applicant

CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)
CHIEF = User(name="chief", role=Role.SUPERVISOR, agency=Agency.CBSA)
PARTNER = User(name="node", role=Role.PARTNER, agency=Agency.CBP)
LISTED = Lookout(
    "lookouts",
    "9",
    SubjectKind.PERSON,
    (PersonName("TREMBLAY", ("MARIE", "CLAIRE")),),
    birth_dates=("1984-03-09",),
)


def booked(container: Container, **changes: object) -> str:
    """An application approved by CBSA here and by CBP's node, booked at Blaine (the
    node must hold centre BLA)."""
    made = applications.apply(
        container.units(),
        ScreeningEngine([]),
        CLERK,
        replace(applicant(), **changes),
        now=utc_now(),
    )
    applications.record_vetting(
        container.units(),
        PARTNER,
        made.id,
        Vetting(Agency.CBP, VettingDecision.APPROVE),
        now=utc_now(),
    )
    interviews.book(container.units(), CLERK, made.id, "BLA", now=utc_now())
    return made.id


def suspended_asking_review(container: Container, application_id: str) -> str:
    """The booked applicant interviewed, then suspended on a listing (``LISTED``), and
    asking for a review: the suspension notice's id."""
    applications.interview(container.units(), CLERK, application_id, passed=True, now=utc_now())
    revetting.revet(container.units(), ScreeningEngine([LISTED]), CHIEF, now=utc_now())
    with container.units() as uow:
        found = uow.applications.get(application_id)
    assert found is not None
    notice = found.notices[-1]
    recourse.request_recourse(
        container.units(), CLERK, application_id, notice.id, "Ce n'est pas moi.", now=utc_now()
    )
    return notice.id
