"""Receipts of messages taken in: one per (reference, content), on the fake and both stores."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.intake import REFERENCE_REUSED, MessageReceipt
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)


def _receipt(
    receipt_id: str,
    content_hash: str = "c1",
    *,
    received_at: datetime = T0,
    agency: Agency = Agency.CBSA,
    sender: str = "ACAPI",
    reference: str = "PAX1",
    warning: str | None = None,
) -> MessageReceipt:
    return MessageReceipt(
        agency=agency,
        kind="paxlst",
        sender=sender,
        reference=reference,
        content_hash=content_hash,
        travellers=212,
        received_at=received_at,
        warning=warning,
        id=receipt_id,
    )


def test_find_gives_back_the_receipt_of_that_content_exactly(store: Container) -> None:
    receipt = _receipt(
        "r1", "f" * 64, received_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC)
    )
    with store.units() as uow:
        uow.messages.add(receipt)
        uow.commit()
    with store.units() as uow:
        found = uow.messages.find(Agency.CBSA, "paxlst", "ACAPI", "PAX1", "f" * 64)
        assert found == receipt
        assert found is not None
        assert found.received_at == T0 and found.received_at.utcoffset() == timedelta(0)
        assert uow.messages.find(Agency.CBSA, "paxlst", "ACAPI", "PAX1", "e" * 64) is None
        assert uow.messages.find(Agency.CBP, "paxlst", "ACAPI", "PAX1", "f" * 64) is None
        assert uow.messages.find(Agency.CBSA, "pnrgov", "ACAPI", "PAX1", "f" * 64) is None
        assert uow.messages.find(Agency.CBSA, "paxlst", "WSAPI", "PAX1", "f" * 64) is None
        assert uow.messages.find(Agency.CBSA, "paxlst", "ACAPI", "PAX2", "f" * 64) is None


def test_with_reference_lists_every_content_oldest_first_then_by_id(store: Container) -> None:
    with store.units() as uow:
        uow.messages.add(_receipt("r3", "c3", received_at=T0 + timedelta(minutes=9)))
        uow.messages.add(_receipt("r2", "c2", received_at=T0, warning=REFERENCE_REUSED))
        uow.messages.add(_receipt("r1", "c1", received_at=T0))  # the same instant as r2
        uow.messages.add(_receipt("r4", "c4", received_at=T0 - timedelta(minutes=1)))
        uow.messages.add(_receipt("r5", "c1", reference="PAX2"))
        uow.messages.add(_receipt("r6", "c1", sender="WSAPI"))
        uow.messages.add(_receipt("r7", "c1", agency=Agency.CBP))
        uow.commit()
    with store.units() as uow:
        found = uow.messages.with_reference(Agency.CBSA, "paxlst", "ACAPI", "PAX1")
        assert [m.id for m in found] == ["r4", "r1", "r2", "r3"]
        assert [m.warning for m in found] == [None, None, REFERENCE_REUSED, None]
        assert uow.messages.with_reference(Agency.CBSA, "paxlst", "ACAPI", "PAX9") == []


def test_the_same_content_under_the_same_reference_is_taken_in_once(store: Container) -> None:
    with store.units() as uow:
        uow.messages.add(_receipt("r1", "c1"))
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.messages.add(_receipt("r2", "c1", received_at=T0 + timedelta(hours=1)))
    with store.units() as uow:
        uow.messages.add(_receipt("r3", "c2", warning=REFERENCE_REUSED))  # other content
        uow.messages.add(_receipt("r4", "c1", agency=Agency.CBP))  # other agency
        uow.commit()
    with store.units() as uow:
        found = uow.messages.with_reference(Agency.CBSA, "paxlst", "ACAPI", "PAX1")
        assert sorted(m.id for m in found) == ["r1", "r3"]


def test_a_receipt_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.messages.add(_receipt("r1", received_at=datetime(2026, 7, 3, 17, 5)))
