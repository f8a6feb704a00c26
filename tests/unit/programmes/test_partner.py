"""Both agencies vet, each on its own node: the programmes' records between two nodes in
one process (signed and checked as over HTTP; ``tests/integration/programmes`` runs the
same story between two ``smartborder serve`` processes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smartborder.bootstrap import Container, bootstrap_memory
from smartborder.domain import Agency, Lookout, PersonName, Role, SubjectKind, User, utc_now
from smartborder.domain.applications import Applicant, Application, EnrolmentCentre
from smartborder.domain.nexus import MembershipStatus
from smartborder.errors import Conflict
from smartborder.exchange.agreements import Agreement, combine, packaged, parse_agreement
from smartborder.exchange.transport import Reply
from smartborder.formats.application import load_application
from smartborder.formats.programme_records import NEXUS_DECISION
from smartborder.programmes import applications as service
from smartborder.programmes import interviews, recourse, revetting
from smartborder.screening import ScreeningEngine
from tests.unit.exchange.support import Side, wire

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "nexus-application.json"
AGREEMENTS = combine([packaged("entry-exit"), packaged("programmes")])


def listed(surname: str, given: str, born: str, ref: str) -> Lookout:
    return Lookout(
        list_id="lookouts",
        source_id=ref,
        kind=SubjectKind.PERSON,
        names=(PersonName(surname, tuple(given.split())),),
        birth_dates=(born,),
    )


def applicant(**changes: object) -> Applicant:
    found, problems = load_application(EXAMPLE.read_bytes(), utc_now().date())
    assert found is not None, problems
    return replace(found, **changes)  # type: ignore[arg-type]


class Pair:
    """CBSA and CBP, each vetting with its own lists (``lists``: what each node holds)."""

    def __init__(self, agreement: Agreement = AGREEMENTS) -> None:
        self.lists: dict[Agency, list[Lookout]] = {Agency.CBSA: [], Agency.CBP: []}
        cbsa, cbp = bootstrap_memory(), bootstrap_memory()
        self.sides: dict[Agency, Side] = dict(
            zip(
                (Agency.CBSA, Agency.CBP),
                wire(
                    cbsa,
                    cbp,
                    agreement=agreement,
                    engines={a: self._engine(a) for a in Agency},
                ),
                strict=True,
            )
        )

    def _engine(self, agency: Agency):  # type: ignore[no-untyped-def]
        return lambda: ScreeningEngine(self.lists[agency])

    def container(self, agency: Agency) -> Container:
        return self.sides[agency].container

    def settle(self) -> None:
        """Relay both ways until nothing is left to send."""
        for _ in range(5):
            moved = sum(side.relay.drain() for side in self.sides.values())
            if not moved:
                return

    def at(self, agency: Agency, application_id: str) -> Application:
        with self.container(agency).units() as uow:
            found = uow.applications.get(application_id)
        assert found is not None
        return found

    def card(self, agency: Agency, passid: str) -> MembershipStatus | None:
        with self.container(agency).units() as uow:
            member = uow.nexus.get(passid)
        return member.status if member else None


CLERK = {a: User(name="clerk", role=Role.PROGRAMME, agency=a) for a in Agency}
CHIEF = {a: User(name="chief", role=Role.SUPERVISOR, agency=a) for a in Agency}


@pytest.fixture
def pair() -> Pair:
    return Pair()


def from_cbsa(pair: Pair, key: str, fields: dict[str, str]) -> Reply:
    """A decision record CBSA's node signs and sends to CBP's, and CBP's answer."""
    cbsa = pair.sides[Agency.CBSA]
    records = [{"key": key, "type": NEXUS_DECISION, "fields": fields}]
    envelope = cbsa.node.envelope("records", {"records": records})
    return cbsa.link.post("/v1/exchange/messages", cbsa.node.seal(envelope))


def apply_at_cbsa(pair: Pair, person: Applicant) -> str:
    container = pair.container(Agency.CBSA)
    made = service.apply(
        container.units(),
        ScreeningEngine(pair.lists[Agency.CBSA]),
        CLERK[Agency.CBSA],
        person,
        now=datetime.now(UTC),
        share=container.programme_share,
    )
    pair.settle()
    return made.id


def member(pair: Pair) -> Application:
    """A clean applicant, approved by both and interviewed at CBSA."""
    application_id = apply_at_cbsa(pair, applicant())
    container = pair.container(Agency.CBSA)
    service.interview(
        container.units(),
        CLERK[Agency.CBSA],
        application_id,
        passed=True,
        now=utc_now(),
        share=container.programme_share,
    )
    pair.settle()
    return pair.at(Agency.CBP, application_id)


def test_an_applicant_listed_only_at_cbp_is_denied_with_cbps_reason(pair: Pair) -> None:
    pair.lists[Agency.CBP] = [listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "cbp-77")]
    application_id = apply_at_cbsa(pair, applicant())
    home, copy = pair.at(Agency.CBSA, application_id), pair.at(Agency.CBP, application_id)
    for seen in (home, copy):
        assert seen.status == "denied"
        assert seen.vetting_of(Agency.CBSA).decision == "approve"
        cbp = seen.vetting_of(Agency.CBP)
        assert cbp.decision == "deny" and cbp.grounds[0].ref == "lookouts:cbp-77"
    # One denial notice, the same at both nodes, by CBP, in the applicant's French.
    assert [n.id for n in home.notices] == [n.id for n in copy.notices]
    notice = home.notices[0]
    assert notice.agency is Agency.CBP and notice.language == "fr"
    assert "lookouts:cbp-77" in notice.text and notice.recourse_deadline is not None


def test_a_clean_applicant_is_a_member_at_both_nodes_after_the_interview(pair: Pair) -> None:
    copy = member(pair)
    home = pair.at(Agency.CBSA, copy.id)
    assert home.status == copy.status == "approved"
    assert home.passid == copy.passid and copy.passid is not None and len(copy.passid) == 9
    assert home.expiry_date == copy.expiry_date
    assert pair.card(Agency.CBSA, copy.passid) == pair.card(Agency.CBP, copy.passid) == "active"


def test_the_interview_is_recorded_at_the_home_node_only(pair: Pair) -> None:
    application_id = apply_at_cbsa(pair, applicant())
    with pytest.raises(Conflict, match="recorded there"):
        service.interview(
            pair.container(Agency.CBP).units(),
            CLERK[Agency.CBP],
            application_id,
            passed=True,
            now=utc_now(),
        )


def test_a_node_cannot_send_a_decision_in_the_partners_name(pair: Pair) -> None:
    """CBSA's node, signing properly, claims CBP approved: CBP's node refuses it."""
    pair.lists[Agency.CBP] = [listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "cbp-77")]
    application_id = apply_at_cbsa(pair, applicant())
    forged = {
        "application_id": application_id,
        "agency": "CBP",
        "change": "vetting",
        "at": utc_now().isoformat(),
        "decision": "approve",
    }
    reply = from_cbsa(pair, "forged-1", forged)
    assert reply.status == 422
    assert b"cannot come from CBSA" in reply.body
    assert pair.at(Agency.CBP, application_id).vetting_of(Agency.CBP).decision == "deny"


def test_a_listing_at_cbp_suspends_at_both_and_a_review_there_reinstates(pair: Pair) -> None:
    copy = member(pair)
    assert copy.passid is not None
    pair.lists[Agency.CBP] = [listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "cbp-91")]
    cbp = pair.container(Agency.CBP)
    outcome = revetting.revet(
        cbp.units(),
        ScreeningEngine(pair.lists[Agency.CBP]),
        CHIEF[Agency.CBP],
        now=utc_now(),
        share=cbp.programme_share,
    )
    assert outcome.suspended == (copy.passid,)
    pair.settle()
    home = pair.at(Agency.CBSA, copy.id)
    assert home.status == "suspended"
    assert pair.card(Agency.CBSA, copy.passid) == pair.card(Agency.CBP, copy.passid) == "suspended"
    notice = home.notices[-1]
    assert notice.kind == "suspension" and notice.agency is Agency.CBP
    assert notice.language == "fr" and "lookouts:cbp-91" in notice.text
    assert notice.id == pair.at(Agency.CBP, copy.id).notices[-1].id

    # CBSA cannot review CBP's decision; CBP's supervisor reinstates, and CBSA follows.
    recourse.request_recourse(
        cbp.units(), CLERK[Agency.CBP], copy.id, notice.id, "homonyme", now=utc_now()
    )
    recourse.decide_recourse(
        cbp.units(),
        CHIEF[Agency.CBP],
        copy.id,
        notice.id,
        reinstate=True,
        now=utc_now(),
        share=cbp.programme_share,
    )
    pair.settle()
    home = pair.at(Agency.CBSA, copy.id)
    assert home.status == "approved"
    assert home.recourses[-1].status == "reinstated"
    assert pair.card(Agency.CBSA, copy.passid) == pair.card(Agency.CBP, copy.passid) == "active"


def test_reasons_the_agreement_keeps_back_are_said_to_be_kept_back() -> None:
    text = (EXAMPLE.parents[1] / "agreements" / "programmes.yaml").read_text("utf-8")
    without_reasons = parse_agreement(text.replace("      - reasons\n", ""))
    pair = Pair(combine([packaged("entry-exit"), without_reasons]))
    pair.lists[Agency.CBP] = [listed("TREMBLAY", "MARIE CLAIRE", "1984-03-09", "cbp-77")]
    application_id = apply_at_cbsa(pair, applicant())
    home = pair.at(Agency.CBSA, application_id)
    assert home.status == "denied"
    (ground,) = home.vetting_of(Agency.CBP).grounds
    assert ground.ref == "not-shared" and "CBP n'a pas communiqué" in ground.text
    assert "cbp-77" not in home.notices[0].text
    # CBP's own copy keeps its grounds, and its notice states them.
    assert "lookouts:cbp-77" in pair.at(Agency.CBP, application_id).notices[0].text


def test_a_decision_on_an_application_the_node_does_not_hold_is_refused(pair: Pair) -> None:
    fields = {
        "application_id": "01890a5d-ac96-774b-bcce-b302099a8057",
        "agency": "CBSA",
        "change": "vetting",
        "at": utc_now().isoformat(),
        "decision": "approve",
    }
    reply = from_cbsa(pair, "k-1", fields)
    assert reply.status == 422 and b"no application 01890a5d" in reply.body


@pytest.mark.parametrize(
    ("change", "problem"),
    [({"agency": "RCMP"}, b"field agency"), ({"passid": "12345"}, b"field passid")],
)
def test_a_malformed_decision_is_refused_naming_the_field(
    pair: Pair, change: dict[str, str], problem: bytes
) -> None:
    fields = {
        "application_id": "01890a5d-ac96-774b-bcce-b302099a8057",
        "agency": "CBSA",
        "change": "interview",
        "at": utc_now().isoformat(),
        **change,
    }
    reply = from_cbsa(pair, "k-2", fields)
    assert reply.status == 422 and problem in reply.body


def test_a_booking_at_the_home_node_shows_at_the_partners(pair: Pair) -> None:
    application_id = apply_at_cbsa(pair, applicant())
    cbsa = pair.container(Agency.CBSA)
    with cbsa.units() as uow:
        uow.centres.put_many([EnrolmentCentre("BLA", "Blaine WA", 120)])
        uow.commit()
    booked = interviews.book(
        cbsa.units(),
        CLERK[Agency.CBSA],
        application_id,
        "BLA",
        now=utc_now(),
        share=cbsa.programme_share,
    )
    pair.settle()
    copy = pair.at(Agency.CBP, application_id)
    assert copy.status == "interview_booked" and copy.interview is not None
    assert booked.interview is not None
    assert (copy.interview.centre, copy.interview.day) == ("BLA", booked.interview.day)
