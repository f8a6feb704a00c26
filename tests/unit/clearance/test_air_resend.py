"""A message is taken in once per content: a re-used reference is a new message.

Carriers' interchange and message references roll over. A list that comes back under a
reference seen before is answered from the store only when it says the same thing; with
other travellers (or other bookings) it is cleared on its own content and flagged.
"""

from datetime import date

import pytest

from smartborder.bootstrap import Container
from smartborder.clearance.air import AirClearance, clear_paxlst
from smartborder.clearance.assess import Assessor
from smartborder.domain import Agency, AuditAction, AuditEvent, DecisionKind, User
from smartborder.domain.intake import REFERENCE_REUSED
from smartborder.formats.edifact import Separators
from smartborder.lists.rulesets import LiveRules, save_rule_set
from tests.factories import FakeScreener, passenger, paxlst, pnrgov

TREMBLAY = passenger("TREMBLAY", "JULIE", date(1984, 2, 29))
ROY = passenger("ROY", "MARC", date(1990, 5, 1), number="CD654321")
HADDAD = passenger("HADDAD", "SAMIR", date(1979, 3, 14), "LBN", "LB998877")

CASH = """
rules:
  - id: paid-cash
    title: Paid in cash
    description: The booking was paid in cash.
    weight: 0.5
    severity: medium
    when: {field: pnr.payment_forms, op: contains, value: CA}
"""


@pytest.fixture
def screener() -> FakeScreener:
    listed = FakeScreener()
    listed.add("HADDAD", 0.99)
    return listed


def clear(
    container: Container,
    screener: FakeScreener,
    user: User,
    text: str,
    pnr_text: str | None = None,
) -> AirClearance:
    assessor = Assessor(
        Agency.CBSA, screener=screener, rules=LiveRules().for_agency(container.units(), Agency.CBSA)
    )
    return clear_paxlst(container.units, assessor, user, text, pnr_text=pnr_text)


def audit_events(container: Container) -> list[AuditEvent]:
    with container.units() as uow:
        return [e.event for e in uow.audit.entries()]


def test_a_reused_reference_with_other_travellers_is_cleared_on_its_own_content(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    # The same carrier, interchange control reference 1001 and message reference PAX1,
    # a day apart: the second flight carries a listed traveller.
    first = clear(memory_container, screener, analyst, paxlst([TREMBLAY, ROY]))
    second = clear(memory_container, screener, analyst, paxlst([HADDAD, ROY], day=date(2026, 7, 4)))
    (message,) = second.messages
    assert not message.duplicate
    assert message.receipt.reference == first.messages[0].receipt.reference
    kinds = {d.traveller_name: d.decision.kind for d in message.decisions}
    assert kinds == {"SAMIR HADDAD": DecisionKind.NO_BOARD, "MARC ROY": DecisionKind.BOARD}
    assert message.hits_raised == 1
    assert len(message.warnings) == 1 and message.warnings[0].startswith(REFERENCE_REUSED)
    assert first.messages[0].warnings == []


def test_both_receipts_are_kept_and_the_reuse_is_in_the_audit_log(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    first = clear(memory_container, screener, analyst, paxlst([TREMBLAY]))
    second = clear(memory_container, screener, analyst, paxlst([HADDAD]))
    with memory_container.units() as uow:
        kept = uow.messages.with_reference(Agency.CBSA, "paxlst", "ACAPI", "1001/PAX1")
    assert [r.id for r in kept] == [first.messages[0].receipt.id, second.messages[0].receipt.id]
    assert kept[0].warning is None and kept[1].warning == second.messages[0].warnings[0]
    (flagged,) = [e for e in audit_events(memory_container) if e.record_type == "message"]
    assert flagged.record_id == kept[1].id
    assert flagged.detail["warning"] == REFERENCE_REUSED
    assert flagged.detail["earlier"] == kept[0].id
    assert flagged.actor == analyst.actor


def test_a_short_fake_message_under_a_known_reference_reads_nothing_back(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    clear(memory_container, screener, analyst, paxlst([TREMBLAY, ROY]))
    nobody = passenger("DOE", "JOHN", date(1970, 1, 1), number="ZZ000000")
    probe = clear(memory_container, screener, analyst, paxlst([nobody]))
    assert [d.traveller_name for d in probe.decisions] == ["JOHN DOE"]


def test_a_byte_identical_resend_gets_the_stored_answers_and_is_audited(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    text = paxlst([HADDAD, ROY])
    first = clear(memory_container, screener, analyst, text)
    again = clear(memory_container, screener, analyst, text)
    assert [m.duplicate for m in again.messages] == [True]
    assert [d.id for d in again.decisions] == [d.id for d in first.decisions]
    assert again.messages[0].warnings == []
    reads = [e for e in audit_events(memory_container) if e.action is AuditAction.READ]
    assert [(e.record_type, e.record_id, e.actor) for e in reads] == [
        ("message", first.messages[0].receipt.id, analyst.actor)
    ]
    assert reads[0].detail["decisions"] == "2" and reads[0].purpose


def test_the_same_list_written_with_other_separators_is_the_same_message(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    first = clear(memory_container, screener, analyst, paxlst([TREMBLAY, ROY]))
    rewritten = paxlst(
        [TREMBLAY, ROY], separators=Separators(segment="~", element="*"), newline="\r\n"
    )
    assert rewritten != paxlst([TREMBLAY, ROY])
    again = clear(memory_container, screener, analyst, rewritten)
    assert again.messages[0].duplicate
    assert [d.id for d in again.decisions] == [d.id for d in first.decisions]


def test_the_same_list_with_another_pnr_push_is_other_content(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    save_rule_set(memory_container.units(), analyst, CASH)
    text = paxlst([TREMBLAY, ROY])
    by_card = clear(memory_container, screener, analyst, text, pnr_text=pnrgov({"BK0000": "CC"}))
    by_cash = clear(memory_container, screener, analyst, text, pnr_text=pnrgov({"BK0000": "CA"}))
    assert not by_cash.messages[0].duplicate
    assert by_cash.messages[0].warnings[0].startswith(REFERENCE_REUSED)
    rules_fired = {d.traveller_name: [r.ref for r in d.decision.reasons] for d in by_cash.decisions}
    assert rules_fired == {"JULIE TREMBLAY": ["paid-cash"], "MARC ROY": []}
    assert all(d.decision.reasons == () for d in by_card.decisions)
    # The same PNR push again is the same message: the stored answers.
    again = clear(memory_container, screener, analyst, text, pnr_text=pnrgov({"BK0000": "CA"}))
    assert again.messages[0].duplicate
    assert [d.id for d in again.decisions] == [d.id for d in by_cash.decisions]


def test_a_booking_of_nobody_on_the_list_does_not_change_the_message(
    memory_container: Container, analyst: User, screener: FakeScreener
) -> None:
    text = paxlst([TREMBLAY])
    clear(memory_container, screener, analyst, text, pnr_text=pnrgov({"BK0000": "CC"}))
    other = pnrgov({"BK0000": "CC", "ZZ9999": "CA"})
    assert clear(memory_container, screener, analyst, text, pnr_text=other).messages[0].duplicate
