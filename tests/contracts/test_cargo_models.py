"""Cargo models: kept exactly, and the latest is the one created last (by id on a tie)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.manifests import CargoModelRecord
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

CREATED = datetime(2026, 7, 1, 2, 3, 4, 567890, tzinfo=UTC)


def model(
    version: str,
    *,
    agency: Agency = Agency.CBSA,
    created_at: datetime = CREATED,
    id: str | None = None,
) -> CargoModelRecord:
    return CargoModelRecord(
        agency=agency,
        version=version,
        document='{"trees": [[0, 1.5, -2]], "note": "é 中"}' + "x" * 20_000,
        trained_on={"rows": 6000, "days": ["2024-01-01", "2024-04-30"], "auc": 0.8125},
        created_at=created_at,
        **({"id": id} if id is not None else {}),
    )


def test_a_model_round_trips_exactly(store: Container) -> None:
    written = model("v1", created_at=datetime(2026, 6, 30, 19, 3, 4, 567890, tzinfo=PACIFIC))
    with store.units() as uow:
        uow.cargo_models.add(written)
        uow.commit()
    with store.units() as uow:
        read = uow.cargo_models.latest(Agency.CBSA)
    assert read == written
    assert read is not None and read.created_at == CREATED
    assert read.created_at.utcoffset() == timedelta(0)


def test_a_model_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.cargo_models.add(model("v1", created_at=datetime(2026, 7, 1, 2, 3)))


def test_latest_is_none_when_the_agency_has_no_model(store: Container) -> None:
    with store.units() as uow:
        assert uow.cargo_models.latest(Agency.CBSA) is None
        uow.cargo_models.add(model("v1", agency=Agency.CBP))
        uow.commit()
    with store.units() as uow:
        assert uow.cargo_models.latest(Agency.CBSA) is None


def test_latest_is_the_last_created_then_the_greater_id(store: Container) -> None:
    later = CREATED + timedelta(microseconds=1)
    with store.units() as uow:
        uow.cargo_models.add(
            model("newest-b", created_at=later, id="0190a000-0000-7000-8000-00000000000b")
        )
        uow.cargo_models.add(
            model("newest-a", created_at=later, id="0190a000-0000-7000-8000-00000000000a")
        )
        uow.cargo_models.add(
            model("older", created_at=CREATED, id="0190a000-0000-7000-8000-00000000000f")
        )
        uow.cargo_models.add(model("theirs", agency=Agency.CBP, created_at=later + timedelta(1)))
        uow.commit()
    with store.units() as uow:
        latest = uow.cargo_models.latest(Agency.CBSA)
    assert latest is not None and latest.version == "newest-b"


def test_a_second_model_with_the_same_id_is_refused(store: Container) -> None:
    first = model("v1", id="0190a000-0000-7000-8000-000000000001")
    with store.units() as uow:
        uow.cargo_models.add(first)
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:
        uow.cargo_models.add(
            model(
                "v2", created_at=CREATED + timedelta(1), id="0190a000-0000-7000-8000-000000000001"
            )
        )
        uow.commit()
    with store.units() as uow:
        assert uow.cargo_models.latest(Agency.CBSA) == first
