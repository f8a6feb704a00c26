"""Watch lists: lookouts (the listed people and organisations) and the hits against them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.clock import utc_now
from smartborder.domain.enums import AnyCaseStrEnum
from smartborder.domain.people import PersonName, Sex


class SubjectKind(AnyCaseStrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


@dataclass(frozen=True, slots=True)
class ListedDocument:
    number: str
    kind: str | None = None  # "passport", "national id"...
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Lookout:
    """One entry of a watch list: a listed person or organisation with all its names.

    ``source_id`` is the list's own key (OFAC ent_num, UN reference number...) so that
    an officer can find the entry in the publication itself.
    """

    list_id: str
    source_id: str
    kind: SubjectKind
    names: tuple[PersonName, ...]
    birth_dates: tuple[str, ...] = ()  # YYYY-MM-DD, or YYYY when only the year is known
    nationalities: tuple[str, ...] = ()  # alpha-3
    sex: Sex | None = None
    documents: tuple[ListedDocument, ...] = ()
    programmes: tuple[str, ...] = ()  # sanctions programmes, lookout categories
    remarks: str = ""

    @property
    def ref(self) -> str:
        return f"{self.list_id}:{self.source_id}"

    @property
    def primary_name(self) -> PersonName:
        return self.names[0]


@dataclass(frozen=True, slots=True)
class WatchList:
    list_id: str
    version: str
    source: str  # "ofac-sdn", "un-consolidated", "agency"...
    loaded_at: datetime = field(default_factory=utc_now)
    entry_count: int = 0
    checksum: str = ""  # SHA-256 of the file(s) the version was loaded from


class FetchOutcome(AnyCaseStrEnum):
    RUNNING = "running"
    LOADED = "loaded"  # a new version is the one screening uses
    UNCHANGED = "unchanged"  # the source still publishes the version loaded
    FAILED = "failed"  # nothing was loaded: the version before keeps serving


@dataclass(frozen=True, slots=True)
class ListFetch:
    """One fetch of a list from its source (by ``lists fetch`` or the console), and what
    came of it: what the Lists page says about the last one of each source."""

    source: str  # "ofac", "un", "sema" (``lists.sources.SOURCES``)
    list_id: str
    actor: str
    started_at: datetime
    outcome: FetchOutcome = FetchOutcome.RUNNING
    finished_at: datetime | None = None
    version: str = ""
    entries: int | None = None
    checksum: str = ""
    problem: str = ""  # why it failed, in one line
    id: int = 0  # the store's number; 0 until it is recorded


@dataclass(frozen=True, slots=True)
class WatchlistHit:
    """A query matched a lookout: with the score and the words that explain it."""

    query_id: str
    lookout_ref: str
    score: float
    matched_name: str
    explanation: str
    list_version: str = ""
    rank: int = 1  # 1 for the best hit of its query

    @property
    def list_id(self) -> str:
        return self.lookout_ref.split(":", 1)[0]

    @property
    def source_id(self) -> str:
        return self.lookout_ref.split(":", 1)[1]


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """One person or organisation to screen, as a border sees them.

    ``name`` is written in any script and any order; ``birth_date`` is YYYY-MM-DD or
    YYYY, ``nationality`` alpha-3, ``gender`` M or F.
    """

    id: str
    name: str
    birth_date: str | None = None
    nationality: str | None = None
    gender: Sex | None = None
    document_number: str | None = None
