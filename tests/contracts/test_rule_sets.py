"""Saved rule sets: one row per (agency, version), one active per agency."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.intake import RuleSetRecord
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC

T0 = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)
SOURCE = "name: routes\nrules:\n  - id: r1\n    when: route == 'LHR-YVR'  # é ü 中\n"


def _rule_set(
    record_id: str,
    version: str,
    *,
    agency: Agency = Agency.CBSA,
    active: bool = False,
    created_at: datetime = T0,
) -> RuleSetRecord:
    return RuleSetRecord(
        agency=agency,
        name="routes",
        version=version,
        source=SOURCE,
        rule_count=1,
        created_by="CBSA/analyst-2",
        active=active,
        created_at=created_at,
        id=record_id,
    )


def _add(store: Container, records: list[RuleSetRecord]) -> None:
    with store.units() as uow:
        for record in records:
            uow.rule_sets.add(record)
        uow.commit()


def test_a_rule_set_round_trips_exactly_by_version(store: Container) -> None:
    record = _rule_set(
        "rs1", "v1", created_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC)
    )
    _add(store, [record])
    with store.units() as uow:
        found = uow.rule_sets.by_version(Agency.CBSA, "v1")
        assert found == record
        assert found is not None
        assert found.created_at == T0 and found.created_at.utcoffset() == timedelta(0)
        assert uow.rule_sets.by_version(Agency.CBP, "v1") is None
        assert uow.rule_sets.by_version(Agency.CBSA, "v2") is None


def test_a_version_is_saved_once_per_agency(store: Container) -> None:
    _add(store, [_rule_set("rs1", "v1")])
    with pytest.raises(Conflict), store.units() as uow:
        uow.rule_sets.add(_rule_set("rs2", "v1"))
    _add(store, [_rule_set("rs3", "v1", agency=Agency.CBP)])
    with store.units() as uow:
        assert [r.id for r in uow.rule_sets.list(Agency.CBSA)] == ["rs1"]
        assert [r.id for r in uow.rule_sets.list(Agency.CBP)] == ["rs3"]


def test_activate_leaves_exactly_one_active_version_per_agency(store: Container) -> None:
    _add(
        store,
        [
            _rule_set("rs1", "v1", active=True),
            _rule_set("rs2", "v2"),
            _rule_set("rs3", "v1", agency=Agency.CBP, active=True),
        ],
    )
    with store.units() as uow:
        assert uow.rule_sets.active(Agency.CBSA) == _rule_set("rs1", "v1", active=True)
        uow.rule_sets.activate(Agency.CBSA, "v2")
        uow.commit()
    with store.units() as uow:
        active = uow.rule_sets.active(Agency.CBSA)
        assert active is not None and active.id == "rs2" and active.active
        assert [(r.id, r.active) for r in uow.rule_sets.list(Agency.CBSA)] == [
            ("rs1", False),
            ("rs2", True),
        ]
        other = uow.rule_sets.active(Agency.CBP)
        assert other is not None and other.id == "rs3"


def test_activating_an_unknown_version_leaves_none_active(store: Container) -> None:
    _add(store, [_rule_set("rs1", "v1", active=True)])
    with store.units() as uow:
        uow.rule_sets.activate(Agency.CBSA, "v9")
        uow.commit()
    with store.units() as uow:
        assert uow.rule_sets.active(Agency.CBSA) is None
        assert [(r.id, r.active) for r in uow.rule_sets.list(Agency.CBSA)] == [("rs1", False)]


def test_list_is_the_agencys_rule_sets_by_id(store: Container) -> None:
    _add(
        store,
        [
            _rule_set("rs3", "v3"),
            _rule_set("rs1", "v1"),
            _rule_set("rs2", "v2"),
            _rule_set("rs0", "v0", agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        assert [r.version for r in uow.rule_sets.list(Agency.CBSA)] == ["v1", "v2", "v3"]
        assert uow.rule_sets.active(Agency.CBSA) is None
    with store.units() as uow:
        assert uow.rule_sets.list(Agency.CBP) == [_rule_set("rs0", "v0", agency=Agency.CBP)]


def test_a_rule_set_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.rule_sets.add(_rule_set("rs1", "v1", created_at=datetime(2026, 7, 3, 17, 5)))
