"""Recording entries at the booth and reading them back, on the in-memory store."""

from datetime import timedelta

import pytest

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance import crossings
from smartborder.clearance.ports import register_ports
from smartborder.domain import Agency, AuditAction, LaneType, Role, User
from smartborder.domain.clock import utc_now
from smartborder.domain.intake import KEY_LIFETIME, IdempotencyRecord
from smartborder.errors import IdempotencyKeyReused, NotFound, ValidationFailed
from tests.factories import BLAINE, DOUGLAS, entry


def _officer(container: Container, agency: Agency) -> User:
    return ensure_user(
        container.units(),
        name=f"officer-{agency}",
        role=Role.OFFICER,
        agency=agency,
        secret=container.secret,
    )


@pytest.fixture
def node(memory_container: Container) -> Container:
    register_ports(memory_container.units(), [DOUGLAS, BLAINE])
    return memory_container


def test_an_officer_records_an_entry_at_their_own_port(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    record = crossings.record_entry(node.units(), officer, entry())
    assert crossings.read_crossing(node.units(), officer, record.id, purpose="test") == record


def test_an_entry_at_the_partners_port_is_refused(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    with pytest.raises(ValidationFailed, match="not one of CBSA's ports"):
        crossings.record_entry(node.units(), officer, entry(port=BLAINE))


def test_a_lane_the_port_does_not_have_is_refused(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    with pytest.raises(ValidationFailed, match="no fast lane"):
        crossings.record_entry(node.units(), officer, entry(lane=LaneType.FAST))


def test_a_batch_is_all_or_nothing(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    with pytest.raises(ValidationFailed):
        crossings.record_entries(node.units(), officer, [entry(), entry(port=BLAINE)])
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 0


def test_another_agencys_record_is_not_found(node: Container) -> None:
    record = crossings.record_entry(node.units(), _officer(node, Agency.CBSA), entry())
    with pytest.raises(NotFound):
        crossings.read_crossing(node.units(), _officer(node, Agency.CBP), record.id, purpose="x")


def test_every_read_leaves_an_audit_entry_with_actor_and_purpose(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    record = crossings.record_entry(node.units(), officer, entry())
    crossings.read_crossing(node.units(), officer, record.id, purpose="secondary referral")
    with node.units() as uow:
        reads = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]
    assert [(r.actor, r.purpose, r.record_id) for r in reads] == [
        ("CBSA/officer-CBSA", "secondary referral", record.id)
    ]


def test_a_retry_under_the_same_idempotency_key_records_nothing_twice(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    first = crossings.record_entry(node.units(), officer, entry(), idempotency_key="booth-7:0001")
    # The client lost the answer and sends the same request again: a new record object,
    # with its own id and time of recording, and the same content.
    retry = crossings.record_entry(node.units(), officer, entry(), idempotency_key="booth-7:0001")
    assert retry == first
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 1
        (read,) = [e.event for e in uow.audit.entries() if e.event.action is AuditAction.READ]
    assert (read.record_id, read.actor) == (first.id, officer.actor)


def test_the_same_idempotency_key_with_another_request_is_refused(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    crossings.record_entry(node.units(), officer, entry(), idempotency_key="booth-7:0001")
    with pytest.raises(IdempotencyKeyReused, match="different request payload"):
        crossings.record_entry(
            node.units(), officer, entry(surname="ROY"), idempotency_key="booth-7:0001"
        )
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 1


def test_an_idempotency_key_is_forgotten_after_a_day(node: Container) -> None:
    officer = _officer(node, Agency.CBSA)
    with node.units() as uow:
        uow.idempotency.add(
            IdempotencyRecord(
                agency=Agency.CBSA,
                actor=officer.actor,
                scope="crossing",
                key="booth-7:0001",
                request_digest="of a request made yesterday",
                record_id="gone",
                created_at=utc_now() - KEY_LIFETIME - timedelta(minutes=1),
            )
        )
        uow.commit()
    # A day later the booth's counter has wrapped: the key is new again, not "re-used".
    crossings.record_entry(node.units(), officer, entry(), idempotency_key="booth-7:0001")
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 1
        used = uow.idempotency.get(officer.actor, "crossing", "booth-7:0001")
    assert used is not None and used.record_id != "gone"


def test_idempotency_keys_are_each_clients_own(node: Container) -> None:
    one, other = (
        _officer(node, Agency.CBSA),
        ensure_user(
            node.units(), name="second", role=Role.OFFICER, agency=Agency.CBSA, secret=node.secret
        ),
    )
    crossings.record_entry(node.units(), one, entry(), idempotency_key="0001")
    crossings.record_entry(node.units(), other, entry(surname="ROY"), idempotency_key="0001")
    with node.units() as uow:
        assert uow.crossings.count(Agency.CBSA) == 2
