"""The node's cargo risk model: the one in force, and retraining on examination outcomes.

Models are kept in the store as their JSON documents, newest in force. Retraining reads
every recorded examination outcome (the feedback loop), trains a new model on them and
stores it; intake picks it up on its next trip. Examined shipments are not a random
sample of all shipments (most were chosen because they looked risky), which is why
selection keeps a random share: its outcomes are the unbiased part of what the model
learns from.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from smartborder.domain import Agency, AuditAction, AuditEvent, ExamOutcome, User
from smartborder.domain.manifests import CargoModelRecord
from smartborder.errors import ValidationFailed
from smartborder.goods.unit import GoodsUnit

if TYPE_CHECKING:
    from smartborder.targeting.cargo.model import CargoRiskModel

MIN_OUTCOMES = 100


_parsed: dict[str, CargoRiskModel] = {}  # by record id: a stored model never changes


def _parse(record: CargoModelRecord) -> CargoRiskModel:
    from smartborder.targeting.cargo.model import CargoRiskModel  # loads LightGBM on first use

    model = _parsed.get(record.id)
    if model is None:
        if len(_parsed) >= 4:
            _parsed.clear()
        model = _parsed[record.id] = CargoRiskModel.from_document(json.loads(record.document))
    return model


def model_in_force(uow: GoodsUnit, agency: Agency) -> tuple[CargoRiskModel | None, str | None]:
    """The newest stored model and its version, inside the caller's unit of work."""
    record = uow.cargo_models.latest(agency)
    if record is None:
        return None, None
    return _parse(record), record.version


def store_model(uow: GoodsUnit, user: User, model: CargoRiskModel) -> CargoModelRecord:
    """Keep ``model`` as the one in force for the user's agency."""
    document = model.to_document()
    record = CargoModelRecord(
        agency=user.agency,
        version=str(document["sha256"])[:16],
        document=json.dumps(document, separators=(",", ":")),
        trained_on=dict(model.trained_on),
    )
    with uow:
        uow.cargo_models.add(record)
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.CREATE,
                purpose="cargo risk model",
                record_type="cargo_model",
                record_id=record.id,
                detail={
                    "version": record.version,
                    "declarations": str(model.trained_on.get("declarations", "")),
                },
            )
        )
        uow.commit()
    return record


def retrain(uow: GoodsUnit, user: User, *, min_outcomes: int = MIN_OUTCOMES) -> CargoModelRecord:
    """Train a new model on every recorded examination outcome and put it in force."""
    from smartborder.targeting.cargo.model import CargoRiskModel
    from smartborder.targeting.cargo.shipments import ShipmentRow, declarations_of

    with uow:
        rows = []
        for exam in uow.examinations.recorded(user.agency):
            record = uow.shipments.get(user.agency, exam.shipment_id)
            if record is None:
                continue
            rows.append(
                ShipmentRow(
                    shipment=record.shipment,
                    port_code=record.port_code,
                    day=exam.day,
                    illicit=exam.outcome is ExamOutcome.ILLICIT,
                    revenue=float(exam.revenue or 0.0),
                )
            )
    if len(rows) < min_outcomes:
        raise ValidationFailed(
            f"retraining needs at least {min_outcomes} recorded examination outcomes "
            f"(there are {len(rows)})"
        )
    decls, _ = declarations_of(rows)
    model = CargoRiskModel.train(decls)
    return store_model(uow, user, model)
