"""The day's examinations at a port: build the queue under capacity, record outcomes.

A queue is built once per port and day (building it again returns the same queue, so a
retry never reshuffles who is examined). Red-lane shipments required by a watch-list hit
or a red biosecurity rule are always in it; the random share is drawn before the scores
are read; the rest goes to the highest scores. Each recorded outcome becomes training
data for the next model (``risk_models.retrain``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from smartborder.domain import (
    AuditAction,
    AuditEvent,
    ExamOutcome,
    ReasonKind,
    SelectivityLane,
    User,
    utc_now,
)
from smartborder.domain.audit import stated_purpose
from smartborder.domain.manifests import Examination, ShipmentRecord
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.goods.unit import GoodsUnit
from smartborder.targeting.cargo.biosecurity import DEFAULT_RULES
from smartborder.targeting.cargo.selection import (
    DEFAULT_RANDOM_SHARE,
    Candidate,
    select,
)

MAX_CAPACITY = 100_000
_RED_RULES = {rule.id for rule in DEFAULT_RULES if rule.lane is SelectivityLane.RED}


@dataclass(frozen=True, slots=True)
class ExamQueue:
    port_code: str
    day: date
    shipments: int  # candidates that day
    exams: tuple[Examination, ...]
    capacity: int | None  # None when not known (a queue built before it was kept)

    @property
    def over_capacity(self) -> int:
        return 0 if self.capacity is None else max(0, len(self.exams) - self.capacity)


def required(record: ShipmentRecord) -> bool:
    """Red for a reason other than the model's score: examined whatever the capacity."""
    return record.lane is SelectivityLane.RED and any(
        r.kind is ReasonKind.WATCHLIST or (r.kind is ReasonKind.RULE and r.ref in _RED_RULES)
        for r in record.reasons
    )


def _audit(user: User, action: AuditAction, record_id: str | None, **detail: str) -> AuditEvent:
    return AuditEvent.by(
        user,
        action=action,
        purpose="examination selection",
        record_type="examination",
        record_id=record_id,
        detail=detail,
    )


def build_queue(
    uow: GoodsUnit,
    user: User,
    *,
    port_code: str,
    day: date,
    capacity: int,
    random_share: float = DEFAULT_RANDOM_SHARE,
    seed: int | None = None,
) -> ExamQueue:
    """Select the day's examinations at a port of the user's agency."""
    if not 0 <= capacity <= MAX_CAPACITY:
        raise ValidationFailed(f"capacity must be between 0 and {MAX_CAPACITY:,}")
    # Random picks must not be predictable by a trader: the system's entropy unless a
    # seed is given (the demo and the tests give one, to be reproducible).
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    with uow:
        port = uow.ports.get(port_code)
        if port is None or port.agency is not user.agency:
            raise NotFound(f"{port_code} is not one of {user.agency}'s ports of entry")
        shipments = uow.shipments.for_port_day(user.agency, port_code, day)
        existing = uow.examinations.for_port_day(user.agency, port_code, day)
        if existing:
            return stored_queue(port_code, day, len(shipments), existing)
        selection = select(
            [
                Candidate(r.id, r.score if r.score is not None else (r.risk or 0.0), required(r))
                for r in shipments
            ],
            capacity=capacity,
            random_share=random_share,
            rng=rng,
        )
        exams = [
            Examination(
                agency=user.agency,
                shipment_id=pick.shipment_id,
                port_code=port_code,
                day=day,
                selected_by=str(pick.by),
                score=pick.score,
                capacity=capacity,
            )
            for pick in selection.picks
        ]
        uow.examinations.add_many(exams)
        uow.audit.append(
            _audit(
                user,
                AuditAction.DECIDE,
                None,
                port=port_code,
                day=day.isoformat(),
                capacity=str(capacity),
                random_share=str(random_share),
                selected=str(len(exams)),
            )
        )
        uow.commit()
    return ExamQueue(port_code, day, len(shipments), tuple(exams), capacity)


def record_outcome(
    uow: GoodsUnit,
    user: User,
    shipment_id: str,
    *,
    outcome: ExamOutcome,
    revenue: float = 0.0,
    findings: str | None = None,
) -> Examination:
    """Record what an examination found; once recorded, an outcome is not overwritten."""
    if revenue < 0 or (outcome is ExamOutcome.COMPLIANT and revenue > 0):
        raise ValidationFailed("revenue is the tax a finding raised: 0 for a compliant shipment")
    with uow:
        exam = uow.examinations.by_shipment(user.agency, shipment_id)
        if exam is None:
            raise NotFound(f"shipment {shipment_id} was not selected for examination")
        if exam.outcome is not None:
            raise Conflict(f"the examination of {shipment_id} was already recorded")
        done = replace(
            exam,
            outcome=outcome,
            revenue=revenue,
            findings=(findings or "").strip()[:2000] or None,
            recorded_at=utc_now(),
            recorded_by=user.actor,
        )
        uow.examinations.update(done)
        uow.audit.append(_audit(user, AuditAction.UPDATE, exam.id, outcome=str(outcome)))
        uow.commit()
    return done


def read_queue(uow: GoodsUnit, user: User, *, port_code: str, day: date, purpose: str) -> ExamQueue:
    """The day's examinations at a port. Their findings are about named shipments and
    parties, so the read is audited, naming every examination it returned."""
    purpose = stated_purpose(purpose)
    with uow:
        shipments = uow.shipments.for_port_day(user.agency, port_code, day)
        exams = uow.examinations.for_port_day(user.agency, port_code, day)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose=purpose,
                record_type="examination",
                record_id=f"{port_code}/{day.isoformat()}",
                detail={"count": str(len(exams)), "ids": [e.id for e in exams]},
            )
        )
        uow.commit()
    return stored_queue(port_code, day, len(shipments), exams)


def stored_queue(port_code: str, day: date, shipments: int, exams: list[Examination]) -> ExamQueue:
    """A queue as stored: its capacity is the one its examinations were selected under."""
    capacity = next((e.capacity for e in exams if e.capacity is not None), None)
    return ExamQueue(port_code, day, shipments, tuple(exams), capacity)
