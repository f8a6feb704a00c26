"""Deciding a trip's shipments: screening, biosecurity, the risk model, the trusted importer,
and from them each shipment's lane with its reasons."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from smartborder.domain import (
    AuditAction,
    AuditEvent,
    Manifest,
    Party,
    PartyRole,
    Reason,
    ReasonKind,
    User,
)
from smartborder.domain.manifests import ShipmentRecord
from smartborder.goods.parties import PartyHit, PartyScreener
from smartborder.goods.risk_models import model_in_force
from smartborder.goods.unit import GoodsUnit
from smartborder.programmes.fast import trusted_importer
from smartborder.targeting.cargo import biosecurity
from smartborder.targeting.cargo.lanes import ShipmentFacts, Thresholds, route

if TYPE_CHECKING:
    from smartborder.targeting.cargo.model import CargoRiskModel


@dataclass(frozen=True)
class IntakeRules:
    """What intake decides with: the party screener, lane thresholds, biosecurity rules."""

    screener: PartyScreener
    thresholds: Thresholds = Thresholds()
    biosecurity: tuple[biosecurity.BiosecurityRule, ...] = biosecurity.DEFAULT_RULES


@dataclass
class _Decided:
    records: list[ShipmentRecord] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)


def _event(user: User, action: AuditAction, shipment_id: str, **detail: str) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose="eManifest intake",
        record_type="shipment",
        record_id=shipment_id,
        detail=detail,
    )


def _hits_by_party(hits: list[PartyHit]) -> dict[Party, list[Reason]]:
    out: dict[Party, list[Reason]] = defaultdict(list)
    for hit in hits:
        out[hit.party].append(
            Reason(
                ReasonKind.WATCHLIST,
                f"{hit.list_id}:{hit.entry_id}",
                f"{hit.party.role} {hit.party.name!r} matches {hit.matched_name!r}",
                hit.score,
            )
        )
    return out


def decide_trip(
    uow: GoodsUnit,
    user: User,
    manifest: Manifest,
    submission_id: str,
    late: bool,
    rules: IntakeRules,
) -> _Decided:
    existing = {
        r.shipment.cargo_control_number: r
        for r in uow.shipments.for_trip(user.agency, manifest.trip_number)
    }
    shipments = [
        replace(s, id=existing[s.cargo_control_number].id)
        if s.cargo_control_number in existing
        else s
        for s in manifest.shipments
    ]
    model, version = model_in_force(uow, user.agency)
    risks, scores = _risks(model, shipments, manifest)
    parties = list(manifest.crew) + [p for s in shipments for p in s.parties]
    hits = _hits_by_party(rules.screener.screen(list(dict.fromkeys(parties))))
    trip_hits = [r for p in manifest.crew for r in hits.get(p, [])]
    day = manifest.estimated_arrival.date()
    decided = _Decided()
    for shipment, risk, score in zip(shipments, risks, scores, strict=True):
        importer = shipment.party(PartyRole.IMPORTER)
        facts = ShipmentFacts(
            watchlist_hits=tuple(
                trip_hits + [r for p in shipment.parties for r in hits.get(p, [])]
            ),
            biosecurity=tuple(biosecurity.check(shipment.lines, day, rules.biosecurity)),
            risk=risk,
            model_version=version,
            late=late,
            trusted_importer=trusted_importer(
                uow, user.agency, importer.identifier if importer else None
            ),
        )
        decision = route(facts, rules.thresholds)
        decided.records.append(
            ShipmentRecord(
                agency=user.agency,
                submission_id=submission_id,
                trip_number=manifest.trip_number,
                port_code=manifest.port_code,
                estimated_arrival=manifest.estimated_arrival,
                shipment=shipment,
                lane=decision.lane,
                reasons=decision.reasons,
                risk=risk,
                score=score,
                model_version=version,
            )
        )
        decided.events.append(
            _event(
                user,
                AuditAction.DECIDE,
                shipment.id,
                lane=str(decision.lane),
                model=version or "none",
                screener=rules.screener.version,
            )
        )
    kept = {s.cargo_control_number for s in shipments}
    for ccn, old in existing.items():
        if ccn not in kept and old.active:
            decided.records.append(replace(old, active=False))
            decided.events.append(_event(user, AuditAction.UPDATE, old.id, withdrawn="true"))
    return decided


def _risks(
    model: CargoRiskModel | None, shipments: list[Any], manifest: Manifest
) -> tuple[list[float | None], list[float | None]]:
    if model is None:
        return [None] * len(shipments), [None] * len(shipments)
    # Imported here: the model's libraries load only once a model is in force.
    from smartborder.targeting.cargo.model import rank_score
    from smartborder.targeting.cargo.shipments import ShipmentRow, declarations_of, shipment_scores

    rows = [
        ShipmentRow(s, manifest.port_code, manifest.estimated_arrival.date()) for s in shipments
    ]
    decls, owner = declarations_of(rows)
    p, revenue = model.predict(decls)
    scores = rank_score(p, revenue)
    return (
        list[float | None](shipment_scores(p, owner, len(rows))),
        list[float | None](shipment_scores(scores, owner, len(rows))),
    )
