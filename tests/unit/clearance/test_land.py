"""Primary inspection at a land booth: document read, lane, NEXUS membership, decision."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance import hits as hit_service
from smartborder.clearance.assess import Assessor
from smartborder.clearance.land import BoothRead, PrimaryResult, primary, primary_group
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, AuditAction, DecisionKind, LaneType, Role, User
from smartborder.errors import FormatError, NotFound, ValidationFailed
from smartborder.formats.mrz import MrzFormat, generate_mrz, mrz_data_of
from smartborder.programmes.nexus import load_members
from tests.factories import BLAINE, DOUGLAS, FakeScreener, passenger

AT = datetime(2026, 7, 3, 18, 30, tzinfo=UTC)
MEMBERS = """card_number,surname,given_names,birth_date,nationality,status,expiry_date
501234567,TREMBLAY,JULIE,1984-02-29,CAN,active,2030-01-31
501234568,ROY,MARC,1970-05-05,CAN,suspended,2030-01-31
"""


@pytest.fixture
def officer(memory_container: Container) -> User:
    register_ports(memory_container.units(), [DOUGLAS, BLAINE])
    load_members(memory_container.units(), MEMBERS)
    return ensure_user(
        memory_container.units(),
        name="officer",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )


def _card(surname: str, given: str, birth: date, number: str) -> tuple[str, ...]:
    holder = passenger(surname, given, birth, number=number)
    return generate_mrz(replace(mrz_data_of(holder, MrzFormat.TD1), document_code="ID"))


def _passport(
    surname: str = "TREMBLAY", number: str = "AB123456", expiry: date = date(2031, 1, 1)
) -> tuple[str, ...]:
    holder = passenger(surname, "JULIE", date(1984, 2, 29), number=number)
    return generate_mrz(replace(mrz_data_of(holder), expiry_date=expiry))


def _decide(
    container: Container,
    officer: User,
    lines: tuple[str, ...],
    lane: LaneType = LaneType.GENERAL,
    screener: FakeScreener | None = None,
):  # noqa: ANN202
    assessor = Assessor(Agency.CBSA, screener=screener or FakeScreener(), rules=None)
    return primary(
        container.units,
        assessor,
        officer,
        BoothRead(mrz=lines, port_code="813", lane=lane, at=AT, plate="BC123"),
    )


def test_a_clean_traveller_is_released_and_leaves_a_crossing_record(
    memory_container: Container, officer: User
) -> None:
    result = _decide(memory_container, officer, _passport())
    assert result.decision.decision.kind is DecisionKind.RELEASE
    with memory_container.units() as uow:
        (record,) = uow.crossings.list(Agency.CBSA)
    assert (record.name.surname, record.port_code, record.lane) == ("TREMBLAY", "813", "general")


def test_a_member_in_good_standing_passes_the_nexus_lane(
    memory_container: Container, officer: User
) -> None:
    card = _card("TREMBLAY", "JULIE", date(1984, 2, 29), "501234567")
    assert _decide(memory_container, officer, card, LaneType.NEXUS).decision.decision.kind is (
        DecisionKind.RELEASE
    )


@pytest.mark.parametrize(
    ("surname", "birth", "card", "why"),
    [
        ("ROY", date(1970, 5, 5), "501234568", "NEXUS membership suspended"),
        ("SMITH", date(1990, 1, 1), "509999999", "not in the NEXUS registry"),
        ("SMITH", date(1990, 1, 1), "501234567", "belongs to another member"),
    ],
)
def test_a_non_member_in_the_nexus_lane_is_referred(
    memory_container: Container, officer: User, surname: str, birth: date, card: str, why: str
) -> None:
    result = _decide(memory_container, officer, _card(surname, "X", birth, card), LaneType.NEXUS)
    decision = result.decision.decision
    assert decision.kind is DecisionKind.REFER
    assert why in decision.reasons[0].text and decision.reasons[0].kind == "programme"


def test_a_passport_in_the_nexus_lane_is_referred(
    memory_container: Container, officer: User
) -> None:
    result = _decide(memory_container, officer, _passport(), LaneType.NEXUS)
    assert result.decision.decision.kind is DecisionKind.REFER


def test_an_expired_document_or_a_bad_check_digit_refers(
    memory_container: Container, officer: User
) -> None:
    expired = _decide(memory_container, officer, _passport(expiry=date(2025, 1, 1)))
    assert "expired" in expired.decision.decision.reasons[0].text
    lines = list(_passport())
    lines[1] = lines[1][:9] + ("1" if lines[1][9] != "1" else "2") + lines[1][10:]
    tampered = _decide(memory_container, officer, tuple(lines))
    assert tampered.decision.decision.kind is DecisionKind.REFER
    assert "check digits" in tampered.decision.decision.reasons[0].text


def test_a_watch_list_hit_refers_and_queues_a_hit_for_this_agency_only(
    memory_container: Container, officer: User
) -> None:
    screener = FakeScreener()
    screener.add("TREMBLAY", 0.92)
    result = _decide(memory_container, officer, _passport(), screener=screener)
    assert result.decision.decision.kind is DecisionKind.REFER and result.hits_raised == 1
    analyst = ensure_user(
        memory_container.units(),
        name="a",
        role=Role.ANALYST,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    partner = ensure_user(
        memory_container.units(),
        name="a",
        role=Role.ANALYST,
        agency=Agency.CBP,
        secret=memory_container.secret,
    )
    (hit,) = hit_service.hit_queue(memory_container.units(), analyst, purpose="hit review")
    assert hit_service.hit_queue(memory_container.units(), partner, purpose="hit review") == []
    with pytest.raises(NotFound):
        hit_service.hit_detail(memory_container.units(), partner, hit.id, purpose="x")


def test_the_partners_port_is_refused(memory_container: Container, officer: User) -> None:
    assessor = Assessor(Agency.CBSA, screener=None, rules=None)
    with pytest.raises(ValidationFailed, match="not one of CBSA's ports"):
        primary(
            memory_container.units,
            assessor,
            officer,
            BoothRead(mrz=_passport(), port_code="3004", lane=LaneType.GENERAL, at=AT),
        )


def test_a_group_of_reads_from_two_officers_is_decided_together_each_audited_by_its_officer(
    memory_container: Container, officer: User
) -> None:
    second = ensure_user(
        memory_container.units(),
        name="second-officer",
        role=Role.OFFICER,
        agency=Agency.CBSA,
        secret=memory_container.secret,
    )
    assessor = Assessor(Agency.CBSA, screener=FakeScreener(), rules=None)
    reads = [
        (
            officer,
            BoothRead(
                mrz=_passport(number="AB123456"), port_code="813", lane=LaneType.GENERAL, at=AT
            ),
        ),
        (
            second,
            BoothRead(
                mrz=_passport(surname="ROY", number="CD654321"),
                port_code="813",
                lane=LaneType.GENERAL,
                at=AT,
            ),
        ),
    ]
    answers = primary_group(memory_container.units, assessor, reads)
    assert [a.document.surname for a in answers] == ["TREMBLAY", "ROY"]
    with memory_container.units() as uow:
        decided = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.DECIDE]
        assert len(uow.crossings.list(Agency.CBSA)) == 2
    assert [(e.actor, e.record_id) for e in decided] == [
        (officer.actor, answers[0].decision.id),
        (second.actor, answers[1].decision.id),
    ]


def test_a_read_that_cannot_be_decided_gets_its_own_error_and_the_rest_of_its_group_goes_on(
    memory_container: Container, officer: User
) -> None:
    assessor = Assessor(Agency.CBSA, screener=FakeScreener(), rules=None)
    good = BoothRead(mrz=_passport(), port_code="813", lane=LaneType.GENERAL, at=AT)
    reads = [
        (officer, replace(good, mrz=("P<CANTORN", "NOT A ZONE"))),
        (officer, good),
        (officer, replace(good, port_code="3004")),  # a CBP port
    ]
    bad_zone, decided, other_port = primary_group(memory_container.units, assessor, reads)
    assert isinstance(bad_zone, FormatError)
    assert isinstance(decided, PrimaryResult) and decided.document.surname == "TREMBLAY"
    assert isinstance(other_port, ValidationFailed) and "3004" in str(other_port)
    with memory_container.units() as uow:
        assert len(uow.crossings.list(Agency.CBSA)) == 1
