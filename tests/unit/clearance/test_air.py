"""Clearing API lists: once per message, board / no-board, hits raised and suppressed."""

from datetime import date

from smartborder.bootstrap import Container
from smartborder.clearance import hits as hit_service
from smartborder.clearance.air import clear_paxlst
from smartborder.clearance.assess import Assessor
from smartborder.clearance.decide import Stage
from smartborder.domain import Agency, DecisionKind, User
from smartborder.domain.hits import HitStatus
from smartborder.lists.rulesets import LiveRules, save_rule_set
from tests.factories import FakeScreener, passenger, paxlst

RULES = """
rules:
  - id: young-traveller
    title: Young traveller
    description: Under 21 on the day of travel.
    weight: 0.2
    severity: low
    when: {field: traveller.age, op: lt, value: 21}
"""

HADDAD = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877")
TREMBLAY = passenger("TREMBLAY", "JULIE", date(1984, 2, 29))
YOUNG = passenger("NGUYEN", "AN", date(2008, 1, 1))


def _assessor(container: Container, screener: FakeScreener) -> Assessor:
    return Assessor(
        Agency.CBSA, screener=screener, rules=LiveRules().for_agency(container.units(), Agency.CBSA)
    )


def test_a_message_is_taken_in_once(memory_container: Container, analyst: User) -> None:
    screener = FakeScreener()
    text = paxlst([TREMBLAY, YOUNG])
    first = clear_paxlst(
        memory_container.units, _assessor(memory_container, screener), analyst, text
    )
    again = clear_paxlst(
        memory_container.units, _assessor(memory_container, screener), analyst, text
    )
    assert [m.duplicate for m in first.messages + again.messages] == [False, True]
    assert [d.id for d in first.decisions] == [d.id for d in again.decisions]
    with memory_container.units() as uow:
        assert len(uow.state.decisions) == 2  # type: ignore[attr-defined]


def test_no_board_only_on_a_very_strong_hit(memory_container: Container, analyst: User) -> None:
    screener = FakeScreener()
    screener.add("HADDAD", 0.99)
    screener.add("TREMBLAY", 0.85, source_id="2")
    result = clear_paxlst(
        memory_container.units,
        _assessor(memory_container, screener),
        analyst,
        paxlst([HADDAD, TREMBLAY, YOUNG]),
    )
    kinds = {d.traveller_name: d.decision.kind for d in result.decisions}
    assert kinds == {
        "SAMIR HADDAD": DecisionKind.NO_BOARD,
        "JULIE TREMBLAY": DecisionKind.BOARD,
        "AN NGUYEN": DecisionKind.BOARD,
    }
    assert result.messages[0].hits_raised == 2


def test_at_arrival_a_hit_refers_and_a_rule_alone_need_not(
    memory_container: Container, analyst: User
) -> None:
    save_rule_set(memory_container.units(), analyst, RULES)
    screener = FakeScreener()
    screener.add("TREMBLAY", 0.85)
    from smartborder.clearance.ports import register_ports
    from tests.factories import DOUGLAS

    yvr = DOUGLAS.__class__(
        code="YVR", name="Vancouver International", agency=Agency.CBSA, timezone="America/Vancouver"
    )
    register_ports(memory_container.units(), [yvr])
    result = clear_paxlst(
        memory_container.units,
        _assessor(memory_container, screener),
        analyst,
        paxlst([TREMBLAY, YOUNG]),
        stage=Stage.ARRIVAL,
    )
    by_name = {d.traveller_name: d for d in result.decisions}
    assert by_name["JULIE TREMBLAY"].decision.kind is DecisionKind.REFER
    young = by_name["AN NGUYEN"].decision
    assert young.kind is DecisionKind.RELEASE
    assert [(r.kind, r.ref) for r in young.reasons] == [("rule", "young-traveller")]
    with memory_container.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 2


def test_a_dismissed_pair_stays_quiet_on_the_next_flight(
    memory_container: Container, analyst: User
) -> None:
    screener = FakeScreener()
    screener.add("TREMBLAY", 0.9)
    clear_paxlst(
        memory_container.units, _assessor(memory_container, screener), analyst, paxlst([TREMBLAY])
    )
    (hit,) = hit_service.hit_queue(memory_container.units(), analyst, purpose="hit review")
    hit_service.dispose(
        memory_container.units(),
        analyst,
        hit.id,
        HitStatus.DISMISSED,
        "not the listed person: different birth date",
    )
    later = clear_paxlst(
        memory_container.units,
        _assessor(memory_container, screener),
        analyst,
        paxlst([TREMBLAY], reference="PAX2", control="1002", day=date(2026, 7, 10)),
    )
    assert (later.messages[0].hits_raised, later.messages[0].hits_suppressed) == (0, 1)
    assert later.decisions[0].decision.reasons == ()


def test_a_dismissed_pair_alerts_again_when_the_travellers_data_change(
    memory_container: Container, analyst: User
) -> None:
    screener = FakeScreener()
    screener.add("TREMBLAY", 0.9)
    clear_paxlst(
        memory_container.units, _assessor(memory_container, screener), analyst, paxlst([TREMBLAY])
    )
    (hit,) = hit_service.hit_queue(memory_container.units(), analyst, purpose="hit review")
    hit_service.dispose(memory_container.units(), analyst, hit.id, HitStatus.DISMISSED, "not her")
    renewed = passenger("TREMBLAY", "JULIE", date(1984, 2, 29), number="GK000111")
    later = clear_paxlst(
        memory_container.units,
        _assessor(memory_container, screener),
        analyst,
        paxlst([renewed], reference="PAX2", control="1002"),
    )
    assert later.messages[0].hits_raised == 1


def test_every_decision_records_its_versions_and_inputs(
    memory_container: Container, analyst: User
) -> None:
    save_rule_set(memory_container.units(), analyst, RULES)
    result = clear_paxlst(
        memory_container.units,
        _assessor(memory_container, FakeScreener()),
        analyst,
        paxlst([TREMBLAY]),
    )
    decision = result.decisions[0].decision
    assert set(decision.versions) == {"rules", "lists", "engine"}
    assert decision.versions["lists"] == "test-list@v1"
    assert len(decision.inputs_hash) == 64
