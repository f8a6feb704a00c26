"""Clear shipments: eManifest intake, acknowledgement, and each shipment's risk and lane.

Intake of one transmission, all in one transaction:
parse and validate (every problem becomes a reason of a rejection) -> the same content
as the trip's last accepted transmission is a re-send: its stored acknowledgement, the
read audited, nothing decided again -> the port must be ours -> an amendment must follow
an accepted trip -> FAST eligibility against the registry -> advance notice by mode (an
amendment restarts the clock) -> for each shipment: watch-list screening of its parties,
biosecurity rules, the risk model, the trusted-importer status -> its lane and reasons ->
stored, audited, acknowledged.

Carriers re-use trip numbers, so an original under a trip number accepted before with
other content is not refused: it is cleared on its own content like any transmission of
the trip (its shipments replace the trip's, as an amendment's do; its notice is judged
as an original's) and flagged "reference re-used with different content" in its
acknowledgement's warnings, in the audit entry of the acceptance and in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from smartborder.domain import (
    AuditAction,
    AuditEvent,
    Manifest,
    User,
    utc_now,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.intake import REFERENCE_REUSED, content_digest
from smartborder.domain.manifests import ManifestSubmission, ShipmentRecord
from smartborder.errors import NotFound
from smartborder.formats.manifest.acknowledgement import Acknowledgement, AckReason, AckStatus
from smartborder.formats.manifest.notice import check_notice
from smartborder.formats.manifest.schema import load_document, to_manifest, validate
from smartborder.goods.trip_decisions import IntakeRules, decide_trip
from smartborder.goods.unit import GoodsUnit
from smartborder.programmes.fast import check_fast

__all__ = ["IntakeRules", "manifest_status", "shipment_risk", "submit_manifest"]

log = logging.getLogger(__name__)


def _event(
    user: User, action: AuditAction, record_type: str, record_id: str | None, **detail: str
) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose="eManifest intake",
        record_type=record_type,
        record_id=record_id,
        detail=detail,
    )


def submit_manifest(
    uow: GoodsUnit,
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
    # As read and validated, not as written: other whitespace or key order is the same.
    document = doc.model_dump(mode="json", by_alias=True)
    with uow:
        prior = uow.manifests.latest_accepted(user.agency, manifest.trip_number)
        if prior is not None and _same_content(prior, document):
            return _resent(uow, user, prior)
        refusal = _refusal(uow, user, manifest, prior)
        if refusal:
            uow.rollback()
        else:
            # Not the content accepted (that was answered as a re-send): an original
            # under an accepted trip number re-uses it, and is cleared all the same.
            reused = prior if not manifest.amendment else None
            return _accept(uow, user, manifest, document, received_at, rules, reused)
    return _reject(
        uow, user, received_at, manifest.trip_number, manifest.amendment, document, refusal
    )


def _same_content(prior: ManifestSubmission, document: dict[str, Any]) -> bool:
    return prior.document is not None and content_digest(prior.document) == content_digest(document)


def _resent(uow: GoodsUnit, user: User, prior: ManifestSubmission) -> Acknowledgement:
    """A transmission sent again: the acknowledgement it got. It names the trip's parties,
    so the read is audited like any other."""
    uow.audit.append(
        _event(
            user,
            AuditAction.READ,
            "manifest",
            prior.id,
            trip=prior.trip_number or "",
            resent="the same content as the trip's last accepted transmission",
        )
    )
    uow.commit()
    return Acknowledgement.from_json(prior.acknowledgement)


def _refusal(
    uow: GoodsUnit, user: User, manifest: Manifest, prior: ManifestSubmission | None
) -> list[AckReason]:
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
    if manifest.amendment and prior is None:
        reasons.append(
            AckReason(
                "unknown-trip", "trip_number", f"no accepted trip {manifest.trip_number} to amend"
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
    uow: GoodsUnit,
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
    uow: GoodsUnit,
    user: User,
    manifest: Manifest,
    document: dict[str, Any],
    received_at: datetime,
    rules: IntakeRules,
    reused: ManifestSubmission | None,
) -> Acknowledgement:
    """Accept and clear ``manifest``; ``reused`` is the trip's last accepted transmission
    when this original re-uses its trip number with other content."""
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
        warnings=(_reuse_warning(manifest, reused),) if reused else (),
        deadline=timeliness.deadline,
        late=timeliness.late,
        amended=manifest.amendment,
        fast=fast,
        shipments=tuple(s.cargo_control_number for s in manifest.shipments),
    )
    uow.manifests.add(replace(submission, acknowledgement=ack.to_json()))
    # Deciding the trip replaces its stored shipments: an amendment's, or a re-used trip
    # number's, which is cleared on its own content in the same way.
    decided = decide_trip(uow, user, manifest, submission.id, timeliness.late, rules)
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
            **({"warning": REFERENCE_REUSED, "earlier": reused.id} if reused else {}),
        )
    )
    uow.audit.append_many(decided.events)
    uow.commit()
    if reused:
        log.warning(
            "manifest %s for trip %s: %s (trip accepted before as %s)",
            submission.id,
            manifest.trip_number,
            REFERENCE_REUSED,
            reused.id,
        )
    return ack


def _reuse_warning(manifest: Manifest, earlier: ManifestSubmission) -> AckReason:
    return AckReason(
        "reference-reused",
        "trip_number",
        f"{REFERENCE_REUSED}: trip {manifest.trip_number} was accepted before with other "
        f"content (submission {earlier.id}); cleared on this transmission's content, "
        "which replaces the trip's shipments",
    )


def manifest_status(
    uow: GoodsUnit, user: User, submission_id: str, *, purpose: str
) -> Acknowledgement:
    """The acknowledgement of one of the user's agency's submissions. Its reasons name the
    trip's parties and drivers, so the read is audited."""
    purpose = stated_purpose(purpose)
    with uow:
        submission = uow.manifests.get(user.agency, submission_id)
        if submission is None:
            raise NotFound(f"no manifest submission {submission_id}")
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="manifest",
                record_id=submission_id,
            )
        )
        uow.commit()
    return Acknowledgement.from_json(submission.acknowledgement)


def shipment_risk(uow: GoodsUnit, user: User, shipment_id: str, *, purpose: str) -> ShipmentRecord:
    """A shipment's risk, lane and reasons; the read names its parties, so it is audited."""
    purpose = stated_purpose(purpose)
    with uow:
        record = uow.shipments.get(user.agency, shipment_id)
        if record is None:
            raise NotFound(f"no shipment {shipment_id}")
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="shipment",
                record_id=shipment_id,
            )
        )
        uow.commit()
    return record
