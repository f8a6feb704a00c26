"""A large registry is re-vetted after a list change in a worker process of its own, off
the serving process's interpreter (``bootstrap._revet``), on a store both can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder import bootstrap as wiring
from smartborder.domain import Agency
from smartborder.domain.nexus import MembershipStatus
from smartborder.formats.lists import read_list
from smartborder.lists.watchlists import load_list
from tests.conftest import make_settings
from tests.unit.lists.test_refresher import FIXTURES
from tests.unit.programmes.test_recurrent import LISTED


def test_a_registry_above_the_threshold_is_re_vetted_in_a_worker_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    container = wiring.bootstrap(make_settings(f"sqlite:///{tmp_path / 'node.db'}"), upgrade=True)
    try:
        with container.units() as uow:
            uow.nexus.put_many([LISTED])
            uow.commit()
        load_list(
            container.units, read_list(FIXTURES / "un.xml", "un-xml", "un"), agency=Agency.CBSA
        )
        monkeypatch.setattr(wiring, "IN_PROCESS_UP_TO", 0)  # one member is "large" here
        ran_here = []
        monkeypatch.setattr(wiring, "revet_members", lambda *a, **k: ran_here.append(a))
        container.recurrent_vetting.run_once()
        assert ran_here == []  # not in this process: the spawned worker did it
        with container.units() as uow:
            member = uow.nexus.get(LISTED.card_number)
        assert member is not None and member.status is MembershipStatus.SUSPENDED
        with container.units() as uow:
            actors = {e.event.actor for e in uow.audit.entries()}
        assert "CBSA/system" in actors
    finally:
        container.close()
