"""The trusted-trader registry: who may join which programme, and status changes."""

from __future__ import annotations

import pytest

from smartborder.bootstrap import Container
from smartborder.domain import (
    Agency,
    MembershipStatus,
    Role,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.programmes import traders

CLERK = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBP)


def _member(programme: TraderProgramme, kind: TraderKind, ident: str = "X1") -> TrustedTrader:
    return TrustedTrader(Agency.CBP, programme, kind, ident, "Some Firm")


@pytest.mark.parametrize(
    ("programme", "kind"),
    [
        (TraderProgramme.FAST, TraderKind.IMPORTER),
        (TraderProgramme.CTPAT, TraderKind.DRIVER),
        (TraderProgramme.PIP, TraderKind.IMPORTER),  # CBP runs C-TPAT, not PIP
    ],
)
def test_programmes_enrol_only_their_own_kind(
    memory_container: Container, programme: TraderProgramme, kind: TraderKind
) -> None:
    with pytest.raises(ValidationFailed):
        traders.enrol(memory_container.units(), CLERK, _member(programme, kind))


def test_enrol_suspend_reinstate_revoke(memory_container: Container) -> None:
    uow = memory_container.units
    member = traders.enrol(uow(), CLERK, _member(TraderProgramme.CTPAT, TraderKind.CARRIER))
    with pytest.raises(Conflict):
        traders.enrol(uow(), CLERK, _member(TraderProgramme.CTPAT, TraderKind.CARRIER))
    suspended = traders.set_status(uow(), CLERK, member.id, MembershipStatus.SUSPENDED, reason="x")
    assert not suspended.active
    assert traders.set_status(uow(), CLERK, member.id, MembershipStatus.ACTIVE, reason="y").active
    traders.set_status(uow(), CLERK, member.id, MembershipStatus.REVOKED, reason="z")
    with pytest.raises(Conflict):
        traders.set_status(uow(), CLERK, member.id, MembershipStatus.ACTIVE, reason="again")
    with pytest.raises(ValidationFailed):
        traders.set_status(uow(), CLERK, member.id, MembershipStatus.REVOKED, reason=" ")
    listed = traders.list_traders(uow(), CLERK, programme=TraderProgramme.CTPAT, purpose="test")
    assert [t.status for t in listed] == [MembershipStatus.REVOKED]


def test_another_agencys_member_is_not_found(memory_container: Container) -> None:
    member = traders.enrol(
        memory_container.units(), CLERK, _member(TraderProgramme.FAST, TraderKind.DRIVER)
    )
    other = User(name="clerk", role=Role.PROGRAMME, agency=Agency.CBSA)
    with pytest.raises(NotFound):
        traders.set_status(
            memory_container.units(), other, member.id, MembershipStatus.SUSPENDED, reason="x"
        )
    assert traders.list_traders(memory_container.units(), other, purpose="test") == []
