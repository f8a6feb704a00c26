"""Hits in an agency's queue, and what analysts decide about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import utc_now
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.ids import new_id


class HitKind(AnyCaseStrEnum):
    WATCHLIST = "watchlist"
    RULE = "rule"


class HitStatus(AnyCaseStrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"  # the traveller is the listed person / the pattern is real
    DISMISSED = "dismissed"  # a false positive: the pair will not alert again
    REFERRED = "referred"  # sent on (secondary, another unit) for a decision


class SecondaryOutcome(AnyCaseStrEnum):
    """What secondary inspection found."""

    NO_ACTION = "no_action"  # released, nothing found
    WARNING = "warning"
    SEIZURE = "seizure"
    PENALTY = "penalty"
    REFUSED_ENTRY = "refused_entry"
    ARREST = "arrest"

    @property
    def productive(self) -> bool:
        return self is not SecondaryOutcome.NO_ACTION


@dataclass(frozen=True, slots=True)
class Disposition:
    status: HitStatus
    note: str
    by: str  # actor
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True)
class Hit:
    """One reason a traveller came to attention, waiting for (or given) a disposition.

    ``identity_key`` names the traveller across messages; ``ref`` names the list entry or
    rule. Their pair is what a dismissal suppresses, for as long as neither
    ``traveller_fingerprint`` nor ``subject_fingerprint`` changes.
    """

    agency: Agency
    decision_id: str
    kind: HitKind
    ref: str  # list_id:source_id, or the rule id
    score: float
    text: str
    identity_key: str
    traveller_fingerprint: str
    subject_fingerprint: str  # the list entry's data, or the rule's version
    traveller_name: str
    status: HitStatus = HitStatus.OPEN
    disposition: Disposition | None = None
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A pair an analyst called a false positive, with the data it was judged on."""

    agency: Agency
    identity_key: str
    ref: str
    traveller_fingerprint: str
    subject_fingerprint: str
    by: str
    note: str
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """The finding of a secondary inspection, tied to the decision that referred."""

    agency: Agency
    decision_id: str
    outcome: SecondaryOutcome
    note: str
    by: str
    at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Which hits an analyst's queue shows."""

    status: HitStatus | None = HitStatus.OPEN
    kind: HitKind | None = None
    port: str | None = None
    flight: str | None = None
    ref: str | None = None  # the list entry or rule


@dataclass(frozen=True, slots=True)
class QueuedHit:
    """A hit with where and when its traveller arrives, as the analyst's queue shows it."""

    hit: Hit
    flight: str | None
    port_code: str | None
    arrives_at: datetime | None  # None: a land crossing, or a flight of unknown arrival
