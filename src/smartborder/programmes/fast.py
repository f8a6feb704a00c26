"""FAST eligibility: the FAST lane needs a trusted carrier, trusted importers and a FAST driver.

All three must hold an *active* membership at the moment of the decision: a member
suspended a minute ago is refused now, because the registry is read for every trip and
never cached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smartborder.domain import (
    Agency,
    Manifest,
    PartyRole,
    Reason,
    ReasonKind,
    TraderKind,
    TraderProgramme,
    TransportMode,
    TrustedTrader,
)
from smartborder.programmes.traders import TRADE_PROGRAMME
from smartborder.programmes.unit import ProgrammesUnit

Lookup = Callable[[TraderProgramme, TraderKind, str], TrustedTrader | None]


@dataclass(frozen=True, slots=True)
class FastCheck:
    eligible: bool
    reasons: tuple[Reason, ...]  # each membership that counted, or each one missing


def _check(
    lookup: Lookup, programme: TraderProgramme, kind: TraderKind, ident: str | None, what: str
) -> Reason | None:
    """None when the member is active, else the reason it is not."""
    if not ident:
        return Reason(ReasonKind.PROGRAMME, f"{programme}:{kind}", f"{what} gives no identifier")
    member = lookup(programme, kind, ident)
    if member is None:
        return Reason(
            ReasonKind.PROGRAMME,
            f"{programme}:{kind}:{ident}",
            f"{what} {ident} is not a {programme.upper()} member",
        )
    if not member.active:
        return Reason(
            ReasonKind.PROGRAMME,
            f"{programme}:{kind}:{ident}",
            f"{what} {ident}'s {programme.upper()} membership is {member.status}",
        )
    return None


def fast_eligibility(agency: Agency, manifest: Manifest, lookup: Lookup) -> FastCheck:
    """Whether the trip may use the FAST lane, with every reason it may not."""
    trade = TRADE_PROGRAMME[agency]
    if manifest.mode is not TransportMode.HIGHWAY:
        return FastCheck(
            False, (Reason(ReasonKind.PROGRAMME, "fast", "FAST is for highway trips"),)
        )
    problems: list[Reason | None] = [
        _check(lookup, trade, TraderKind.CARRIER, manifest.carrier_code, "carrier")
    ]
    drivers = [p for p in manifest.crew if p.role is PartyRole.DRIVER]
    if not drivers:
        problems.append(Reason(ReasonKind.PROGRAMME, "fast:driver", "the trip names no driver"))
    for driver in drivers:
        problems.append(
            _check(lookup, TraderProgramme.FAST, TraderKind.DRIVER, driver.identifier, "driver")
        )
    for shipment in manifest.shipments:
        importer = shipment.party(PartyRole.IMPORTER)
        problems.append(
            _check(
                lookup,
                trade,
                TraderKind.IMPORTER,
                importer.identifier if importer else None,
                f"importer of {shipment.cargo_control_number}",
            )
        )
    refused = tuple(p for p in problems if p is not None)
    if refused:
        return FastCheck(False, refused)
    return FastCheck(
        True,
        (Reason(ReasonKind.PROGRAMME, "fast", "carrier, importers and driver are active members"),),
    )


def check_fast(uow: ProgrammesUnit, agency: Agency, manifest: Manifest) -> FastCheck:
    """``fast_eligibility`` against the registry, inside the caller's open unit of work."""

    def lookup(programme: TraderProgramme, kind: TraderKind, ident: str) -> TrustedTrader | None:
        return uow.traders.get(agency, programme, kind, ident)

    return fast_eligibility(agency, manifest, lookup)


def trusted_importer(uow: ProgrammesUnit, agency: Agency, identifier: str | None) -> str | None:
    """The programme vouching for an importer (active members only), or None."""
    if not identifier:
        return None
    programme = TRADE_PROGRAMME[agency]
    member = uow.traders.get(agency, programme, TraderKind.IMPORTER, identifier)
    return str(programme) if member is not None and member.active else None
