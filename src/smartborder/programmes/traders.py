"""The trusted-trader registry: enrol C-TPAT / PIP importers and carriers and FAST drivers,
suspend, reinstate or revoke them, each change audited."""

from __future__ import annotations

from dataclasses import replace

from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    MembershipStatus,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
    utc_now,
)
from smartborder.domain.audit import stated_purpose
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.programmes.unit import ProgrammesUnit

#: The trade-partnership programme each agency runs (FAST is both agencies' driver card).
TRADE_PROGRAMME = {Agency.CBSA: TraderProgramme.PIP, Agency.CBP: TraderProgramme.CTPAT}


def _event(user: User, action: AuditAction, trader: TrustedTrader, **detail: str) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose="trusted trader registry",
        record_type="trusted_trader",
        record_id=trader.id,
        detail={"programme": str(trader.programme), "kind": str(trader.kind), **detail},
    )


def check_membership(agency: Agency, programme: TraderProgramme, kind: TraderKind) -> None:
    """Refuse combinations no programme has: FAST is for drivers, C-TPAT/PIP for firms."""
    if programme is TraderProgramme.FAST and kind is not TraderKind.DRIVER:
        raise ValidationFailed(
            "FAST enrols commercial drivers; importers and carriers join C-TPAT or PIP"
        )
    if programme is not TraderProgramme.FAST and kind is TraderKind.DRIVER:
        raise ValidationFailed("drivers enrol in FAST")
    if programme is not TraderProgramme.FAST and programme is not TRADE_PROGRAMME[agency]:
        raise ValidationFailed(
            f"{agency} runs {TRADE_PROGRAMME[agency].upper()}, not {programme.upper()}"
        )


def enrol(uow: ProgrammesUnit, user: User, trader: TrustedTrader) -> TrustedTrader:
    """Add a member to the user's agency's registry."""
    if trader.agency is not user.agency:
        raise ValidationFailed("a registry enrols members for its own agency only")
    check_membership(trader.agency, trader.programme, trader.kind)
    if not trader.identifier.strip() or len(trader.identifier) > 40:
        raise ValidationFailed("a member needs an identifier of 1 to 40 characters")
    with uow:
        existing = uow.traders.get(trader.agency, trader.programme, trader.kind, trader.identifier)
        if existing is not None:
            raise Conflict(
                f"{trader.kind} {trader.identifier} is already a {trader.programme.upper()} member"
            )
        uow.traders.put(trader)
        uow.audit.append(_event(user, AuditAction.CREATE, trader, identifier=trader.identifier))
        uow.commit()
    return trader


def set_status(
    uow: ProgrammesUnit, user: User, trader_id: str, status: MembershipStatus, *, reason: str
) -> TrustedTrader:
    """Suspend, reinstate or revoke a member; the change applies to the next decision."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("say why the status changes")
    with uow:
        trader = uow.traders.by_id(user.agency, trader_id)
        if trader is None:
            raise NotFound(f"no trusted trader {trader_id}")
        if trader.status is MembershipStatus.REVOKED and status is not MembershipStatus.REVOKED:
            raise Conflict("a revoked membership is not reinstated; enrol the member again")
        changed = replace(trader, status=status, changed_at=utc_now())
        uow.traders.put(changed)
        uow.audit.append(
            _event(user, AuditAction.UPDATE, changed, status=str(status), reason=reason[:200])
        )
        uow.commit()
    return changed


def list_traders(
    uow: ProgrammesUnit,
    user: User,
    *,
    programme: TraderProgramme | None = None,
    kind: TraderKind | None = None,
    purpose: str,
) -> list[TrustedTrader]:
    """The agency's members. FAST drivers are people (names, card numbers), so the read
    is audited, naming every member it returned."""
    purpose = stated_purpose(purpose)
    with uow:
        found = uow.traders.list(user.agency, programme=programme, kind=kind)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="trader",
                detail={
                    "count": str(len(found)),
                    "programme": str(programme or "any"),
                    "kind": str(kind or "any"),
                    "ids": [t.id for t in found],
                },
            )
        )
        uow.commit()
    return found
