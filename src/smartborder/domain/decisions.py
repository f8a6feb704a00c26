"""Decisions and their reasons.

Every decision is explainable (each reason names the rule, list entry or programme that
caused it) and reproducible (it records the versions it used and a hash of its inputs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import as_utc, utc_now
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.ids import new_id


class DecisionKind(AnyCaseStrEnum):
    RELEASE = "release"
    REFER = "refer"  # to secondary inspection
    EXAMINE = "examine"  # goods: physical or documentary examination
    DENY = "deny"
    BOARD = "board"  # interactive API answer to the carrier before departure
    NO_BOARD = "no_board"


class ReasonKind(AnyCaseStrEnum):
    WATCHLIST = "watchlist"
    RULE = "rule"
    PROGRAMME = "programme"  # trusted traveller / trader status
    DOCUMENT = "document"  # expired, check digits...
    RANDOM = "random"  # random selection for compliance measurement
    MODEL = "model"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: ``ref`` is ``list_id:source_id`` for a watch-list hit, else the rule or programme id."""

    kind: ReasonKind
    ref: str
    text: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    subject_id: str  # the arrival, traveller or shipment decided upon
    kind: DecisionKind
    reasons: tuple[Reason, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)  # rule set, lists, model, engine
    inputs_hash: str = ""
    risk_score: float = 0.0
    decided_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "decided_at", as_utc(self.decided_at, field="decided_at"))


class ClearanceMode(AnyCaseStrEnum):
    AIR = "air"  # before arrival, from API/PNR
    LAND = "land"  # at the booth, from the document read


@dataclass(frozen=True, slots=True)
class TravellerDecision:
    """A decision about one traveller, with the snapshot it was taken on.

    ``facts`` is the flat mapping the rules saw (JSON-safe values), kept so that a draft
    rule set can be backtested on stored traffic and a decision re-derived later.
    """

    decision: Decision
    agency: Agency
    mode: ClearanceMode
    role: str
    traveller_name: str
    identity_key: str
    travel_date: date
    facts: dict[str, object] = field(default_factory=dict)
    message_id: str | None = None
    flight: str | None = None
    port_code: str | None = None
    lane: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    birth_date: date | None = None

    @property
    def id(self) -> str:
        return self.decision.id


@dataclass(frozen=True, slots=True)
class RecordedOutcome:
    """A secondary inspection's finding, with the crossing it was about: a traveller's
    record of violations, seizures and refusals, as the trusted-traveller vetting reads it."""

    decision_id: str
    outcome: str  # a SecondaryOutcome's value other than no_action
    port_code: str | None
    travel_date: date
    note: str


@dataclass(frozen=True, slots=True)
class History:
    """What a node's own decisions say about one identity over a period."""

    decisions: int = 0
    referrals: int = 0
    last_travel: date | None = None


@dataclass(frozen=True, slots=True)
class DecidedFacts:
    """What a backtest reads of a stored decision: whom, in which role and mode, on what.

    A backtest walks months of decisions: reading only these fields is several times
    faster than the whole decision with its reasons.
    """

    id: str
    identity_key: str
    role: str
    mode: ClearanceMode
    facts: dict[str, object]


@dataclass(frozen=True, slots=True)
class FlightDay:
    """One flight's arrival on a day, in figures: what the flights page lists."""

    flight: str
    travel_date: date
    travellers: int
    referrals: int  # referred to secondary, denied boarding or entry
    hits: int
    arrives_at: datetime | None


#: The decisions that send a traveller on to an officer, or keep them out.
REFERRING = frozenset({DecisionKind.REFER, DecisionKind.DENY, DecisionKind.NO_BOARD})


def soonest(at: datetime | None) -> tuple[bool, datetime]:
    """A sort key: the soonest arrival first, an unknown one last."""
    return (at is None, at or _NEVER)


def flight_order(day: FlightDay) -> tuple[bool, datetime, str]:
    """Soonest arrival first, flights of unknown arrival last, then by designator."""
    return (*soonest(day.arrives_at), day.flight)


_NEVER = datetime.max.replace(tzinfo=UTC)
