"""The acknowledgement every eManifest submission receives.

Like the programmes' status messages, it says *accepted* or *rejected*; a rejection lists
each reason (where and what), and an acceptance carries its notices: the trip was late,
it amends an earlier transmission, the FAST lane was refused and why. An acceptance may
also carry warnings: what the node noticed and got past (a trip number re-used with other
content, ``reference-reused``). Both lists are optional in the stored JSON, so an
acknowledgement written before warnings existed still reads back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from smartborder.errors import FormatError


class AckStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class AckReason:
    # stable: schema, json, port, unknown-trip, duplicate-shipment, late, amended,
    # fast-refused, reference-reused...
    code: str
    where: str
    text: str


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    submission_id: str
    status: AckStatus
    received_at: datetime
    trip_number: str | None = None
    reasons: tuple[AckReason, ...] = ()  # why it was rejected
    notices: tuple[AckReason, ...] = ()  # what an accepted trip should know
    warnings: tuple[AckReason, ...] = ()  # what the node noticed and got past
    deadline: datetime | None = None
    late: bool = False
    amended: bool = False
    fast: bool = False  # the FAST lane as granted
    shipments: tuple[str, ...] = ()  # cargo control numbers accepted

    @property
    def accepted(self) -> bool:
        return self.status is AckStatus.ACCEPTED

    def to_json(self) -> dict[str, Any]:
        def reasons(items: tuple[AckReason, ...]) -> list[dict[str, str]]:
            return [{"code": r.code, "where": r.where, "text": r.text} for r in items]

        return {
            "submission_id": self.submission_id,
            "status": str(self.status),
            "received_at": self.received_at.isoformat(),
            "trip_number": self.trip_number,
            "reasons": reasons(self.reasons),
            "notices": reasons(self.notices),
            "warnings": reasons(self.warnings),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "late": self.late,
            "amended": self.amended,
            "fast": self.fast,
            "shipments": list(self.shipments),
        }

    @classmethod
    def from_json(cls, data: Any) -> Acknowledgement:
        """Read back a stored acknowledgement (our own JSON)."""
        try:
            return cls(
                submission_id=str(data["submission_id"]),
                status=AckStatus(data["status"]),
                received_at=datetime.fromisoformat(data["received_at"]),
                trip_number=data.get("trip_number"),
                reasons=tuple(AckReason(**r) for r in data.get("reasons", [])),
                notices=tuple(AckReason(**r) for r in data.get("notices", [])),
                warnings=tuple(AckReason(**r) for r in data.get("warnings", [])),
                deadline=datetime.fromisoformat(data["deadline"]) if data.get("deadline") else None,
                late=bool(data.get("late")),
                amended=bool(data.get("amended")),
                fast=bool(data.get("fast")),
                shipments=tuple(str(s) for s in data.get("shipments", [])),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FormatError(f"not an acknowledgement: {exc}") from None
