"""What the inbox hands each record type to: a receiver that reads and applies its records.

The inbox does what every record type shares (the envelope, the agreement, the replay
cache, keys applied once, receipts); a receiver does what only its type knows. It reads
a record's fields (``read``: untrusted input, checked before the transaction), then
applies the new ones in the inbox's transaction (``apply``), so that a record, its
effects and its receipt are kept together or not at all. A record the receiver cannot
apply (it names something this node does not hold, or a decision in another agency's
name) raises ``RecordRefused``; the whole message is then refused and nothing of it is
kept, and the partner's relay sends the other records again without it.

The receivers of a context live with it (``programmes.partner`` for the trusted-traveller
records) and are handed to the inbox by the composition root; the unit of work they are
given is the store's, which has every context's repositories.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from smartborder.domain import Agency
from smartborder.errors import ValidationFailed

U_contra = TypeVar("U_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One new record of a message: where it was, its key, and what ``read`` made of it."""

    index: int
    key: str
    value: Any
    message_id: str


class RecordRefused(ValidationFailed):
    """Records that cannot be applied, each with its problem."""

    def __init__(self, refused: Sequence[tuple[Incoming, str]]) -> None:
        super().__init__(refused[0][1])
        self.problems = [
            {"index": str(record.index), "key": record.key, "problem": problem}
            for record, problem in refused
        ]


class Receiver(Protocol[U_contra]):
    def read(self, key: str, fields: Mapping[str, Any], *, received_at: datetime) -> Any:
        """The record's fields checked and made into what ``apply`` takes;
        ValidationFailed naming the field otherwise."""
        ...

    def apply(
        self, uow: U_contra, sender: Agency, records: Sequence[Incoming], now: datetime
    ) -> list[str]:
        """Apply the new records in ``uow`` (not committed here); the local id each one
        became, in order. RecordRefused for one that cannot be applied."""
        ...
