"""The entry→exit record type: an entry recorded here becomes the partner's exit record.

``entry_fields`` lists every field an entry could share, flat and as JSON values; the
agreement then keeps only the agreed ones. ``exit_record`` turns the fields received from
the partner back into a crossing record, checking each value as untrusted input, and
``EntryExitReceiver`` keeps them, for the inbox.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from smartborder.domain import (
    Agency,
    AuditAction,
    AuditEvent,
    CrossingRecord,
    Direction,
    DocumentType,
    LaneType,
    PersonName,
    Sex,
    TravelDocument,
)
from smartborder.domain.clock import calendar_problem
from smartborder.errors import ValidationFailed
from smartborder.exchange.receivers import Incoming, RecordRefused
from smartborder.exchange.unit import ExchangeUnit

ENTRY_EXIT = "entry-exit"

#: Every field an entry record can share. Biometrics and plates are not among them:
#: a crossing record does not hold them, so no agreement can name them.
ENTRY_EXIT_FIELDS = frozenset(
    {
        "surname",
        "given_names",
        "birth_date",
        "nationality",
        "sex",
        "document_type",
        "document_number",
        "document_issuing_country",
        "document_expiry_date",
        "port_code",
        "lane",
        "crossed_at",
    }
)
#: Without these the receiver cannot make an exit record at all.
ENTRY_EXIT_REQUIRED = frozenset({"surname", "port_code", "crossed_at"})

_Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$|^D$")]


def _in_calendar(value: date) -> date:
    # Outside these years a date cannot be stored, converted or added to without overflow.
    problem = calendar_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


_Day = Annotated[date, AfterValidator(_in_calendar)]
_Instant = Annotated[AwareDatetime, AfterValidator(_in_calendar)]


def entry_fields(record: CrossingRecord) -> dict[str, Any]:
    """Every shareable field of an entry, as JSON values (None where unknown)."""
    doc = record.document
    return {
        "surname": record.name.surname,
        "given_names": record.name.given,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "nationality": record.nationality,
        "sex": str(record.sex),
        "document_type": str(doc.type) if doc else None,
        "document_number": doc.number if doc else None,
        "document_issuing_country": doc.issuing_state if doc else None,
        "document_expiry_date": doc.expiry_date.isoformat() if doc and doc.expiry_date else None,
        "port_code": record.port_code,
        "lane": str(record.lane) if record.lane else None,
        "crossed_at": record.crossed_at.isoformat(),
    }


class _ExitFields(BaseModel):
    """The values of a received record, each checked; absent fields are None."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    surname: Annotated[str, Field(min_length=1, max_length=200)]
    given_names: Annotated[str, Field(max_length=200)] | None = None
    birth_date: _Day | None = None
    nationality: _Alpha3 | None = None
    sex: Sex | None = None
    document_type: DocumentType | None = None
    document_number: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    document_issuing_country: _Alpha3 | None = None
    document_expiry_date: _Day | None = None
    port_code: Annotated[str, Field(min_length=1, max_length=8)]
    lane: LaneType | None = None
    crossed_at: _Instant


def exit_record(
    fields: Mapping[str, Any], *, partner_id: str, agency: Agency, received_at: datetime
) -> CrossingRecord:
    """The exit record ``agency`` keeps of an entry the partner recorded."""
    try:
        values = _ExitFields.model_validate(dict(fields))
    except ValidationError as exc:
        err = exc.errors()[0]
        location = ".".join(str(p) for p in err["loc"]) or "record"
        raise ValidationFailed(f"field {location}: {err['msg']}") from None
    document = None
    if values.document_number:
        document = TravelDocument(
            type=values.document_type or DocumentType.OTHER,
            number=values.document_number,
            issuing_state=values.document_issuing_country,
            expiry_date=values.document_expiry_date,
        )
    return CrossingRecord(
        agency=agency,
        direction=Direction.EXIT,
        name=PersonName(
            surname=values.surname, given_names=tuple((values.given_names or "").split())
        ),
        birth_date=values.birth_date,
        nationality=values.nationality,
        sex=values.sex or Sex.UNSPECIFIED,
        document=document,
        port_code=values.port_code,
        lane=values.lane,
        crossed_at=values.crossed_at,
        partner_id=partner_id,
        recorded_at=received_at,
    )


class EntryExitReceiver:
    """Entries the partner recorded, kept here as exit records, each with an audited
    receipt. A record naming one of this node's own ports is refused: the partner
    records entries at its ports only, so such a record is a mistake or a forgery."""

    def __init__(self, agency: Agency, partner_actor: str, purpose: str) -> None:
        self._agency = agency
        self._actor = partner_actor
        self._purpose = purpose

    def read(self, key: str, fields: Mapping[str, Any], *, received_at: datetime) -> CrossingRecord:
        return exit_record(fields, partner_id=key, agency=self._agency, received_at=received_at)

    def apply(
        self, uow: ExchangeUnit, sender: Agency, records: Sequence[Incoming], now: datetime
    ) -> list[str]:
        me = self._agency
        ours = {
            code
            for code in {r.value.port_code for r in records}
            if (port := uow.ports.get(code)) is not None and port.agency is me
        }
        refused = [
            (r, f"port {r.value.port_code} is one of {me}'s ports, not {me.partner}'s")
            for r in records
            if r.value.port_code in ours
        ]
        if refused:
            raise RecordRefused(refused)
        exits: list[CrossingRecord] = [r.value for r in records]
        uow.crossings.add_many(exits)
        uow.audit.append_many(
            [
                AuditEvent(
                    actor=self._actor,
                    agency=str(me),
                    action=AuditAction.RECEIVE,
                    purpose=self._purpose,
                    record_type="exit-record",
                    record_id=exit.id,
                    detail={"partner_id": r.key, "message": r.message_id},
                    at=now,
                )
                for r, exit in zip(records, exits, strict=True)
            ]
        )
        return [exit.id for exit in exits]
