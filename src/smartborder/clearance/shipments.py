"""Clear shipments: eManifest intake, acknowledgement, and each shipment's risk and lane.

Intake of one transmission, all in one transaction:
parse and validate (every problem becomes a reason of a rejection) -> the port must be
ours -> an original must be new, an amendment must follow an accepted trip -> FAST
eligibility against the registry -> advance notice by mode (an amendment restarts the
clock) -> for each shipment: watch-list screening of its parties, biosecurity rules,
the risk model, the trusted-importer status -> its lane and reasons -> stored, audited,
acknowledged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from smartborder.clearance.parties import PartyHit, PartyScreener
from smartborder.clearance.risk_models import model_in_force
from smartborder.domain import (
    AuditAction,
    AuditEvent,
    Manifest,
    Party,
    PartyRole,
    Reason,
    ReasonKind,
    User,
    utc_now,
)
from smartborder.domain.manifests import ManifestSubmission, ShipmentRecord
from smartborder.errors import NotFound
from smartborder.formats.manifest.acknowledgement import Acknowledgement, AckReason, AckStatus
from smartborder.formats.manifest.notice import check_notice
from smartborder.formats.manifest.schema import Problem, load_document, to_manifest, validate
from smartborder.programmes.fast import check_fast, trusted_importer
from smartborder.store.uow import UnitOfWork
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


def _event(
    user: User, action: AuditAction, record_type: str, record_id: str | None, **detail: str
) -> AuditEvent:
    return AuditEvent(
        actor=user.actor,
        agency=str(user.agency),
        action=action,
        purpose="eManifest intake",
        record_type=record_type,
        record_id=record_id,
        detail=detail,
    )


def submit_manifest(
    uow: UnitOfWork,
    user: User,
    raw: bytes | str | dict[str, Any],
    *,
    rules: IntakeRules,
    received_at: datetime | None = None,
) -> Acknowledgement:
    """Take in one eManifest transmission and acknowledge it (accepted or rejected)."""
    received_at = received_at or utc_now()
    doc, problems = validate(raw) if isinstance(raw, dict) else load_document(raw)
    if doc is None:
        return _reject(
            uow,
            user,
            received_at,
            None,
            False,
            None,
            [AckReason("schema", p.where, p.text) for p in problems],
        )
    manifest = to_manifest(doc)
    document = doc.model_dump(mode="json", by_alias=True)
    with uow:
        refusal = _refusal(uow, user, manifest)
        if refusal:
            uow.rollback()
        else:
            return _accept(uow, user, manifest, document, received_at, rules)
    return _reject(
        uow, user, received_at, manifest.trip_number, manifest.amendment, document, refusal
    )


def _refusal(uow: UnitOfWork, user: User, manifest: Manifest) -> list[AckReason]:
    reasons = []
    port = uow.ports.get(manifest.port_code)
    if port is None or port.agency is not user.agency:
        reasons.append(
            AckReason(
                "port",
                "port_of_entry",
                f"{manifest.port_code} is not one of {user.agency}'s ports of entry",
            )
        )
    prior = uow.manifests.latest_accepted(user.agency, manifest.trip_number)
    if manifest.amendment and prior is None:
        reasons.append(
            AckReason(
                "unknown-trip", "trip_number", f"no accepted trip {manifest.trip_number} to amend"
            )
        )
    if not manifest.amendment and prior is not None:
        reasons.append(
            AckReason(
                "duplicate-trip",
                "trip_number",
                f"trip {manifest.trip_number} was already accepted; send an amendment",
            )
        )
    for i, shipment in enumerate(manifest.shipments):
        other = uow.shipments.by_ccn(user.agency, shipment.cargo_control_number)
        if other is not None and other.trip_number != manifest.trip_number:
            reasons.append(
                AckReason(
                    "duplicate-shipment",
                    f"shipments[{i}].cargo_control_number",
                    f"{shipment.cargo_control_number} was declared on trip {other.trip_number}",
                )
            )
    return reasons


def _reject(
    uow: UnitOfWork,
    user: User,
    received_at: datetime,
    trip_number: str | None,
    amendment: bool,
    document: dict[str, Any] | None,
    reasons: Sequence[AckReason],
) -> Acknowledgement:
    submission = ManifestSubmission(
        agency=user.agency,
        received_at=received_at,
        status=str(AckStatus.REJECTED),
        acknowledgement={},
        submitted_by=user.actor,
        trip_number=trip_number,
        amendment=amendment,
        document=document,
    )
    ack = Acknowledgement(
        submission_id=submission.id,
        status=AckStatus.REJECTED,
        received_at=received_at,
        trip_number=trip_number,
        reasons=tuple(reasons),
        amended=amendment,
    )
    with uow:
        uow.manifests.add(replace(submission, acknowledgement=ack.to_json()))
        uow.audit.append(
            _event(
                user,
                AuditAction.REJECT,
                "manifest",
                submission.id,
                reasons=str(len(reasons)),
                first=reasons[0].text[:200] if reasons else "",
            )
        )
        uow.commit()
    return ack


def _accept(
    uow: UnitOfWork,
    user: User,
    manifest: Manifest,
    document: dict[str, Any],
    received_at: datetime,
    rules: IntakeRules,
) -> Acknowledgement:
    notices: list[AckReason] = []
    fast = False
    if manifest.fast:
        check = check_fast(uow, user.agency, manifest)
        fast = check.eligible
        if not fast:
            notices += [AckReason("fast-refused", r.ref, r.text) for r in check.reasons]
    timeliness = check_notice(manifest, received_at, fast=fast)
    if timeliness.late:
        late_by = -timeliness.margin
        notices.append(
            AckReason(
                "late",
                "received_at",
                f"{timeliness.rule}; received {int(late_by.total_seconds() // 60)} min late",
            )
        )
    if manifest.amendment:
        notices.append(
            AckReason(
                "amended", "type", "amends the trip; advance notice runs from this transmission"
            )
        )
    submission = ManifestSubmission(
        agency=user.agency,
        received_at=received_at,
        status=str(AckStatus.ACCEPTED),
        acknowledgement={},
        submitted_by=user.actor,
        trip_number=manifest.trip_number,
        amendment=manifest.amendment,
        document=document,
    )
    ack = Acknowledgement(
        submission_id=submission.id,
        status=AckStatus.ACCEPTED,
        received_at=received_at,
        trip_number=manifest.trip_number,
        notices=tuple(notices),
        deadline=timeliness.deadline,
        late=timeliness.late,
        amended=manifest.amendment,
        fast=fast,
        shipments=tuple(s.cargo_control_number for s in manifest.shipments),
    )
    uow.manifests.add(replace(submission, acknowledgement=ack.to_json()))
    decided = _decide(uow, user, manifest, submission.id, timeliness.late, rules)
    uow.shipments.put_many(decided.records)
    uow.audit.append(
        _event(
            user,
            AuditAction.CREATE,
            "manifest",
            submission.id,
            trip=manifest.trip_number,
            late=str(timeliness.late),
            fast=str(fast),
        )
    )
    uow.audit.append_many(decided.events)
    uow.commit()
    return ack


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


def _decide(
    uow: UnitOfWork,
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
                "shipment",
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
            decided.events.append(
                _event(user, AuditAction.UPDATE, "shipment", old.id, withdrawn="true")
            )
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


def manifest_status(uow: UnitOfWork, user: User, submission_id: str) -> Acknowledgement:
    """The acknowledgement of one of the user's agency's submissions."""
    with uow:
        submission = uow.manifests.get(user.agency, submission_id)
    if submission is None:
        raise NotFound(f"no manifest submission {submission_id}")
    return Acknowledgement.from_json(submission.acknowledgement)


def shipment_risk(uow: UnitOfWork, user: User, shipment_id: str, *, purpose: str) -> ShipmentRecord:
    """A shipment's risk, lane and reasons; the read names its parties, so it is audited."""
    with uow:
        record = uow.shipments.get(user.agency, shipment_id)
        if record is None:
            raise NotFound(f"no shipment {shipment_id}")
        uow.audit.append(
            AuditEvent(
                actor=user.actor,
                agency=str(user.agency),
                action=AuditAction.READ,
                purpose=purpose,
                record_type="shipment",
                record_id=shipment_id,
            )
        )
        uow.commit()
    return record


def problems_as_reasons(problems: Sequence[Problem]) -> list[AckReason]:
    return [AckReason("schema", p.where, p.text) for p in problems]
